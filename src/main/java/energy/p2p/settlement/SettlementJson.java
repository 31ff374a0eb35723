package energy.p2p.settlement;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Settlement output lines, fixed field order (docs/formats.md, "Settlement"): {@code participant}
 * records, {@code frame-total} records and {@code reading-rejected} notes. Amounts and energies are
 * exact decimals (plain, never exponent form).
 */
public final class SettlementJson {
  private static final JsonFactory JSON = new JsonFactory();

  private SettlementJson() {}

  public static String participant(ParticipantSettlement p) {
    return write(g -> {
      g.writeStringField("type", "participant");
      g.writeStringField("feederId", p.feederId());
      g.writeStringField("frameStart", Instant.ofEpochMilli(p.frameStartMs()).toString());
      g.writeStringField("participantId", p.participantId());
      g.writeStringField("role", p.role().name());
      g.writeNumberField("revision", p.revision());
      g.writeBooleanField("estimated", p.estimated());
      decimal(g, "allocatedKwh", p.allocatedKwh());
      decimal(g, "measuredKwh", p.measuredKwh());
      decimal(g, "deliveredKwh", p.deliveredKwh());
      decimal(g, "shortfallKwh", p.shortfallKwh());
      decimal(g, "gridDrawKwh", p.gridDrawKwh());
      decimal(g, "feedInKwh", p.feedInKwh());
      decimal(g, "tradeAmount", p.tradeAmount());
      decimal(g, "gridFeeAmount", p.gridFeeAmount());
      decimal(g, "gridEnergyAmount", p.gridEnergyAmount());
      decimal(g, "netPaid", p.netPaid());
      decimal(g, "previousNetPaid", p.previousNetPaid());
    });
  }

  public static String totals(FrameTotals t) {
    return write(g -> {
      g.writeStringField("type", "frame-total");
      g.writeStringField("feederId", t.feederId());
      g.writeStringField("frameStart", Instant.ofEpochMilli(t.frameStartMs()).toString());
      g.writeNumberField("revision", t.revision());
      g.writeNumberField("participants", t.participants());
      g.writeNumberField("estimated", t.estimated());
      decimal(g, "paidByBuyers", t.paidByBuyers());
      decimal(g, "receivedBySellers", t.receivedBySellers());
      decimal(g, "gridCharges", t.gridCharges());
      g.writeBooleanField("balanced", t.balances());
    });
  }

  /** A meter reading that could not be used, with why and the raw input (nothing is lost). */
  public static String rejectedReading(String feederId, String detail, String raw) {
    return write(g -> {
      g.writeStringField("type", "reading-rejected");
      g.writeStringField("feederId", feederId);
      g.writeStringField("detail", detail);
      g.writeStringField("raw", raw.length() <= 512 ? raw : raw.substring(0, 512) + "...");
    });
  }

  private static void decimal(JsonGenerator g, String name, BigDecimal v) throws IOException {
    g.writeFieldName(name);
    if (v == null) {
      g.writeNull();
    } else {
      g.writeNumber(v.toPlainString());
    }
  }

  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static String write(Fields f) {
    StringWriter out = new StringWriter(400);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      f.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
