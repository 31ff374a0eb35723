package energy.p2p.report;

import static energy.p2p.report.ReplayReport.fmt;
import static energy.p2p.report.WindowTradeOff.FILL;
import static energy.p2p.report.WindowTradeOff.HEADROOM;
import static energy.p2p.report.WindowTradeOff.LOSSES;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The day view's text: one summary line for the day, a table per feeder (and the day) and one per
 * frame (folded), with welfare given up against the optima's welfare and each gain in its unit.
 */
final class DayViewTable {

  private DayViewTable() {}

  static String html(ReportData data, List<WindowTradeOff> windows) {
    StringBuilder h = new StringBuilder("<p>").append(summary(windows)).append("</p><p>")
        .append(notes(windows)).append("</p>");
    header(h, "feeder");
    for (String id : data.feederIds()) {
      List<WindowTradeOff> ws = windows.stream()
          .filter(w -> w.window().feederId().equals(id)).toList();
      if (!ws.isEmpty()) {
        row(h, HtmlReport.escape(id), ws);
      }
    }
    row(h, "day", windows);
    h.append("</table>\n<details><summary>Per frame (all the frame's windows with a trade-off;"
        + " a chart's welfare line sums only those with its trade-off)</summary>");
    header(h, "frame start (UTC)");
    Map<Long, List<WindowTradeOff>> byFrame = new TreeMap<>();
    windows.forEach(w -> byFrame.computeIfAbsent(w.window().frameStartMs(),
        k -> new ArrayList<>()).add(w));
    byFrame.forEach((frame, ws) -> row(h, Instant.ofEpochMilli(frame).toString(), ws));
    return h.append("</table></details>").toString();
  }

  /** How the numbers are read off the reports, and what the view leaves out. */
  private static String notes(List<WindowTradeOff> windows) {
    StringBuilder h = new StringBuilder("Per window, the welfare optimum is the <code>front</code>"
        + " point with the highest welfare (ties: the one best in the trade-off objectives, so no"
        + " gain is overstated); the compromise is the <code>compromiseIndex</code> point, i.e."
        + " the published trades. Fill gained = fill-rate gain × the window's STANDARD demand"
        + " (kWh); losses saved = <code>lossesKw</code> saved × frame hours (kWh); headroom"
        + " gained in p.u. (a margin: never summed, its mean is over windows). Windows without a"
        + " front (nothing traded) and windows cleared on welfare alone do not appear.");
    long otherMeasure = windows.stream()
        .filter(w -> !w.welfareMeasure().equals("socialWelfare")).count();
    if (otherMeasure > 0) {
      h.append(" In ").append(otherMeasure).append(" window(s) the front carries no"
          + " <code>socialWelfare</code>: welfare is their welfare objective(s), summed.");
    }
    long curtailed = windows.stream()
        .filter(w -> !"FEASIBLE".equals(w.window().feasibility())).count();
    if (curtailed > 0) {
      h.append(" ").append(curtailed).append(" of these window(s) were then changed by the AC"
          + " check (<code>feasibility</code> not FEASIBLE, see Curtailments): their published"
          + " trades are less than the compromise point; the view compares the points the"
          + " clearing chose between.");
    }
    return h.toString();
  }

  private static void header(StringBuilder h, String first) {
    h.append("<table><tr><th>").append(first).append("</th><th>windows</th>"
        + "<th>welfare at the optima</th><th>welfare given up</th><th>given up %</th>"
        + "<th>STANDARD fill gained kWh</th><th>of STANDARD demand kWh</th>"
        + "<th>losses saved kWh</th><th>headroom gained p.u. (mean)</th></tr>");
  }

  /** "N windows gave up X (P % of Y) for …": the day in one sentence. */
  static String summary(List<WindowTradeOff> ws) {
    double optimum = sum(ws, null, WindowTradeOff::welfareOptimum);
    double givenUp = sum(ws, null, WindowTradeOff::welfareGivenUp);
    StringBuilder s = new StringBuilder("Over the day, the compromises of ").append(ws.size())
        .append(" window(s) with trade-off objectives gave up ").append(fmt(givenUp))
        .append(" currency units of welfare (").append(percent(givenUp, optimum))
        .append(" % of the ").append(fmt(optimum)).append(" at their welfare optima) for");
    String sep = " ";
    if (ws.stream().anyMatch(w -> w.has(FILL))) {
      double fill = sum(ws, FILL, WindowTradeOff::fillGainedKwh);
      double demand = sum(ws, FILL, WindowTradeOff::standardDemandKwh);
      s.append(sep).append(fmt(fill)).append(" kWh more STANDARD fill (")
          .append(percent(fill, demand)).append(" % of those windows' ").append(fmt(demand))
          .append(" kWh STANDARD demand)");
      sep = ", ";
    }
    if (ws.stream().anyMatch(w -> w.has(LOSSES))) {
      s.append(sep).append(fmt(sum(ws, LOSSES, WindowTradeOff::lossesSavedKwh)))
          .append(" kWh less feeder losses");
      sep = ", ";
    }
    if (ws.stream().anyMatch(w -> w.has(HEADROOM))) {
      s.append(sep).append(fmtPu(mean(ws, HEADROOM, WindowTradeOff::headroomGainedPu)))
          .append(" p.u. more voltage headroom (mean over ")
          .append(ws.stream().filter(w -> w.has(HEADROOM)).count()).append(" windows)");
    }
    return s.append('.').toString();
  }

  private static void row(StringBuilder h, String name, List<WindowTradeOff> ws) {
    double optimum = sum(ws, null, WindowTradeOff::welfareOptimum);
    double givenUp = sum(ws, null, WindowTradeOff::welfareGivenUp);
    h.append("<tr><td>").append(name).append("</td><td>").append(ws.size()).append("</td>");
    cell(h, fmt(optimum));
    cell(h, fmt(givenUp));
    cell(h, percent(givenUp, optimum));
    boolean fill = ws.stream().anyMatch(w -> w.has(FILL));
    cell(h, fill ? fmt(sum(ws, FILL, WindowTradeOff::fillGainedKwh)) : "—");
    cell(h, fill ? fmt(sum(ws, FILL, WindowTradeOff::standardDemandKwh)) : "—");
    cell(h, ws.stream().anyMatch(w -> w.has(LOSSES))
        ? fmt(sum(ws, LOSSES, WindowTradeOff::lossesSavedKwh)) : "—");
    cell(h, ws.stream().anyMatch(w -> w.has(HEADROOM))
        ? fmtPu(mean(ws, HEADROOM, WindowTradeOff::headroomGainedPu)) : "—");
    h.append("</tr>");
  }

  /** Sum over the windows cleared with {@code tradeOff} (all windows when null). */
  static double sum(List<WindowTradeOff> ws, String tradeOff, ToDoubleFunction<WindowTradeOff> f) {
    return ws.stream().filter(w -> tradeOff == null || w.has(tradeOff)).mapToDouble(f).sum();
  }

  private static double mean(List<WindowTradeOff> ws, String tradeOff,
      ToDoubleFunction<WindowTradeOff> f) {
    return ws.stream().filter(w -> w.has(tradeOff)).mapToDouble(f).average().orElse(Double.NaN);
  }

  /** Headroom gains are fractions of a per cent of nominal voltage: six decimals. */
  private static String fmtPu(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "n/a";
  }

  private static String percent(double part, double whole) {
    return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", 100 * part / whole);
  }

  private static void cell(StringBuilder h, String text) {
    h.append("<td>").append(text).append("</td>");
  }
}
