package energy.p2p.clearing;

import static energy.p2p.clearing.Books.FRAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.feasibility.FeasibilityCheck;
import energy.p2p.grid.BackwardForwardSweep;
import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.io.FeederReader;
import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.ClearingReport;
import energy.p2p.model.Feasibility;
import energy.p2p.model.LimitNote;
import energy.p2p.model.Side;
import energy.p2p.synth.FeederVariants;
import energy.p2p.synth.RandomBookGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Thermal limits ({@code max_current_a}) on the sample feeder {@code sample-data/feeders-rated}:
 * IEEE 33 with 75 A on branch 6-26 (base case 65.4 A) and ample ratings elsewhere.
 *
 * <pre>
 *   1 ─ 2 ─ 3 ─ 4 ─ 5 ─ 6 ─ 7 … 18
 *   (sellers at 2)      └─[6-26, 75 A]─ 26 ─ 27 … 33 (buyers at 33)
 * </pre>
 */
class ThermalLimitTest {
  private static final RadialFeeder RATED =
      FeederReader.read(Path.of("sample-data", "feeders-rated"), "ieee33-rated");
  private static final ClearingConfig CONFIG = ClearingConfig.defaults().withMinShares(0, 0, 0);
  private static final int BRANCH_6_26 = RATED.indexOf(26) - 1;

  @Test
  void currentBindsAndTheAcCheckFindsEveryCurrentWithinItsRating() {
    // 10 sellers at bus 2 and 10 buyers at bus 33, 15 kWh each (600 kW): far more than the ~10 A
    // of headroom on 6-26; same prices, so welfare = 0.20 × the energy the lateral can take
    List<Bid> bids = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      bids.add(bid("b-" + k, 33, Side.BUY, 15, 0.30));
      bids.add(bid("s-" + k, 2, Side.SELL, 15, 0.10));
    }
    ClearingResult r = new MarketClearing(RATED, CONFIG).clear(FRAME, bids);

    ClearingReport report = r.report();
    assertTrue(report.bindingLimits().stream().anyMatch(l -> l.kind().equals("OVER_CURRENT")
        && l.element().equals("branch 6-26") && l.limit() == 75.0 && l.value() > 74.9),
        report.bindingLimits().toString());
    PowerFlowResult flow = TradeFlows.sweep(RATED, bids, r.allocations());
    for (int b = 0; b < RATED.branchCount(); b++) {
      assertTrue(flow.branchCurrentA(b) <= RATED.branchMaxCurrentA(b),
          RATED.branchName(b) + ": " + flow.branchCurrentA(b) + " A > " + RATED.branchMaxCurrentA(b));
    }
    assertTrue(flow.withinLimits(), flow.violations().toString());
    // the most the lateral carries, found by bisection on the AC sweep (independent of the engine)
    double most = mostKwhFrom2To33();
    double matched = report.matchedKwh();
    assertTrue(matched >= 0.999 * most && matched <= most + 1e-6, matched + " of " + most);
    assertEquals(Feasibility.FEASIBLE,
        new FeasibilityCheck(RATED, CONFIG).check(r, bids).report().feasibility());
    assertTrue(report.loosenedLimits().isEmpty(), "the base case is within every rating");
  }

  @Test
  void ratingsTheBaseLoadAlreadyBreaksAreReportedAsLoosenedWithTheirAmounts() {
    // 30 A everywhere: the base load alone puts 210 A through 1-2; trades may not make any of
    // those branches worse, and the report says which limits were loosened and to what
    RadialFeeder thirty = FeederVariants.scaled(Books.ieee33(), 1.0, 0.90, 1.05, 30);
    List<Bid> bids = new RandomBookGenerator(thirty)
        .generate(RandomBookGenerator.Options.of(40, 40), FRAME, 4);
    ClearingResult r = new FeasibilityCheck(thirty, CONFIG)
        .check(new MarketClearing(thirty, CONFIG).clear(FRAME, bids), bids);

    PowerFlowResult base = new BackwardForwardSweep(thirty).solve(null).copy();
    List<LimitNote> loosened = r.report().loosenedLimits();
    assertFalse(loosened.isEmpty());
    LimitNote first = loosened.stream().filter(l -> l.element().equals("branch 1-2")).findFirst()
        .orElseThrow(() -> new AssertionError("1-2 not reported: " + loosened));
    assertEquals("OVER_CURRENT", first.kind());
    assertEquals(30.0, first.limit(), 0.0);
    assertEquals(base.branchCurrentA(0), first.value(), 1e-9);
    for (int b = 0; b < thirty.branchCount(); b++) {
      boolean over = base.branchCurrentA(b) > 30;
      String name = "branch " + thirty.branchName(b);
      assertEquals(over, loosened.stream().anyMatch(l -> l.element().equals(name)), name);
    }
    // and no trade makes a loosened branch worse, nor takes a 30 A branch over its rating
    PowerFlowResult flow = TradeFlows.sweep(thirty, bids, r.allocations());
    for (int b = 0; b < thirty.branchCount(); b++) {
      double allowed = Math.max(30, base.branchCurrentA(b));
      assertTrue(flow.branchCurrentA(b) <= allowed + 1e-9, thirty.branchName(b));
    }
  }

  private static double mostKwhFrom2To33() {
    BackwardForwardSweep sweep = new BackwardForwardSweep(RATED);
    double lo = 0;
    double hi = 150;
    for (int k = 0; k < 60; k++) {
      double mid = (lo + hi) / 2;
      double[] kw = new double[RATED.busCount()];
      kw[RATED.indexOf(2)] = mid / 0.25;
      kw[RATED.indexOf(33)] = -mid / 0.25;
      if (sweep.solve(kw).branchCurrentA(BRANCH_6_26) <= 75.0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static Bid bid(String id, int bus, Side side, double kwh, double price) {
    return new Bid(id, "p-" + id, "ieee33-rated", bus, side, kwh, price, FRAME, FRAME - 600_000,
        BuyerClass.STANDARD);
  }
}
