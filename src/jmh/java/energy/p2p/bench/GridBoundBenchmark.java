package energy.p2p.bench;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import energy.p2p.clearing.ClearingConfig;
import energy.p2p.clearing.ClearingResult;
import energy.p2p.clearing.GridBoundBooks;
import energy.p2p.clearing.LinDistFlowReference;
import energy.p2p.clearing.MarketClearing;
import energy.p2p.feasibility.FeasibilityCheck;
import energy.p2p.grid.BackwardForwardSweep;
import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.model.Bid;
import java.util.ArrayList;
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
 * Grid-bound windows side by side: the engine (clear + AC feasibility check) and
 * the plain LP a utility would hand an LP solver — one variable per bid, the energy balance and a
 * LinDistFlow row per bus around the AC base case (as {@code LinDistFlowReference} in the tests)
 * — built and solved per window with HiGHS 1.11 or GLOP through OR-Tools' {@code MPSolver}
 * (ortools-java 9.14.6206, bench profile only). 20 grid-bound books of 100 × 100 per feeder
 * ({@link GridBoundBooks}: base load × 0.2, limits [0.95, 1.02] p.u., sellers on the three
 * farthest buses, only books where the voltage limit binds), cycled. GridBoundQualityTest checks
 * the engine's answer on each of them against the LP and the AC load flow.
 *
 * <pre>mvn -Pbench test-compile exec:exec -Dbench=GridBoundBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GridBoundBenchmark {
  private static final long FRAME = GridBoundBooks.FRAME;
  private static final int BOOKS = 20;

  @Param({"ieee33", "case69"})
  public String feeder;

  /**
   * engine: the LP's problem (no class reservation, as GridBoundQualityTest proves welfare ≥ the
   * LP for); engine-default-rules: default rules (STANDARD ≥ 50 % reserved); HIGHS, GLOP: the LP.
   */
  @Param({"engine", "engine-default-rules", "HIGHS", "GLOP"})
  public String solver;

  private RadialFeeder grid;
  private final List<List<Bid>> books = new ArrayList<>();
  private MarketClearing clearing;
  private FeasibilityCheck check;
  private double[][] dv;
  private double[] baseVPu;
  private int next;

  @Setup
  public void setUp() {
    grid = GridBoundBooks.light(feeder);
    for (long seed : GridBoundBooks.seeds(grid, BOOKS)) {
      books.add(GridBoundBooks.book(grid, seed));
    }
    ClearingConfig config = solver.equals("engine-default-rules") ? ClearingConfig.defaults()
        : ClearingConfig.defaults().withMinShares(0, 0, 0);
    clearing = new MarketClearing(grid, config);
    check = new FeasibilityCheck(clearing.grid());
    if (!solver.startsWith("engine")) {
      Loader.loadNativeLibraries();
      dv = LinDistFlowReference.sensitivities(grid);
      PowerFlowResult flow = new BackwardForwardSweep(grid).solve(null);
      baseVPu = new double[grid.busCount()];
      for (int k = 0; k < baseVPu.length; k++) {
        baseVPu[k] = flow.vPu(k);
      }
    }
  }

  @Benchmark
  public Object window() {
    List<Bid> bids = books.get(next++ % BOOKS);
    if (solver.startsWith("engine")) {
      ClearingResult r = check.check(clearing.clear(FRAME, bids), bids);
      return r;
    }
    return lp(bids);
  }

  /** Builds and solves the LinDistFlow LP of one window; its optimal welfare. */
  private double lp(List<Bid> bids) {
    MPSolver s = MPSolver.createSolver(solver);
    s.suppressOutput();
    int n = grid.busCount();
    MPConstraint balance = s.makeConstraint(0, 0);
    MPConstraint[] voltage = new MPConstraint[n];
    for (int k = 1; k < n; k++) {
      voltage[k] = s.makeConstraint(grid.vMinPu() - baseVPu[k], grid.vMaxPu() - baseVPu[k]);
    }
    MPObjective objective = s.objective();
    for (Bid b : bids) {
      boolean buy = b.isBuy();
      MPVariable x = s.makeNumVar(0, b.quantityKwh(), b.bidId());
      objective.setCoefficient(x, buy ? b.limitPrice() : -b.limitPrice());
      balance.setCoefficient(x, buy ? 1 : -1);
      int bus = grid.indexOf(b.bus());
      double kwPerKwh = (buy ? -1 : 1) / 0.25;
      for (int k = 1; k < n; k++) {
        voltage[k].setCoefficient(x, dv[k][bus] * kwPerKwh);
      }
    }
    objective.setMaximization();
    if (s.solve() != MPSolver.ResultStatus.OPTIMAL) {
      throw new IllegalStateException(solver + " did not solve a window");
    }
    double welfare = objective.value();
    s.delete();
    return welfare;
  }
}
