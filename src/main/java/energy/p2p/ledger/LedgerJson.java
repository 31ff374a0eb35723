package energy.p2p.ledger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A ledger entry as one JSON line, fields in this fixed order: feederId, seq, kind, frameStart
 * (ISO-8601), record (the published JSON as a string, so its exact bytes are hashed), merkleRoot
 * (REPORT only, else null), prevHash, hash.
 */
public final class LedgerJson {
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LedgerJson() {}

  public static String write(LedgerEntry e) {
    StringWriter out = new StringWriter(e.record().length() + 300);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("feederId", e.feederId());
      g.writeNumberField("seq", e.seq());
      g.writeStringField("kind", e.kind().name());
      g.writeStringField("frameStart", Instant.ofEpochMilli(e.frameStartMs()).toString());
      g.writeStringField("record", e.record());
      g.writeStringField("merkleRoot", e.merkleRoot());
      g.writeStringField("prevHash", e.prevHash());
      g.writeStringField("hash", e.hash());
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toString();
  }

  /**
   * Reads one line.
   *
   * @throws IllegalArgumentException naming the missing or bad field
   */
  public static LedgerEntry read(String line) {
    JsonNode n;
    try {
      n = MAPPER.readTree(line);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a String does not fail otherwise
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    LedgerEntry.Kind kind;
    try {
      kind = LedgerEntry.Kind.valueOf(text(n, "kind"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("kind must be ALLOCATION or REPORT");
    }
    JsonNode seq = n.get("seq");
    if (seq == null || !seq.canConvertToLong() || !seq.isIntegralNumber()) {
      throw new IllegalArgumentException("seq must be an integer");
    }
    long frame;
    try {
      frame = Instant.parse(text(n, "frameStart")).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("frameStart must be an ISO-8601 instant");
    }
    JsonNode root = n.get("merkleRoot");
    return new LedgerEntry(text(n, "feederId"), seq.asLong(), kind, frame, text(n, "record"),
        root == null || root.isNull() ? null : root.asText(), text(n, "prevHash"), text(n, "hash"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("field " + field + " missing or not a string");
    }
    return v.asText();
  }
}
