package energy.p2p.report;

import static energy.p2p.report.WindowTradeOff.FILL;
import static energy.p2p.report.WindowTradeOff.HEADROOM;
import static energy.p2p.report.WindowTradeOff.LOSSES;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * The report's day view: frame by frame, what the published compromises gave up in welfare
 * against each window's welfare optimum and what they gained for it — STANDARD (household) fill,
 * feeder losses, voltage headroom — for the windows cleared with those trade-off objectives.
 * Welfare, fill and losses add over the feeders of a frame; headroom is a per-feeder margin and
 * is drawn per feeder.
 */
final class DayView {

  private static final Color GIVEN_UP = new Color(200, 30, 30);
  private final ReportData data;
  private final List<WindowTradeOff> windows = new ArrayList<>();

  DayView(ReportData data, double frameHours) {
    this.data = data;
    for (String id : data.feederIds()) {
      data.windowsOf(id).forEach(w -> WindowTradeOff.of(w, frameHours).ifPresent(windows::add));
    }
  }

  List<WindowTradeOff> windows() {
    return windows;
  }

  ChartSection section() {
    String id = "day-view";
    String title = "Day view: welfare given up for what the compromise gained";
    if (windows.isEmpty()) {
      return new ChartSection(id, title, "<p>No window was cleared with a trade-off objective"
          + " (<code>standardFillRate</code>, <code>lossesKw</code> or"
          + " <code>voltageHeadroomPu</code> in its <code>front</code>; a rules file's"
          + " <code>objectives</code> sets them): nothing was given up for anything.</p>",
          List.of());
    }
    List<Chart<?, ?>> charts = new ArrayList<>();
    if (any(FILL)) {
      charts.add(chart(FILL, "STANDARD fill gained", "kWh", ", summed over feeders",
          WindowTradeOff::fillGainedKwh));
    }
    if (any(LOSSES)) {
      charts.add(chart(LOSSES, "losses saved", "kWh", " over the frame, summed over feeders",
          WindowTradeOff::lossesSavedKwh));
    }
    if (any(HEADROOM)) {
      charts.add(headroomChart());
    }
    return new ChartSection(id, title, DayViewTable.html(data, windows), charts);
  }

  private boolean any(String tradeOff) {
    return windows.stream().anyMatch(w -> w.has(tradeOff));
  }

  /**
   * Welfare given up (left axis) and a summed gain (right axis) per frame; the gain's axis says
   * its unit, its legend also how it is summed ({@code note}).
   */
  private XYChart chart(String tradeOff, String gain, String unit, String note,
      ToDoubleFunction<WindowTradeOff> value) {
    Map<Long, double[]> perFrame = perFrame(tradeOff, value);
    XYChart chart = twoAxes("Welfare given up vs " + gain + ", per frame",
        gain + " (" + unit + ")");
    double[] x = hours(perFrame);
    welfareSeries(chart, x, perFrame);
    chart.addSeries(gain + " (" + unit + note + ")", x,
        perFrame.values().stream().mapToDouble(v -> v[1]).toArray()).setYAxisGroup(1);
    return chart;
  }

  private XYChart headroomChart() {
    Map<Long, double[]> perFrame = perFrame(HEADROOM, WindowTradeOff::headroomGainedPu);
    XYChart chart = twoAxes("Welfare given up vs voltage headroom gained, per frame",
        "headroom gained (p.u.)");
    welfareSeries(chart, hours(perFrame), perFrame);
    for (String feeder : data.feederIds()) {
      List<WindowTradeOff> ws = windows.stream()
          .filter(w -> w.has(HEADROOM) && w.window().feederId().equals(feeder)).toList();
      if (!ws.isEmpty()) {
        chart.addSeries("headroom gained — " + feeder, ws.stream()
                .mapToDouble(w -> data.hour(w.window().frameStartMs())).toArray(),
            ws.stream().mapToDouble(WindowTradeOff::headroomGainedPu).toArray()).setYAxisGroup(1);
      }
    }
    return chart;
  }

  /** Per frame start: {welfare given up, gain}, summed over the windows with the trade-off. */
  Map<Long, double[]> perFrame(String tradeOff, ToDoubleFunction<WindowTradeOff> gain) {
    Map<Long, double[]> perFrame = new TreeMap<>();
    for (WindowTradeOff w : windows) {
      if (w.has(tradeOff)) {
        double[] sum = perFrame.computeIfAbsent(w.window().frameStartMs(), k -> new double[2]);
        sum[0] += w.welfareGivenUp();
        sum[1] += gain.applyAsDouble(w);
      }
    }
    return perFrame;
  }

  private double[] hours(Map<Long, double[]> perFrame) {
    return perFrame.keySet().stream().mapToDouble(data::hour).toArray();
  }

  private XYChart twoAxes(String title, String gainTitle) {
    XYChart chart = Charts.xy(title, data.hourAxisTitle(), "welfare given up");
    chart.setYAxisGroupTitle(0, "welfare given up (currency units)");
    chart.setYAxisGroupTitle(1, gainTitle);
    chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
    return chart;
  }

  private static void welfareSeries(XYChart chart, double[] x, Map<Long, double[]> perFrame) {
    XYSeries s = chart.addSeries("welfare given up (currency units, summed over feeders)", x,
        perFrame.values().stream().mapToDouble(v -> v[0]).toArray());
    s.setLineColor(GIVEN_UP);
    s.setMarkerColor(GIVEN_UP);
    s.setYAxisGroup(0);
  }
}
