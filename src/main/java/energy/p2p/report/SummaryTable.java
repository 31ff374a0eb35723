package energy.p2p.report;

import java.util.List;

/** The report's first table: one row per feeder with the day's totals. */
final class SummaryTable {

  private SummaryTable() {}

  static String html(ReportData data) {
    StringBuilder t = new StringBuilder("<table><tr><th>feeder</th><th>windows</th>"
        + "<th>cleared</th><th>matched kWh</th><th>social welfare</th><th>buyers' welfare</th>"
        + "<th>sellers' welfare</th><th>lowest vMin (p.u.)</th><th>highest vMax (p.u.)</th>"
        + "<th>limits (p.u.)</th><th>curtailed kWh</th></tr>");
    for (String id : data.feederIds()) {
      List<WindowSummary> ws = data.windowsOf(id);
      t.append("<tr><td>").append(HtmlReport.escape(id)).append("</td><td>").append(ws.size())
          .append("</td><td>").append(ws.stream().filter(w -> w.matchedKwh() > 0).count())
          .append("</td>");
      cell(t, ws.stream().mapToDouble(WindowSummary::matchedKwh).sum());
      cell(t, ws.stream().mapToDouble(WindowSummary::socialWelfare).sum());
      cell(t, ws.stream().mapToDouble(WindowSummary::buyerWelfare).sum());
      cell(t, ws.stream().mapToDouble(WindowSummary::sellerWelfare).sum());
      cell(t, ws.stream().mapToDouble(WindowSummary::vMinPu).filter(Double::isFinite).min()
          .orElse(Double.NaN));
      cell(t, ws.stream().mapToDouble(WindowSummary::vMaxPu).filter(Double::isFinite).max()
          .orElse(Double.NaN));
      t.append("<td>").append(data.feeder(id).vMinPu()).append(" – ")
          .append(data.feeder(id).vMaxPu()).append("</td>");
      cell(t, ws.stream().mapToDouble(WindowSummary::curtailedKwh).sum());
      t.append("</tr>");
    }
    int rejected = data.outputs().rejectionsByReason.values().stream().mapToInt(i -> i).sum();
    return t.append("</table><p>").append(data.outputs().trades.size()).append(" allocations, ")
        .append(rejected).append(" rejected records.</p>").toString();
  }

  private static void cell(StringBuilder t, double v) {
    t.append("<td>").append(ReplayReport.fmt(v)).append("</td>");
  }
}
