package energy.p2p.feasibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.clearing.ClearingConfig;
import energy.p2p.clearing.ClearingResult;
import energy.p2p.clearing.MarketClearing;
import energy.p2p.clearing.ReportBuilder;
import energy.p2p.clearing.TradeFlows;
import energy.p2p.grid.BackwardForwardSweep;
import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.io.FeederReader;
import energy.p2p.model.Allocation;
import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.ClearingStatus;
import energy.p2p.model.Curtailment;
import energy.p2p.model.Feasibility;
import energy.p2p.model.Side;
import energy.p2p.synth.FeederVariants;
import energy.p2p.synth.RandomBookGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The AC re-check on the IEEE 33-bus feeder. "Light" = base load × 0.3 with limits [0.95, 1.03]
 * p.u.: the base case sits near 0.98 p.u., so megawatts injected at the far end (buses 17, 18)
 * push the end of the main feeder over 1.03 p.u.
 */
class FeasibilityCheckTest {
  private static final long FRAME = 1_795_514_400_000L;
  private static final ClearingConfig CONFIG = ClearingConfig.defaults();
  private static final RadialFeeder IEEE33 =
      FeederReader.read(Path.of("sample-data", "feeders"), "ieee33");
  private static final RadialFeeder LIGHT =
      FeederVariants.scaled(IEEE33, 0.3, 0.95, 1.03, Double.POSITIVE_INFINITY);

  @Test
  void leavesAFeasibleSetUntouched() {
    List<Bid> bids = new RandomBookGenerator(IEEE33)
        .generate(RandomBookGenerator.Options.of(50, 50), FRAME, 3);
    ClearingResult cleared = new MarketClearing(IEEE33, CONFIG).clear(FRAME, bids);
    assertFalse(cleared.allocations().isEmpty());

    ClearingResult checked = new FeasibilityCheck(IEEE33, CONFIG).check(cleared, bids);

    assertEquals(cleared.allocations(), checked.allocations());
    assertEquals(Feasibility.FEASIBLE, checked.report().feasibility());
    assertEquals(0.0, checked.report().curtailedKwh(), 0.0);
    assertTrue(checked.report().curtailments().isEmpty());
    assertEquals(cleared.report().socialWelfare(), checked.report().socialWelfare(), 1e-12);
    assertEquals(cleared.report().vMaxPu(), checked.report().vMaxPu(), 1e-12);
  }

  @Test
  void curtailsTheLeastValuableTradeFirstUntilTheSweepFindsNoViolation() {
    // two 300 kWh trades (1.2 MW each over 15 min) from the far end to the substation end:
    // cheap: 0.05/kWh of surplus; dear: 0.20/kWh
    List<Bid> bids = List.of(
        bid("b-cheap", 2, Side.BUY, 300, 0.15), bid("s-cheap", 18, Side.SELL, 300, 0.10),
        bid("b-dear", 3, Side.BUY, 300, 0.30), bid("s-dear", 17, Side.SELL, 300, 0.10));
    List<Allocation> trades = List.of(
        trade("b-cheap", "s-cheap", 300, 0.125), trade("b-dear", "s-dear", 300, 0.20));
    BackwardForwardSweep sweep = new BackwardForwardSweep(LIGHT);
    assertFalse(sweep.solve(TradeFlows.injectionsKw(LIGHT, bids, trades)).withinLimits(), "precondition: violated");

    ClearingResult checked = new FeasibilityCheck(LIGHT, CONFIG).check(result(bids, trades), bids);

    assertEquals(Feasibility.CURTAILED, checked.report().feasibility());
    PowerFlowResult after = sweep.solve(TradeFlows.injectionsKw(LIGHT, bids, checked.allocations()));
    assertTrue(after.withinLimits(), "after curtailment: " + after.violations());
    assertTrue(after.vMaxPu() <= 1.03 + 1e-9);
    Map<String, Double> cut = checked.report().curtailments().stream()
        .collect(Collectors.toMap(Curtailment::sellerBidId, Curtailment::cutKwh));
    assertTrue(cut.containsKey("s-cheap"), "the cheap trade is cut");
    double cheapLeft = remaining(checked.allocations(), "s-cheap");
    if (cut.containsKey("s-dear")) {
      assertEquals(0.0, cheapLeft, 1e-9, "the dear trade is only cut once the cheap one is gone");
    }
    assertEquals(checked.report().curtailedKwh(),
        cut.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    assertTrue(checked.report().curtailments().get(0).reason().startsWith("OVER_VOLTAGE bus"));
    assertFalse(checked.report().bindingBuses().isEmpty());
    // figures describe what is published, not what was cleared
    double kept = checked.allocations().stream().mapToDouble(Allocation::quantityKwh).sum();
    assertEquals(kept, checked.report().matchedKwh(), 1e-9);
    assertEquals(600 - kept, checked.report().curtailedKwh(), 1e-9);
  }

  @Test
  void nonConvergingFeederPublishesNothing() {
    RadialFeeder overloaded = FeederVariants.scaled(IEEE33, 25, 0.5, 1.5, Double.POSITIVE_INFINITY);
    assertFalse(new BackwardForwardSweep(overloaded).solve(null).converged(),
        "precondition: 25 × the base load does not converge");
    List<Bid> bids = new RandomBookGenerator(IEEE33)
        .generate(RandomBookGenerator.Options.of(20, 20), FRAME, 5);
    ClearingResult cleared = new MarketClearing(IEEE33, CONFIG).clear(FRAME, bids);

    ClearingResult checked = new FeasibilityCheck(overloaded, CONFIG).check(cleared, bids);

    assertTrue(checked.allocations().isEmpty());
    assertEquals(Feasibility.NOT_CONVERGED, checked.report().feasibility());
    assertEquals(ClearingStatus.GRID_NOT_CONVERGED, checked.report().status());
    assertEquals(0.0, checked.report().matchedKwh(), 0.0);

    ClearingResult direct = new MarketClearing(overloaded, CONFIG).clear(FRAME, bids);
    assertTrue(direct.allocations().isEmpty());
    assertEquals(ClearingStatus.GRID_NOT_CONVERGED, direct.report().status());
  }

  @Test
  void emptyWindowIsFeasible() {
    ClearingResult empty = new ClearingResult(List.of(),
        new ReportBuilder("ieee33", FRAME).status(ClearingStatus.ONE_SIDED).build());
    ClearingResult checked = new FeasibilityCheck(IEEE33, CONFIG).check(empty, List.of());
    assertSame(Feasibility.FEASIBLE, checked.report().feasibility());
    assertTrue(checked.allocations().isEmpty());
  }

  private static double remaining(List<Allocation> trades, String sellerBidId) {
    return trades.stream().filter(a -> a.sellerBidId().equals(sellerBidId))
        .mapToDouble(Allocation::quantityKwh).sum();
  }

  private static ClearingResult result(List<Bid> bids, List<Allocation> trades) {
    return new ClearingResult(trades,
        new ReportBuilder("ieee33", FRAME).trades(bids, trades).build());
  }

  private static Allocation trade(String buyer, String seller, double kwh, double price) {
    return new Allocation("ieee33", FRAME, buyer, seller, "p-" + buyer, "p-" + seller, kwh, price,
        0.0);
  }

  private static Bid bid(String id, int bus, Side side, double kwh, double price) {
    return new Bid(id, "p-" + id, "ieee33", bus, side, kwh, price, FRAME, FRAME - 600_000,
        BuyerClass.STANDARD);
  }
}
