package energy.p2p.bench;

import energy.p2p.clearing.ClearingConfig;
import energy.p2p.clearing.ClearingResult;
import energy.p2p.clearing.MarketClearing;
import energy.p2p.clearing.Objective;
import energy.p2p.feasibility.FeasibilityCheck;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.model.Bid;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One 500×500 window cleared as the job clears it ({@code MarketClearing.clear} then
 * {@code FeasibilityCheck.check}) with a two-objective trade-off front — social welfare against
 * household fill, voltage headroom or losses — side by side with the default buyer / seller
 * welfare pair (what a market clears without "objectives"). Goal (issue 12): two-objective books
 * up to 500×500 within 50 ms per window, warm. Default config otherwise (Nash rule, STANDARD ≥
 * 50 %, population 20, so at most 40 seeds and 2,000 evaluations).
 *
 * <p>{@code grid}: as in {@link MarketClearingBenchmark} ("ieee33" as published; "light-far-end":
 * base load × 0.2, limits [0.95, 1.02] p.u., every seller on the three farthest buses).
 *
 * <pre>flock /tmp/p2p-bench.lock mvn -Pbench test-compile exec:exec -Dbench=ParetoFrontBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ParetoFrontBenchmark {
  private static final long FRAME = BenchBook.FRAME;

  /** buyers x sellers */
  @Param({"500x500"})
  public String book;

  @Param({"ieee33", "light-far-end"})
  public String grid;

  /** The rules' objectives, separated by "," (or "+" in a -p option, where "," separates values). */
  @Param({"BUYER_WELFARE,SELLER_WELFARE", "SOCIAL_WELFARE,STANDARD_FILL_RATE",
      "SOCIAL_WELFARE,VOLTAGE_HEADROOM_PU", "SOCIAL_WELFARE,LOSSES_KW"})
  public String objectives;

  private MarketClearing clearing;
  private FeasibilityCheck check;
  private List<Bid> bids;

  @Setup
  public void setUp() {
    BenchBook window = BenchBook.of(grid, book);
    RadialFeeder feeder = window.feeder();
    bids = window.bids();
    List<Objective> list = Arrays.stream(objectives.split("[,+]")).map(Objective::valueOf).toList();
    ClearingConfig config = ClearingConfig.defaults().withObjectives(list);
    clearing = new MarketClearing(feeder, config);
    check = new FeasibilityCheck(feeder, config);
  }

  @Benchmark
  public ClearingResult clearAndCheck() {
    return check.check(clearing.clear(FRAME, bids), bids);
  }
}
