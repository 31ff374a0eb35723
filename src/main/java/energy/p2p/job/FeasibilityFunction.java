package energy.p2p.job;

import energy.p2p.clearing.ClearingResult;
import energy.p2p.feasibility.FeasibilityCheck;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.model.Allocation;
import energy.p2p.model.ClearingReport;
import energy.p2p.model.ClearingStatus;
import energy.p2p.model.Feasibility;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by feederId: re-checks a cleared window's trades with the AC sweep and curtails until the
 * feeder carries them ({@link FeasibilityCheck}), then publishes the report (main output) and the
 * trades (side output {@link OutputTags#ALLOCATIONS}). A window whose load flow did not converge
 * publishes no trade. Stateless apart from one checker per feeder.
 */
public final class FeasibilityFunction extends KeyedProcessFunction<String, ClearedWindow, ClearingReport> {
  private final FeederFiles feederFiles;
  private final JobOptions options;
  private transient Map<String, FeasibilityCheck> checks;
  private transient MarketMetrics metrics;
  private transient Histogram checkMillis;

  public FeasibilityFunction(FeederFiles feederFiles, JobOptions options) {
    this.feederFiles = feederFiles;
    this.options = options;
  }

  @Override
  public void open(OpenContext ctx) {
    checks = new HashMap<>();
    for (Map.Entry<String, RadialFeeder> e : feederFiles.feeders().entrySet()) {
      checks.put(e.getKey(), new FeasibilityCheck(e.getValue(), options.clearingFor(e.getKey())));
    }
    metrics = new MarketMetrics(getRuntimeContext().getMetricGroup());
    checkMillis = getRuntimeContext().getMetricGroup()
        .histogram("feasibilityMillis", new DescriptiveStatisticsHistogram(1000));
  }

  @Override
  public void processElement(ClearedWindow w, Context ctx, Collector<ClearingReport> out) {
    long t0 = System.nanoTime();
    ClearingResult checked = checks.get(w.feederId())
        .check(new ClearingResult(w.allocations(), w.report()), w.bids());
    checkMillis.update((System.nanoTime() - t0) / 1_000_000L);
    ClearingReport report = checked.report();
    List<Allocation> trades = checked.allocations();
    if (report.status() == ClearingStatus.GRID_NOT_CONVERGED || report.feasibility() == Feasibility.NOT_CONVERGED) {
      trades = List.of(); // nothing is published for a feeder whose load flow does not converge
    }
    metrics.record(report, trades);
    for (Allocation a : trades) {
      ctx.output(OutputTags.ALLOCATIONS, a);
    }
    out.collect(report);
    ctx.output(OutputTags.PUBLISHED, new PublishedWindow(w.feederId(), w.frameStartMs(), trades, report));
  }
}
