package energy.p2p.io;

import energy.p2p.model.Bid;
import energy.p2p.model.Rejection;
import java.util.Objects;

/**
 * The outcome of reading one raw record: exactly one of {@code bid} (well-formed, not yet validated
 * against feeders and limits) or {@code rejection} (MALFORMED, TOO_LARGE, BAD_SIDE,
 * INVALID_QUANTITY, INVALID_PRICE or BAD_TIMESTAMP with a detail naming the field).
 *
 * @param raw the record as received (kept so a later rejection can carry it)
 * @param signature the bid's optional {@code signature} field (base64 Ed25519), or null
 */
public record ParsedBid(Bid bid, Rejection rejection, String raw, String signature) {

  public ParsedBid(Bid bid, Rejection rejection, String raw) {
    this(bid, rejection, raw, null);
  }

  public ParsedBid {
    if ((bid == null) == (rejection == null)) {
      throw new IllegalArgumentException("exactly one of bid and rejection");
    }
  }

  public static ParsedBid ok(Bid bid, String raw) {
    return new ParsedBid(Objects.requireNonNull(bid), null, raw, null);
  }

  public static ParsedBid ok(Bid bid, String raw, String signature) {
    return new ParsedBid(Objects.requireNonNull(bid), null, raw, signature);
  }

  public static ParsedBid rejected(Rejection rejection) {
    return new ParsedBid(null, Objects.requireNonNull(rejection), rejection.raw());
  }

  public boolean isBid() {
    return bid != null;
  }
}
