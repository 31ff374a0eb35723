package energy.p2p.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import energy.p2p.job.replay.ReplayTally;
import energy.p2p.model.ReasonCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The end-of-replay summary: human lines on stderr, one JSON object on stdout. */
final class ReplaySummary {
  private ReplaySummary() {}

  static void print(ReplayTally t, double seconds, Path out, PrintWriter stdout, PrintWriter stderr)
      throws IOException {
    long received = t.bidsCleared.get() + t.rejectedTotal();
    Map<ReasonCode, Long> byReason = t.rejectedByReason();
    stderr.printf(Locale.ROOT, "replay done in %.1f s: %,d bids received (%,.0f bids/s), %,d cleared in %,d windows, "
            + "%,d rejected %s%n", seconds, received, received / Math.max(seconds, 1e-9), t.bidsCleared.get(),
        t.windows.get(), t.rejectedTotal(), byReason);
    stderr.printf(Locale.ROOT, "  %,d allocations, %.1f kWh matched, social welfare %.2f, %.1f kWh curtailed; outputs in %s%n",
        t.allocations.get(), t.matchedKwh.sum(), t.socialWelfare.sum(), t.curtailedKwh.sum(), out);
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.writeStartObject();
      g.writeNumberField("bidsReceived", received);
      g.writeNumberField("bidsCleared", t.bidsCleared.get());
      g.writeNumberField("bidsRejected", t.rejectedTotal());
      g.writeObjectFieldStart("rejectedByReason");
      for (Map.Entry<ReasonCode, Long> e : byReason.entrySet()) {
        g.writeNumberField(e.getKey().name(), e.getValue());
      }
      g.writeEndObject();
      g.writeNumberField("windows", t.windows.get());
      g.writeNumberField("allocations", t.allocations.get());
      // a sum of many doubles: print it to the Wh so the summary shows no float noise
      g.writeNumberField("matchedKwh", Math.round(t.matchedKwh.sum() * 1e3) / 1e3);
      g.writeNumberField("seconds", Math.round(seconds * 10) / 10.0);
      g.writeStringField("out", out.toString());
      g.writeEndObject();
    }
    stdout.println(w);
    stdout.flush();
    stderr.flush();
  }
}
