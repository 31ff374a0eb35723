package energy.p2p.report;

import energy.p2p.grid.RadialFeeder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A replay's outputs grouped per feeder, with the feeders they were cleared on. */
final class ReportData {

  private static final long DAY_MS = 86_400_000L;
  static final Comparator<String> CLASS_ORDER = Comparator.comparingInt(
      (String c) -> List.of("STANDARD", "HIGH", "ULTRA_HIGH").indexOf(c)).thenComparing(c -> c);

  private final ReplayOutputs outputs;
  private final Map<String, RadialFeeder> feeders;
  private final Map<String, List<WindowSummary>> byFeeder = new TreeMap<>();
  private final long dayStartMs;

  ReportData(ReplayOutputs outputs, Map<String, RadialFeeder> feeders) {
    this.outputs = outputs;
    this.feeders = feeders;
    long first = Long.MAX_VALUE;
    for (WindowSummary w : outputs.windows) {
      if (!feeders.containsKey(w.feederId())) {
        throw new IllegalArgumentException("feeder '" + w.feederId() + "' of the replay's"
            + " clearing reports is not in --feeders (have " + feeders.keySet() + ")");
      }
      byFeeder.computeIfAbsent(w.feederId(), id -> new ArrayList<>()).add(w);
      first = Math.min(first, w.frameStartMs());
    }
    if (byFeeder.isEmpty()) {
      throw new IllegalArgumentException("clearing-reports.jsonl holds no window: nothing to report");
    }
    byFeeder.values().forEach(ws -> ws.sort(Comparator.comparingLong(WindowSummary::frameStartMs)));
    dayStartMs = Math.floorDiv(first, DAY_MS) * DAY_MS;
  }

  ReplayOutputs outputs() {
    return outputs;
  }

  List<String> feederIds() {
    return List.copyOf(byFeeder.keySet());
  }

  List<WindowSummary> windowsOf(String feederId) {
    return byFeeder.get(feederId);
  }

  RadialFeeder feeder(String feederId) {
    return feeders.get(feederId);
  }

  /** Frame starts as hours since midnight UTC of the first frame's day. */
  double[] hours(List<WindowSummary> ws) {
    return ws.stream().mapToDouble(w -> hour(w.frameStartMs())).toArray();
  }

  /** A frame start as hours since midnight UTC of the first frame's day. */
  double hour(long frameStartMs) {
    return (frameStartMs - dayStartMs) / 3_600_000.0;
  }

  String hourAxisTitle() {
    return "frame start, hours from " + java.time.Instant.ofEpochMilli(dayStartMs) + " (UTC)";
  }

  /** Voltage margin to the nearer limit, p.u. (negative = violated). */
  double marginPu(WindowSummary w) {
    RadialFeeder f = feeders.get(w.feederId());
    return Math.min(w.vMinPu() - f.vMinPu(), f.vMaxPu() - w.vMaxPu());
  }
}
