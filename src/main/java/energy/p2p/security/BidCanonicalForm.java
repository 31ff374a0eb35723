package energy.p2p.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import energy.p2p.model.Bid;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The bytes a bid's Ed25519 signature covers (docs/formats.md, "Signed bids"): the UTF-8 of a
 * compact JSON object with exactly these fields in this order, no spaces —
 * {@code {"v":1,"bidId":..,"participantId":..,"feederId":..,"bus":N,"side":..,"quantityKwh":"..",
 * "limitPrice":"..","frameStart":"..","submittedAt":"..","buyerClass":".."}} — where the two numbers
 * are written as plain decimal strings without trailing zeros ({@code 2.5}, {@code 3}, {@code 0.0001})
 * and instants as ISO-8601 UTC ({@code 2026-11-24T10:00:00Z}). Every field that affects clearing is
 * covered, so a signature replayed on a bid with any changed field fails.
 */
public final class BidCanonicalForm {
  private static final JsonFactory JSON = new JsonFactory();

  private BidCanonicalForm() {}

  public static byte[] bytes(Bid b) {
    return text(b).getBytes(StandardCharsets.UTF_8);
  }

  public static String text(Bid b) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("v", 1);
      g.writeStringField("bidId", b.bidId());
      g.writeStringField("participantId", b.participantId());
      g.writeStringField("feederId", b.feederId());
      g.writeNumberField("bus", b.bus());
      g.writeStringField("side", b.side().name());
      g.writeStringField("quantityKwh", decimal(b.quantityKwh()));
      g.writeStringField("limitPrice", decimal(b.limitPrice()));
      g.writeStringField("frameStart", Instant.ofEpochMilli(b.frameStartMs()).toString());
      g.writeStringField("submittedAt", Instant.ofEpochMilli(b.submittedAtMs()).toString());
      g.writeStringField("buyerClass", b.buyerClass().name());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  /** The shortest decimal that reads back as {@code v}, without exponent or trailing zeros. */
  static String decimal(double v) {
    if (!Double.isFinite(v)) {
      return String.valueOf(v);
    }
    BigDecimal d = BigDecimal.valueOf(v).stripTrailingZeros();
    return d.signum() == 0 ? "0" : d.toPlainString();
  }
}
