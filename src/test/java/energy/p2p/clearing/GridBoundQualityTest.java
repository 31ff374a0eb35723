package energy.p2p.clearing;

import static energy.p2p.clearing.Books.FRAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.feasibility.FeasibilityCheck;
import energy.p2p.grid.BackwardForwardSweep;
import energy.p2p.grid.NewtonRaphsonSolver;
import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.io.MatpowerReader;
import energy.p2p.model.Allocation;
import energy.p2p.model.Bid;
import energy.p2p.model.Feasibility;
import energy.p2p.synth.FeederVariants;
import energy.p2p.synth.RandomBookGenerator;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The benchmark's grid-bound windows (100 × 100, base load × 0.2, limits [0.95, 1.02] p.u., every
 * seller on the three farthest buses) on the 33- and the 69-bus Baran & Wu feeders: welfare at
 * least the LinDistFlow LP's (what HiGHS solves in the benchmark, built in the test with ojAlgo)
 * and zero violations by the sweep and by Newton-Raphson. Class rule off: the LP knows none.
 */
class GridBoundQualityTest {

  static RadialFeeder light(String feeder) {
    RadialFeeder base = feeder.equals("case69")
        ? MatpowerReader.read(Path.of("sample-data", "feeders-matpower", "case69.m"), "case69")
        : Books.ieee33();
    return FeederVariants.scaled(base, 0.2, 0.95, 1.02, Double.POSITIVE_INFINITY);
  }

  @ParameterizedTest(name = "{0}, book {1}")
  @CsvSource({"ieee33, 1", "ieee33, 2", "ieee33, 4", "case69, 1", "case69, 2", "case69, 3"})
  void welfareIsAtLeastTheLinDistFlowLpAndTheAcLoadFlowHasNoViolation(String name, long seed) {
    RadialFeeder f = light(name);
    List<Bid> bids = new RandomBookGenerator(f).generate(
        RandomBookGenerator.Options.of(100, 100).withFarEndSellers(3), FRAME, seed);
    ClearingConfig config = ClearingConfig.defaults().withMinShares(0, 0, 0).withSeed(seed);
    ClearingResult r = new MarketClearing(f, config).clear(FRAME, bids);

    double lp = LinDistFlowReference.optimumWelfare(f, bids, 0.25);
    assertTrue(MeritOrderReference.optimumWelfare(bids) > 1.001 * lp, "precondition: grid-bound");
    double welfare = welfare(bids, r.allocations());
    assertTrue(welfare >= lp, welfare + " < LinDistFlow LP " + lp);
    double[] kw = injections(f, bids, r.allocations());
    PowerFlowResult bfs = new BackwardForwardSweep(f).solve(kw);
    assertTrue(bfs.withinLimits(), bfs.violations().toString());
    PowerFlowResult nr = new NewtonRaphsonSolver(f).solve(kw);
    assertTrue(nr.converged() && nr.vMaxPu() <= f.vMaxPu() + 1e-9 && nr.vMinPu() >= f.vMinPu());
    assertEquals(Feasibility.FEASIBLE,
        new FeasibilityCheck(f, config).check(r, bids).report().feasibility());
    assertTrue(r.report().bindingLimits().stream().anyMatch(l -> l.kind().equals("OVER_VOLTAGE")));
  }

  private static double welfare(List<Bid> bids, List<Allocation> trades) {
    Map<String, Bid> byId = new HashMap<>();
    bids.forEach(b -> byId.put(b.bidId(), b));
    double w = 0;
    for (Allocation a : trades) {
      w += a.quantityKwh() * (byId.get(a.buyerBidId()).limitPrice()
          - byId.get(a.sellerBidId()).limitPrice() - a.gridFee());
    }
    return w;
  }

  private static double[] injections(RadialFeeder f, List<Bid> bids, List<Allocation> trades) {
    Map<String, Bid> byId = new HashMap<>();
    bids.forEach(b -> byId.put(b.bidId(), b));
    double[] kw = new double[f.busCount()];
    for (Allocation a : trades) {
      kw[f.indexOf(byId.get(a.sellerBidId()).bus())] += a.quantityKwh() / 0.25;
      kw[f.indexOf(byId.get(a.buyerBidId()).bus())] -= a.quantityKwh() / 0.25;
    }
    return kw;
  }
}
