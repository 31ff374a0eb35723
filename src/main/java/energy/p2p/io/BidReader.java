package energy.p2p.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Rejection;
import java.io.IOException;
import java.util.List;

/** Reads one JSON object or one CSV row into {@link BidFields}. Thread-safe. */
final class BidReader {
  /** The optional signature field/column (docs/formats.md, "Signed bids"). */
  static final String SIGNATURE = "signature";
  // NaN and Infinity tokens are read as numbers so they earn INVALID_QUANTITY/PRICE, not MALFORMED
  private final JsonFactory json = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  ParsedBid readJson(String text, String raw) {
    BidFields f = new BidFields(raw);
    try (JsonParser p = json.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return malformed(f, raw, "not a JSON object");
      }
      boolean[] seen = new boolean[BidColumn.ALL.length];
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        BidColumn c = BidColumn.byField(name);
        if (SIGNATURE.equals(name)) {
          if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL) {
            return malformed(f, raw, "signature must be a string");
          }
          f.signature = v == JsonToken.VALUE_NULL ? null : p.getText();
          continue;
        }
        if (c == null) {
          p.skipChildren(); // unknown fields are ignored (forward compatibility)
          continue;
        }
        if (seen[c.ordinal()]) {
          return malformed(f, raw, "field " + name + " appears twice");
        }
        seen[c.ordinal()] = true;
        if (v == JsonToken.VALUE_NULL) {
          continue;
        }
        String problem = typeProblem(c, v);
        if (problem != null) {
          return malformed(f, raw, problem);
        }
        f.values[c.ordinal()] = p.getText();
      }
      if (p.nextToken() != null) {
        return malformed(f, raw, "text after the JSON object");
      }
    } catch (JsonProcessingException e) {
      return malformed(f, raw, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return malformed(f, raw, "unreadable: " + e.getMessage());
    }
    return f.toBid();
  }

  private static String typeProblem(BidColumn c, JsonToken v) {
    switch (c.kind) {
      case TEXT:
        return v == JsonToken.VALUE_STRING ? null : c.field + " must be a string";
      case INTEGER:
        return v == JsonToken.VALUE_NUMBER_INT ? null : c.field + " must be an integer";
      default:
        return v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT
            ? null : c.field + " must be a number";
    }
  }

  /**
   * One CSV row; {@code columns[i]} is the column of the i-th field (null: ignored column), the
   * {@code signatureColumn}-th field (if &ge; 0) the signature.
   */
  ParsedBid readCsv(String text, String raw, BidColumn[] columns, int signatureColumn) {
    BidFields f = new BidFields(raw);
    List<String> fields = CsvLine.split(text);
    if (fields == null) {
      return malformed(f, raw, "unbalanced quote in CSV row");
    }
    if (fields.size() != columns.length) {
      // still name the bid when possible, so the rejection can be traced
      for (int i = 0; i < Math.min(fields.size(), columns.length); i++) {
        if (columns[i] == BidColumn.BID_ID || columns[i] == BidColumn.FEEDER_ID) {
          f.values[columns[i].ordinal()] = fields.get(i);
        }
      }
      return malformed(f, raw, "expected " + columns.length + " CSV columns, got " + fields.size());
    }
    for (int i = 0; i < columns.length; i++) {
      if (columns[i] != null && !fields.get(i).isEmpty()) {
        f.values[columns[i].ordinal()] = fields.get(i);
      }
    }
    if (signatureColumn >= 0 && !fields.get(signatureColumn).isEmpty()) {
      f.signature = fields.get(signatureColumn);
    }
    return f.toBid();
  }

  private static ParsedBid malformed(BidFields f, String raw, String detail) {
    String bidId = f.values[BidColumn.BID_ID.ordinal()];
    String feederId = f.values[BidColumn.FEEDER_ID.ordinal()];
    return ParsedBid.rejected(new Rejection(BidFields.blankToNull(bidId), BidFields.blankToNull(feederId), -1,
        ReasonCode.MALFORMED, detail, raw));
  }

}
