package energy.p2p.report;

import energy.p2p.model.FrontPoint;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Charts of the market side of a replay: energy, welfare, the Pareto front, rejections, classes. */
final class MarketCharts {

  private final ReportData data;

  MarketCharts(ReportData data) {
    this.data = data;
  }

  /** Matched energy per frame, one line per feeder. */
  XYChart matchedEnergy() {
    XYChart chart = Charts.xy("Matched energy per frame", data.hourAxisTitle(), "kWh");
    for (String feeder : data.feederIds()) {
      List<WindowSummary> ws = data.windowsOf(feeder);
      Charts.line(chart, feeder, data.hours(ws), ws.stream().mapToDouble(WindowSummary::matchedKwh)
          .toArray());
    }
    return chart;
  }

  /**
   * Social welfare per frame for one feeder, split as stacked areas: buyers' welfare at the bottom,
   * sellers' welfare the band above it (an equal split shows as two bands of equal height).
   */
  XYChart welfare(String feeder) {
    XYChart chart = Charts.xy("Welfare per frame — " + feeder, data.hourAxisTitle(),
        "welfare (currency units)");
    List<WindowSummary> ws = data.windowsOf(feeder);
    double[] x = data.hours(ws);
    double[] buyers = ws.stream().mapToDouble(WindowSummary::buyerWelfare).toArray();
    double[] stacked = ws.stream().mapToDouble(w -> w.buyerWelfare() + w.sellerWelfare())
        .toArray();
    XYSeries sellers = Charts.line(chart, "sellers' welfare (band above buyers')", x, stacked);
    sellers.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
    sellers.setFillColor(new Color(240, 170, 60));
    sellers.setLineColor(new Color(240, 170, 60));
    XYSeries buyerArea = Charts.line(chart, "buyers' welfare", x, buyers);
    buyerArea.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
    buyerArea.setFillColor(new Color(70, 110, 200));
    buyerArea.setLineColor(new Color(70, 110, 200));
    Charts.line(chart, "social welfare", x, ws.stream().mapToDouble(WindowSummary::socialWelfare)
        .toArray()).setLineColor(Color.BLACK);
    return chart;
  }

  /** The Pareto front of one window, the compromise point marked. */
  XYChart paretoFront(WindowSummary w) {
    List<FrontPoint> front = w.front();
    // the window's first two objectives (a third one is listed in the report's `front`)
    List<String> names = front.isEmpty() ? List.of("buyerWelfare", "sellerWelfare")
        : front.get(0).names();
    XYChart chart = Charts.xy("Pareto front — " + w.windowName(), axisTitle(names.get(0)),
        axisTitle(names.get(1)));
    XYSeries all = chart.addSeries("front (" + front.size() + " points)",
        front.stream().mapToDouble(p -> p.value(0)).toArray(),
        front.stream().mapToDouble(p -> p.value(1)).toArray());
    all.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    if (w.compromiseIndex() >= 0 && w.compromiseIndex() < front.size()) {
      FrontPoint c = front.get(w.compromiseIndex());
      XYSeries chosen = chart.addSeries("compromise (index " + w.compromiseIndex() + ")",
          new double[] {c.value(0)}, new double[] {c.value(1)});
      chosen.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      chosen.setMarker(SeriesMarkers.DIAMOND);
      chosen.setMarkerColor(Charts.LIMIT);
      if (WindowTradeOff.isTradeOff(w)) { // what the day view measures against
        FrontPoint o = WindowTradeOff.optimum(front);
        XYSeries optimum = chart.addSeries("welfare optimum", new double[] {o.value(0)},
            new double[] {o.value(1)});
        optimum.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        optimum.setMarker(SeriesMarkers.SQUARE);
        optimum.setMarkerColor(Color.BLACK);
      }
    }
    chart.getStyler().setMarkerSize(8);
    return chart;
  }

  /** An objective's axis title: its report name, with the unit where it has one. */
  private static String axisTitle(String objective) {
    return switch (objective) {
      case "buyerWelfare" -> "buyers' welfare";
      case "sellerWelfare" -> "sellers' welfare";
      case "socialWelfare" -> "social welfare";
      case "standardFillRate" -> "STANDARD fill rate";
      case "lossesKw" -> "feeder losses (kW)";
      case "voltageHeadroomPu" -> "voltage headroom (p.u.)";
      default -> objective;
    };
  }

  /** Rejected records by reason code. */
  CategoryChart rejections() {
    CategoryChart chart = Charts.bars("Rejections by reason", "reason", "records");
    Map<String, Integer> byReason = data.outputs().rejectionsByReason;
    List<String> reasons = new ArrayList<>(byReason.keySet());
    List<Number> counts = new ArrayList<>(byReason.values());
    if (reasons.isEmpty()) {
      reasons.add("none");
      counts.add(0);
    }
    chart.addSeries("rejections", reasons, counts).setFillColor(new Color(90, 110, 160));
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisLabelRotation(30);
    return chart;
  }

  /** Per buyer class, matched / demanded energy over the day, one bar per feeder. */
  CategoryChart fillRate() {
    CategoryChart chart = Charts.bars("Fill rate per buyer class (matched / demanded kWh, whole day)",
        "buyer class", "fill rate %");
    for (String feeder : data.feederIds()) {
      Map<String, double[]> kwh = new TreeMap<>(ReportData.CLASS_ORDER);
      for (WindowSummary w : data.windowsOf(feeder)) {
        w.classKwh().forEach((cls, dm) -> {
          double[] sum = kwh.computeIfAbsent(cls, k -> new double[2]);
          sum[0] += dm[0];
          sum[1] += dm[1];
        });
      }
      if (kwh.isEmpty()) {
        continue;
      }
      List<String> classes = new ArrayList<>(kwh.keySet());
      List<Number> rates = new ArrayList<>();
      kwh.values().forEach(dm -> rates.add(dm[0] > 0 ? 100 * dm[1] / dm[0] : 0.0));
      chart.addSeries(feeder, classes, rates);
    }
    if (chart.getSeriesMap().isEmpty()) {
      chart.addSeries("no buyers", List.of("none"), List.of(0));
    }
    return chart;
  }
}
