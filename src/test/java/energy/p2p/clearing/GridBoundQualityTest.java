package energy.p2p.clearing;

import static energy.p2p.clearing.Books.FRAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.feasibility.FeasibilityCheck;
import energy.p2p.grid.BackwardForwardSweep;
import energy.p2p.grid.NewtonRaphsonSolver;
import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.model.Bid;
import energy.p2p.model.Feasibility;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The benchmark's grid-bound windows (100 × 100, base load × 0.2, limits [0.95, 1.02] p.u., every
 * seller on the three farthest buses) on the 33- and the 69-bus Baran & Wu feeders: welfare at
 * least the LinDistFlow LP's (what HiGHS solves in the benchmark, built in the test with ojAlgo)
 * and zero violations by the sweep and by Newton-Raphson, on every book the benchmark times, with
 * its rules. Class rule off: the LP knows none.
 */
class GridBoundQualityTest {
  /** The benchmark's books per feeder (GridBoundBenchmark.BOOKS). */
  private static final int BOOKS = 20;

  /** Every book the benchmark cycles through, on both feeders. */
  static Stream<Arguments> benchmarkBooks() {
    return Stream.of("ieee33", "case69").flatMap(name -> GridBoundBooks
        .seeds(GridBoundBooks.light(name), BOOKS).stream().map(seed -> Arguments.of(name, seed)));
  }

  @ParameterizedTest(name = "{0}, book {1}")
  @MethodSource("benchmarkBooks")
  void welfareIsAtLeastTheLinDistFlowLpAndTheAcLoadFlowHasNoViolation(String name, long seed) {
    RadialFeeder f = GridBoundBooks.light(name);
    List<Bid> bids = GridBoundBooks.book(f, seed);
    ClearingConfig config = ClearingConfig.defaults().withMinShares(0, 0, 0); // the benchmark's
    ClearingResult r = new MarketClearing(f, config).clear(FRAME, bids);

    double lp = LinDistFlowReference.optimumWelfare(f, bids, 0.25);
    assertTrue(MeritOrderReference.optimumWelfare(bids) > 1.001 * lp, "precondition: grid-bound");
    double welfare = TradeFlows.welfareEur(bids, r.allocations());
    assertTrue(welfare >= lp, welfare + " < LinDistFlow LP " + lp);
    double[] kw = TradeFlows.injectionsKw(f, bids, r.allocations());
    PowerFlowResult bfs = new BackwardForwardSweep(f).solve(kw);
    assertTrue(bfs.withinLimits(), bfs.violations().toString());
    PowerFlowResult nr = new NewtonRaphsonSolver(f).solve(kw);
    assertTrue(nr.converged() && nr.vMaxPu() <= f.vMaxPu() + 1e-9 && nr.vMinPu() >= f.vMinPu());
    assertEquals(Feasibility.FEASIBLE,
        new FeasibilityCheck(f, config).check(r, bids).report().feasibility());
    assertTrue(r.report().bindingLimits().stream().anyMatch(l -> l.kind().equals("OVER_VOLTAGE")));
  }
}
