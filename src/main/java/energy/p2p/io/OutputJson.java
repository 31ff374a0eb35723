package energy.p2p.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import energy.p2p.model.Allocation;
import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.ClassStats;
import energy.p2p.model.ClearingReport;
import energy.p2p.model.Curtailment;
import energy.p2p.model.FrontPoint;
import energy.p2p.model.LimitNote;
import energy.p2p.model.Rejection;
import energy.p2p.model.RulesInForce;
import java.util.List;
import java.util.Map;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * JSON writers with a FIXED field order (docs/formats.md), so that replays are byte-identical.
 * Instants are ISO-8601 UTC; non-finite numbers are written as null (JSON has no NaN).
 */
final class OutputJson {
  private static final JsonFactory JSON = new JsonFactory();

  private OutputJson() {}

  /** An epoch-millisecond instant as ISO-8601 UTC, e.g. 2026-11-24T10:00:00Z. */
  static String instant(long epochMs) {
    return Instant.ofEpochMilli(epochMs).toString();
  }

  static String allocation(Allocation a) {
    return write(g -> {
      g.writeStringField("feederId", a.feederId());
      g.writeStringField("frameStart", instant(a.frameStartMs()));
      g.writeStringField("buyerBidId", a.buyerBidId());
      g.writeStringField("sellerBidId", a.sellerBidId());
      g.writeStringField("buyerId", a.buyerId());
      g.writeStringField("sellerId", a.sellerId());
      number(g, "quantityKwh", a.quantityKwh());
      number(g, "price", a.price());
      number(g, "gridFee", a.gridFee());
    });
  }

  static String report(ClearingReport r) {
    return write(g -> {
      g.writeStringField("feederId", r.feederId());
      g.writeStringField("frameStart", instant(r.frameStartMs()));
      g.writeNumberField("bids", r.bids());
      g.writeNumberField("buyers", r.buyers());
      g.writeNumberField("sellers", r.sellers());
      number(g, "matchedKwh", r.matchedKwh());
      number(g, "buyerWelfare", r.buyerWelfare());
      number(g, "sellerWelfare", r.sellerWelfare());
      number(g, "socialWelfare", r.socialWelfare());
      g.writeNumberField("paretoFrontSize", r.paretoFrontSize());
      g.writeStringField("compromiseRule", r.compromiseRule());
      number(g, "vMinPu", r.vMinPu());
      number(g, "vMaxPu", r.vMaxPu());
      g.writeStringField("status", r.status() == null ? null : r.status().name());
      g.writeNumberField("evaluations", r.evaluations());
      g.writeNumberField("solveMillis", r.solveMillis());
      g.writeObjectFieldStart("perClass");
      if (r.perClass() != null) {
        for (BuyerClass c : BuyerClass.values()) { // enum order, whatever the map's order
          ClassStats s = r.perClass().get(c);
          if (s != null) {
            g.writeObjectFieldStart(c.name());
            g.writeNumberField("buyers", s.buyers());
            number(g, "demandKwh", s.demandKwh());
            number(g, "matchedKwh", s.matchedKwh());
            number(g, "fillRate", s.fillRate());
            number(g, "welfare", s.welfare());
            g.writeEndObject();
          }
        }
      }
      g.writeEndObject();
      g.writeArrayFieldStart("front");
      if (r.front() != null) {
        for (FrontPoint p : r.front()) {
          g.writeStartObject();
          for (int k = 0; k < p.size(); k++) { // each objective under its camelCase name
            number(g, p.names().get(k), p.value(k));
          }
          g.writeEndObject();
        }
      }
      g.writeEndArray();
      g.writeNumberField("compromiseIndex", r.compromiseIndex());
      g.writeStringField("feasibility", r.feasibility() == null ? null : r.feasibility().name());
      number(g, "curtailedKwh", r.curtailedKwh());
      g.writeArrayFieldStart("bindingBuses");
      if (r.bindingBuses() != null) {
        for (Integer b : r.bindingBuses()) {
          g.writeNumber(b);
        }
      }
      g.writeEndArray();
      g.writeArrayFieldStart("bindingBranches");
      if (r.bindingBranches() != null) {
        for (String b : r.bindingBranches()) {
          g.writeString(b);
        }
      }
      g.writeEndArray();
      number(g, "welfareUpperBound", r.welfareUpperBound());
      g.writeArrayFieldStart("curtailments");
      if (r.curtailments() != null) {
        for (Curtailment c : r.curtailments()) {
          g.writeStartObject();
          g.writeStringField("buyerBidId", c.buyerBidId());
          g.writeStringField("sellerBidId", c.sellerBidId());
          number(g, "cutKwh", c.cutKwh());
          number(g, "remainingKwh", c.remainingKwh());
          g.writeStringField("reason", c.reason());
          g.writeEndObject();
        }
      }
      g.writeEndArray();
      // later fields are written only when they say something, so reports of windows where
      // nothing binds, nothing failed and no rules file is in force keep their earlier bytes
      limits(g, "bindingLimits", r.bindingLimits());
      if (r.seedIssues() != null && !r.seedIssues().isEmpty()) {
        g.writeArrayFieldStart("seedIssues");
        for (String issue : r.seedIssues()) {
          g.writeString(issue);
        }
        g.writeEndArray();
      }
      limits(g, "loosenedLimits", r.loosenedLimits());
      if (r.rules() != null) {
        rules(g, r.rules());
      }
    });
  }

  private static void limits(JsonGenerator g, String name, List<LimitNote> notes)
      throws IOException {
    if (notes == null || notes.isEmpty()) {
      return;
    }
    g.writeArrayFieldStart(name);
    for (LimitNote n : notes) {
      g.writeStartObject();
      g.writeStringField("kind", n.kind());
      g.writeStringField("element", n.element());
      number(g, "value", n.value());
      number(g, "limit", n.limit());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void rules(JsonGenerator g, RulesInForce r) throws IOException {
    g.writeStringField("rulesHash", r.rulesHash());
    g.writeObjectFieldStart("rules");
    number(g, "gridFeePerKwhPerOhm", r.gridFeePerKwhPerOhm());
    number(g, "minShareStandard", r.minShareStandard());
    number(g, "minShareHigh", r.minShareHigh());
    number(g, "minShareUltraHigh", r.minShareUltraHigh());
    g.writeStringField("compromiseRule", r.compromiseRule());
    g.writeNumberField("populationSize", r.populationSize());
    g.writeNumberField("maxEvaluations", r.maxEvaluations());
    g.writeNumberField("convergenceGenerations", r.convergenceGenerations());
    number(g, "convergenceTolerance", r.convergenceTolerance());
    g.writeArrayFieldStart("objectives");
    for (String o : r.objectives()) {
      g.writeString(o);
    }
    g.writeEndArray();
    // the settings of a compromise rule only with that rule: other reports keep their bytes
    if (r.compromiseWeights() != null) {
      g.writeObjectFieldStart("compromiseWeights");
      for (Map.Entry<String, Double> w : r.compromiseWeights().entrySet()) {
        number(g, w.getKey(), w.getValue());
      }
      g.writeEndObject();
    }
    if (!Double.isNaN(r.maxWelfareLossPercent())) {
      number(g, "maxWelfareLossPercent", r.maxWelfareLossPercent());
    }
    g.writeEndObject();
  }

  static String rejection(Rejection r) {
    return write(g -> {
      g.writeStringField("bidId", r.bidId());
      g.writeStringField("feederId", r.feederId());
      g.writeStringField("frameStart", r.frameStartMs() < 0 ? null : instant(r.frameStartMs()));
      g.writeStringField("reason", r.reason().name());
      g.writeStringField("detail", r.detail());
      g.writeStringField("raw", r.raw());
    });
  }

  static String bid(Bid b) {
    return bid(b, null);
  }

  /** A bid, with its {@code signature} last when not null. */
  static String bid(Bid b, String signature) {
    return write(g -> {
      g.writeStringField("bidId", b.bidId());
      g.writeStringField("participantId", b.participantId());
      g.writeStringField("feederId", b.feederId());
      g.writeNumberField("bus", b.bus());
      g.writeStringField("side", b.side().name());
      number(g, "quantityKwh", b.quantityKwh());
      number(g, "limitPrice", b.limitPrice());
      g.writeStringField("frameStart", instant(b.frameStartMs()));
      g.writeStringField("submittedAt", instant(b.submittedAtMs()));
      g.writeStringField("buyerClass", b.buyerClass().name());
      if (signature != null) {
        g.writeStringField("signature", signature);
      }
    });
  }

  private static void number(JsonGenerator g, String name, double v) throws IOException {
    if (Double.isFinite(v)) {
      g.writeNumberField(name, v);
    } else {
      g.writeNullField(name);
    }
  }

  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static String write(Fields fields) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }
}
