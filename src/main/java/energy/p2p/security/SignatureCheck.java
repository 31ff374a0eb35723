package energy.p2p.security;

import energy.p2p.model.Bid;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Rejection;
import java.io.Serializable;
import java.security.PublicKey;
import java.util.Optional;

/**
 * The job's signature rule: a bid from a participant not in the registry is UNKNOWN_PARTICIPANT;
 * a missing, malformed or wrong signature is BAD_SIGNATURE. Thread-safe after the first call.
 */
public final class SignatureCheck implements Serializable {
  private final ParticipantRegistry registry;

  public SignatureCheck(ParticipantRegistry registry) {
    this.registry = registry;
  }

  /** Empty when the bid is signed by its participant's registered key. */
  public Optional<Rejection> check(Bid bid, String signatureBase64, String raw) {
    PublicKey key = registry.key(bid.participantId());
    if (key == null) {
      return reject(bid, ReasonCode.UNKNOWN_PARTICIPANT,
          "participant " + bid.participantId() + " is not in the participants registry", raw);
    }
    if (signatureBase64 == null || signatureBase64.isBlank()) {
      return reject(bid, ReasonCode.BAD_SIGNATURE, "signature is missing (signatures are required)", raw);
    }
    if (!BidSignatures.verify(bid, signatureBase64.trim(), key)) {
      return reject(bid, ReasonCode.BAD_SIGNATURE,
          "signature does not verify with " + bid.participantId() + "'s registered key over the bid's fields", raw);
    }
    return Optional.empty();
  }

  private static Optional<Rejection> reject(Bid bid, ReasonCode reason, String detail, String raw) {
    return Optional.of(new Rejection(bid.bidId(), bid.feederId(), bid.frameStartMs(), reason, detail, raw));
  }
}
