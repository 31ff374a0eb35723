package energy.p2p.report;

import energy.p2p.grid.RadialFeeder;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Charts of the grid side of a replay: voltage band, voltage profile, curtailments. */
final class GridCharts {

  private final ReportData data;

  GridCharts(ReportData data) {
    this.data = data;
  }

  /** Lowest and highest bus voltage per frame against the feeder's limits. */
  XYChart voltageBand(String feederId) {
    RadialFeeder feeder = data.feeder(feederId);
    XYChart chart = Charts.xy("Voltage band per frame — " + feederId, data.hourAxisTitle(),
        "bus voltage (p.u.)");
    List<WindowSummary> ws = data.windowsOf(feederId).stream()
        .filter(w -> Double.isFinite(w.vMinPu()) && Double.isFinite(w.vMaxPu())).toList();
    double[] x = data.hours(ws);
    if (x.length > 0) { // no finite voltage when no load flow of the feeder converged
      Charts.line(chart, "max bus voltage", x, ws.stream().mapToDouble(WindowSummary::vMaxPu)
          .toArray());
      Charts.line(chart, "min bus voltage", x, ws.stream().mapToDouble(WindowSummary::vMinPu)
          .toArray());
    }
    double x0 = x.length == 0 ? 0 : x[0];
    double x1 = x.length == 0 ? 24 : x[x.length - 1];
    Charts.limit(chart, "vMaxPu " + feeder.vMaxPu(), x0, x1, feeder.vMaxPu());
    Charts.limit(chart, "vMinPu " + feeder.vMinPu(), x0, x1, feeder.vMinPu());
    chart.getStyler().setYAxisDecimalPattern("0.000");
    return chart;
  }

  /** Bus voltages along the feeder (by bus number) for one frame: base case and with trades. */
  XYChart voltageProfile(RadialFeeder feeder, VoltageProfile p) {
    XYChart chart = Charts.xy("Voltage profile — " + p.window().windowName()
        + " (most constrained frame)", "bus number", "voltage (p.u.)");
    double[] bus = new double[p.busNumbers().length];
    for (int i = 0; i < bus.length; i++) {
      bus[i] = p.busNumbers()[i];
    }
    XYSeries base = chart.addSeries("base load only", bus, p.baseVPu());
    base.setMarker(SeriesMarkers.CIRCLE);
    if (p.tradedVPu() != null) {
      chart.addSeries("with the frame's trades", bus, p.tradedVPu()).setMarker(SeriesMarkers.SQUARE);
    }
    Charts.limit(chart, "vMaxPu " + feeder.vMaxPu(), bus[0], bus[bus.length - 1], feeder.vMaxPu());
    Charts.limit(chart, "vMinPu " + feeder.vMinPu(), bus[0], bus[bus.length - 1], feeder.vMinPu());
    chart.getStyler().setYAxisDecimalPattern("0.000");
    return chart;
  }

  /** Energy the feasibility operator cut per frame, one line per feeder. */
  XYChart curtailments() {
    XYChart chart = Charts.xy("Curtailed energy per frame (feasibility operator)",
        data.hourAxisTitle(), "kWh cut");
    for (String feeder : data.feederIds()) {
      List<WindowSummary> ws = data.windowsOf(feeder);
      XYSeries s = chart.addSeries(feeder, data.hours(ws),
          ws.stream().mapToDouble(WindowSummary::curtailedKwh).toArray());
      s.setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }
}
