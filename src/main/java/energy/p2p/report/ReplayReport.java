package energy.p2p.report;

import energy.p2p.grid.RadialFeeder;
import energy.p2p.model.Curtailment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The replay report's content: a summary table and one section per question an operator asks
 * (how much was traded, how was welfare split, where did voltage limits bind, which trade-off was
 * chosen and what it gave up for what, who was rejected, what was curtailed).
 * {@link HtmlReport} renders it.
 */
public final class ReplayReport {

  private final ReportData data;
  private final BidBuses buses;
  private final double frameHours;
  private final List<String> windowChoices;

  /**
   * @param bidsFile the replay's input (buses of the traded bids), or null: profiles then show the
   *     base case only
   * @param windows {@code FEEDER@FRAME_START} of each Pareto front to draw, in order; null or
   *     empty for the window with the largest front
   */
  public ReplayReport(ReplayOutputs outputs, Map<String, RadialFeeder> feeders,
      java.nio.file.Path bidsFile, int frameMinutes, List<String> windows) {
    this.data = new ReportData(outputs, feeders);
    this.buses = bidsFile == null ? null : BidBuses.read(bidsFile);
    this.frameHours = frameMinutes / 60.0;
    this.windowChoices = windows == null ? List.of() : List.copyOf(windows);
  }

  public List<ChartSection> sections() {
    MarketCharts market = new MarketCharts(data);
    GridCharts grid = new GridCharts(data);
    List<ChartSection> s = new ArrayList<>();
    s.add(new ChartSection("summary", "Summary", SummaryTable.html(data), List.of()));
    s.add(new ChartSection("matched-energy", "Matched energy",
        "<p>Energy matched per (feeder, frame) window over the day.</p>",
        List.of(market.matchedEnergy())));
    s.add(new ChartSection("welfare", "Social welfare and its split",
        "<p>Social welfare per frame = buyers' welfare + sellers' welfare (currency units).</p>",
        perFeeder(market::welfare)));
    s.add(new ChartSection("voltage-band", "Voltage band",
        "<p>Lowest and highest bus voltage of each frame's load flow (after the feasibility"
            + " check) against the feeder's limits (dashed).</p>", perFeeder(grid::voltageBand)));
    List<Chart<?, ?>> profiles = new ArrayList<>();
    StringBuilder profileText = new StringBuilder("<p>Per feeder, the frame with the smallest"
        + " voltage margin to a limit; the sweep is re-run with that frame's trades.</p><ul>");
    for (String id : data.feederIds()) {
      VoltageProfile p = profile(id);
      profiles.add(grid.voltageProfile(data.feeder(id), p));
      profileText.append("<li>").append(HtmlReport.escape(profileNote(p))).append("</li>");
    }
    s.add(new ChartSection("voltage-profile", "Voltage profile of the most constrained frame",
        profileText.append("</ul>").toString(), profiles));
    s.add(paretoSection(market));
    s.add(new DayView(data, frameHours).section());
    s.add(new ChartSection("rejections", "Rejections and fill rates", "<p>"
        + data.outputs().rejectionsByReason.values().stream().mapToInt(Integer::intValue).sum()
        + " records rejected (rejected-bids.jsonl). Fill rate: matched / demanded energy per"
        + " buyer class over the day.</p>", List.of(market.rejections(), market.fillRate())));
    s.add(new ChartSection("curtailments", "Curtailments", curtailmentText(),
        List.of(grid.curtailments())));
    return s;
  }

  private List<Chart<?, ?>> perFeeder(java.util.function.Function<String, Chart<?, ?>> chart) {
    List<Chart<?, ?>> charts = new ArrayList<>();
    data.feederIds().forEach(id -> charts.add(chart.apply(id)));
    return charts;
  }

  /** The window with the smallest voltage margin; ties: more energy traded, then earliest. */
  VoltageProfile profile(String feederId) {
    WindowSummary worst = data.windowsOf(feederId).stream()
        .filter(w -> Double.isFinite(w.vMinPu()))
        .min(Comparator.comparingDouble(data::marginPu)
            .thenComparing(Comparator.comparingDouble(WindowSummary::matchedKwh).reversed())
            .thenComparingLong(WindowSummary::frameStartMs))
        .orElse(data.windowsOf(feederId).get(0));
    List<Trade> trades = data.outputs().trades.stream()
        .filter(t -> t.feederId().equals(feederId) && t.frameStartMs() == worst.frameStartMs())
        .toList();
    return VoltageProfile.of(data.feeder(feederId), worst, trades, buses, frameHours);
  }

  private String profileNote(VoltageProfile p) {
    WindowSummary w = p.window();
    String head = w.windowName() + ": reported vMin " + fmt(w.vMinPu()) + " / vMax "
        + fmt(w.vMaxPu()) + " p.u., " + fmt(w.matchedKwh()) + " kWh traded";
    if (buses == null) {
      return head + "; base case only (give --bids with the replay's bids file to add the trades)";
    }
    if (p.unknownTrades() > 0) {
      return head + "; base case only: " + p.unknownTrades() + " trade(s) name bids not in --bids";
    }
    return head + "; recomputed vMin with the trades " + fmt(p.tradedVMinPu()) + " p.u.";
  }

  /** One front chart per chosen window; a window without a front says why in the text. */
  private ChartSection paretoSection(MarketCharts market) {
    StringBuilder text = new StringBuilder("<p>");
    List<Chart<?, ?>> charts = new ArrayList<>();
    for (WindowSummary w : paretoWindows()) {
      text.append("Window ").append(HtmlReport.escape(w.windowName()));
      if (w.front().isEmpty()) {
        text.append(" has no Pareto front (status ").append(HtmlReport.escape(w.status()))
            .append(": nothing to trade off). ");
      } else {
        text.append(": ").append(w.front().size()).append(" points, compromise point (index ")
            .append(w.compromiseIndex()).append(") marked. ");
        charts.add(market.paretoFront(w));
      }
    }
    return new ChartSection("pareto-front", "Pareto front", text.append("Choose others with"
        + " <code>--window FEEDER@FRAME_START</code>, repeated for several.</p>").toString(),
        charts);
  }

  List<WindowSummary> paretoWindows() {
    List<WindowSummary> all = data.feederIds().stream().flatMap(id -> data.windowsOf(id).stream())
        .toList();
    if (!windowChoices.isEmpty()) {
      return windowChoices.stream().map(choice -> all.stream()
          .filter(w -> w.windowName().equals(choice)
              || choice.equals(w.feederId() + "@" + w.frameStartMs())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("--window " + choice
              + ": no such window in the clearing reports (expected FEEDER@FRAME_START, e.g. "
              + all.get(0).windowName() + ")"))).toList();
    }
    WindowSummary best = all.get(0);
    for (WindowSummary w : all) {
      best = w.front().size() > best.front().size() ? w : best;
    }
    return List.of(best);
  }

  private String curtailmentText() {
    double totalKwh = 0;
    Map<String, double[]> byReason = new TreeMap<>();
    for (String id : data.feederIds()) {
      for (WindowSummary w : data.windowsOf(id)) {
        totalKwh += w.curtailedKwh();
        for (Curtailment c : w.curtailments()) {
          double[] agg = byReason.computeIfAbsent(id + " — " + c.reason(), k -> new double[2]);
          agg[0]++;
          agg[1] += c.cutKwh();
        }
      }
    }
    StringBuilder html = new StringBuilder("<p>" + fmt(totalKwh) + " kWh curtailed in all by the"
        + " feasibility operator (the AC check cuts trades until every bus and rated branch is"
        + " within limits).</p>");
    if (!byReason.isEmpty()) {
      html.append("<table><tr><th>feeder — binding element</th><th>cuts</th><th>kWh</th></tr>");
      byReason.forEach((k, v) -> html.append("<tr><td>").append(HtmlReport.escape(k))
          .append("</td><td>").append((int) v[0]).append("</td><td>").append(fmt(v[1]))
          .append("</td></tr>"));
      html.append("</table>");
    }
    return html.toString();
  }

  static String fmt(double v) {
    return Double.isFinite(v) ? String.format(java.util.Locale.ROOT, "%.4f", v) : "n/a";
  }
}
