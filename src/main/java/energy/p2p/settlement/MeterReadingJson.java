package energy.p2p.settlement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Reads one meter reading: {@code {"participantId","feederId","frameStart","measuredKwh","readingAt"}}
 * (instants ISO-8601). Never throws on bad input: {@link Result#problem()} names the field.
 */
public final class MeterReadingJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** A reading is ~150 bytes; a longer record is refused unread (files: without holding the line). */
  public static final int MAX_RECORD_BYTES = 4096;

  private MeterReadingJson() {}

  /** Exactly one of reading and problem is set. */
  public record Result(MeterReading reading, String problem) {}

  public static Result parse(String line) {
    JsonNode n;
    try {
      n = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      return problem("not valid JSON: " + e.getOriginalMessage());
    }
    if (n == null || !n.isObject()) {
      return problem("not a JSON object");
    }
    String participant = text(n, "participantId");
    String feeder = text(n, "feederId");
    if (participant == null || feeder == null) {
      return problem("participantId and feederId must be non-empty strings");
    }
    JsonNode kwh = n.get("measuredKwh");
    if (kwh == null || !kwh.isNumber() || !Double.isFinite(kwh.asDouble()) || kwh.asDouble() < 0) {
      return problem("measuredKwh must be a number >= 0");
    }
    long frame;
    long at;
    try {
      frame = Instant.parse(text(n, "frameStart", "")).toEpochMilli();
      at = Instant.parse(text(n, "readingAt", "")).toEpochMilli();
    } catch (DateTimeException | ArithmeticException e) {
      return problem("frameStart and readingAt must be ISO-8601 instants like 2026-11-24T10:15:00Z");
    }
    return new Result(new MeterReading(participant, feeder, frame, kwh.asDouble(), at), null);
  }

  private static Result problem(String p) {
    return new Result(null, p);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText();
  }

  private static String text(JsonNode n, String field, String orElse) {
    String t = text(n, field);
    return t == null ? orElse : t;
  }

  /** The reading in its input form (for generators and tests). */
  public static String write(MeterReading r) {
    return "{\"participantId\":" + quote(r.participantId()) + ",\"feederId\":" + quote(r.feederId())
        + ",\"frameStart\":\"" + Instant.ofEpochMilli(r.frameStartMs()) + "\",\"measuredKwh\":"
        + FrameSettler.kwh(java.math.BigDecimal.valueOf(r.measuredKwh())).stripTrailingZeros().toPlainString()
        + ",\"readingAt\":\"" + Instant.ofEpochMilli(r.readingAtMs()) + "\"}";
  }

  private static String quote(String s) {
    try {
      return MAPPER.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
