package energy.p2p.clearing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.feasibility.FeasibilityCheck;
import energy.p2p.grid.NewtonRaphsonSolver;
import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.model.Bid;
import energy.p2p.model.Feasibility;
import energy.p2p.synth.FeederVariants;
import energy.p2p.synth.RandomBookGenerator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Social welfare against optima computed independently in the tests: the merit-order crossing
 * ({@link MeritOrderReference}) on books the feeder carries, and an LP over the feeder linearised
 * by finite differences of the Newton-Raphson solver ({@link LinearisedFeederReference}) on books
 * where the voltage limit binds. Class rule off and no fee: the references know neither.
 */
class ClearingQualityTest {
  private static final ClearingConfig NO_CLASS_RULE = ClearingConfig.defaults().withMinShares(0, 0, 0);
  private static final RadialFeeder IEEE33 = Books.ieee33();
  /** Base load × 0.2, limits [0.95, 1.02] p.u.: PV crowded at the far end lifts the voltage. */
  private static final RadialFeeder LIGHT =
      FeederVariants.scaled(IEEE33, 0.2, 0.95, 1.02, Double.POSITIVE_INFINITY);

  @ParameterizedTest(name = "{0} x {1}, seed {2}")
  @CsvSource({"2, 3, 1", "10, 10, 2", "50, 50, 3", "100, 100, 4", "100, 100, 5", "300, 200, 6",
      "500, 500, 7", "500, 500, 8"})
  void booksOnTheSampleFeederReachTheMeritOrderOptimum(int buyers, int sellers, long seed) {
    // the grid rarely binds here (one 500x500 book pulls bus 18 just below 0.90 p.u. at the
    // crossing): the merit-order optimum is the reference, 99.9 % the bar
    List<Bid> bids = new RandomBookGenerator(IEEE33)
        .generate(RandomBookGenerator.Options.of(buyers, sellers), Books.FRAME, seed);
    ClearingResult r = new MarketClearing(IEEE33, NO_CLASS_RULE.withSeed(seed)).clear(Books.FRAME, bids);

    double optimum = MeritOrderReference.optimumWelfare(bids);
    double welfare = TradeFlows.welfareEur(bids, r.allocations());
    assertTrue(welfare >= 0.999 * optimum, welfare + " < 99.9 % of " + optimum);
    assertTrue(welfare <= optimum + 1e-9);
    assertEquals(welfare, r.report().socialWelfare(), 1e-7);
    assertTrue(TradeFlows.sweep(IEEE33, bids, r.allocations()).withinLimits(), "the feeder carries it");
  }

  @ParameterizedTest(name = "{0} x {1}, seed {2}")
  @CsvSource({"100, 100, 1", "200, 100, 1", "200, 100, 2", "500, 500, 1"})
  void voltageBoundBooksReachTheLinearisedOptimumWithoutAnyViolation(int buyers, int sellers,
      long seed) {
    List<Bid> bids = new RandomBookGenerator(LIGHT).generate(
        RandomBookGenerator.Options.of(buyers, sellers).withFarEndSellers(3), Books.FRAME, seed);
    ClearingResult r = new MarketClearing(LIGHT, NO_CLASS_RULE.withSeed(seed)).clear(Books.FRAME, bids);

    double reference = LinearisedFeederReference.optimumWelfare(LIGHT, bids, 0.25);
    double merit = MeritOrderReference.optimumWelfare(bids);
    assertTrue(merit > 1.05 * reference, "precondition: the voltage limit binds");
    double welfare = TradeFlows.welfareEur(bids, r.allocations());
    assertTrue(welfare >= 0.995 * reference, welfare + " < 99.5 % of " + reference);
    // zero violations in an AC check, by both solvers
    PowerFlowResult bfs = TradeFlows.sweep(LIGHT, bids, r.allocations());
    assertTrue(bfs.withinLimits(), bfs.violations().toString());
    PowerFlowResult nr = new NewtonRaphsonSolver(LIGHT).solve(TradeFlows.injectionsKw(LIGHT, bids, r.allocations()));
    assertTrue(nr.converged() && nr.vMaxPu() <= LIGHT.vMaxPu() + 1e-9 && nr.vMinPu() >= LIGHT.vMinPu());
    // and the feasibility operator has nothing to cut
    ClearingResult checked = new FeasibilityCheck(LIGHT, NO_CLASS_RULE).check(r, bids);
    assertEquals(Feasibility.FEASIBLE, checked.report().feasibility());
  }
}
