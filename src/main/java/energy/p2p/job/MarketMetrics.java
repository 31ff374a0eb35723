package energy.p2p.job;

import energy.p2p.model.Allocation;
import energy.p2p.model.ClearingReport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * Market figures in Flink's metric system (the dashboard): windows published, matched and curtailed
 * energy, social welfare (running totals), and per feeder the last window's min/max voltage.
 * Energy and welfare are gauges of running double totals (Flink counters are integers).
 */
final class MarketMetrics {
  private final MetricGroup group;
  private final Counter windowsPublished;
  private final Counter tradesPublished;
  private double matchedKwh;
  private double curtailedKwh;
  private double socialWelfare;
  private final Map<String, double[]> voltageByFeeder = new HashMap<>();

  MarketMetrics(MetricGroup group) {
    this.group = group;
    windowsPublished = group.counter("windowsPublished");
    tradesPublished = group.counter("tradesPublished");
    group.gauge("matchedKwh", (Gauge<Double>) () -> matchedKwh);
    group.gauge("curtailedKwh", (Gauge<Double>) () -> curtailedKwh);
    group.gauge("socialWelfare", (Gauge<Double>) () -> socialWelfare);
  }

  void record(ClearingReport report, List<Allocation> trades) {
    windowsPublished.inc();
    tradesPublished.inc(trades.size());
    for (Allocation a : trades) {
      matchedKwh += a.quantityKwh();
    }
    curtailedKwh += finite(report.curtailedKwh());
    socialWelfare += finite(report.socialWelfare());
    double[] v = voltageByFeeder.computeIfAbsent(report.feederId(), this::registerFeeder);
    v[0] = report.vMinPu();
    v[1] = report.vMaxPu();
  }

  private double[] registerFeeder(String feederId) {
    double[] v = {Double.NaN, Double.NaN};
    MetricGroup feeder = group.addGroup("feeder", feederId);
    feeder.gauge("vMinPu", (Gauge<Double>) () -> v[0]);
    feeder.gauge("vMaxPu", (Gauge<Double>) () -> v[1]);
    return v;
  }

  private static double finite(double x) {
    return Double.isFinite(x) ? x : 0;
  }
}
