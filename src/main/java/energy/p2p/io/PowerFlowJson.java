package energy.p2p.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.grid.Violation;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * A power-flow result as one JSON object with a fixed field order (docs/formats.md):
 * feederId, status, iterations, vMinPu, vMinBus, vMaxPu, vMaxBus, pLossKw, qLossKvar,
 * violations [{kind, element, value, limit}], buses [{bus, vPu, angleDeg}] by ascending bus
 * number. Non-finite numbers (none expected) would be written as null.
 */
public final class PowerFlowJson {

  private static final JsonFactory JSON = new JsonFactory();

  private PowerFlowJson() {}

  public static String toJson(PowerFlowResult r) {
    RadialFeeder feeder = r.feeder();
    StringWriter out = new StringWriter(64 * feeder.busCount() + 512);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("feederId", feeder.feederId());
      g.writeStringField("status", r.status().name());
      g.writeNumberField("iterations", r.iterations());
      number(g, "vMinPu", r.vMinPu());
      g.writeNumberField("vMinBus", r.vMinBus());
      number(g, "vMaxPu", r.vMaxPu());
      g.writeNumberField("vMaxBus", r.vMaxBus());
      number(g, "pLossKw", r.pLossKw());
      number(g, "qLossKvar", r.qLossKvar());
      g.writeArrayFieldStart("violations");
      for (Violation v : r.violations()) {
        g.writeStartObject();
        g.writeStringField("kind", v.kind().name());
        g.writeStringField("element", v.element());
        number(g, "value", v.value());
        number(g, "limit", v.limit());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("buses");
      for (int rank = 0; rank < feeder.busCount(); rank++) {
        int i = feeder.indexInNumberOrder(rank);
        g.writeStartObject();
        g.writeNumberField("bus", feeder.busNumber(i));
        number(g, "vPu", r.vPu(i));
        number(g, "angleDeg", r.angleDeg(i));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static void number(JsonGenerator g, String name, double v) throws IOException {
    if (Double.isFinite(v)) {
      g.writeNumberField(name, v);
    } else {
      g.writeNullField(name);
    }
  }
}
