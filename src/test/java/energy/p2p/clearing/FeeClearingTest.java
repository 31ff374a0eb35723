package energy.p2p.clearing;

import static energy.p2p.clearing.Books.FRAME;
import static energy.p2p.clearing.Books.buy;
import static energy.p2p.clearing.Books.sell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.feasibility.FeasibilityCheck;
import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.model.Allocation;
import energy.p2p.model.Bid;
import energy.p2p.model.ClearingStatus;
import energy.p2p.model.Feasibility;
import energy.p2p.synth.FeederVariants;
import energy.p2p.synth.RandomBookGenerator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Grid fees cleared exactly: social welfare net of fees against the exact fee-aware optimum
 * computed in the test ({@link FeeAwareReference}), on open books (the sample feeder carries the
 * optimum) and grid-bound ones (light load, sellers at the far end, limits [0.95, 1.02] p.u.);
 * the bar is 99.9 %, with every published trade rational for both sides, its fee as the contract
 * says, and the AC load flow within limits. Class rule off: the references know none.
 */
class FeeClearingTest {
  private static final ClearingConfig NO_CLASS_RULE =
      ClearingConfig.defaults().withMinShares(0, 0, 0);
  private static final RadialFeeder IEEE33 = Books.ieee33();
  private static final RadialFeeder LIGHT =
      FeederVariants.scaled(IEEE33, 0.2, 0.95, 1.02, Double.POSITIVE_INFINITY);

  @ParameterizedTest(name = "{0} x {1}, seed {2}, rate {3}")
  @CsvSource({"3, 4, 1, 0.01", "12, 8, 2, 0.05", "30, 30, 3, 0.01", "40, 25, 4, 0.03"})
  void theBusPairReferenceEqualsThePerPairTransportationProblem(int buyers, int sellers,
      long seed, double rate) {
    List<Bid> bids = new RandomBookGenerator(IEEE33)
        .generate(RandomBookGenerator.Options.of(buyers, sellers), FRAME, seed);
    assertEquals(FeeAwareReference.perPair(IEEE33, bids, rate),
        FeeAwareReference.perBusPair(IEEE33, bids, rate, false, 0.25), 1e-7);
  }

  @ParameterizedTest(name = "{0} x {1}, seed {2}, rate {3}")
  @CsvSource({"2, 3, 1, 0.01", "12, 8, 1, 0.01", "50, 50, 2, 0.005", "50, 50, 3, 0.02",
      "100, 100, 4, 0.01", "200, 300, 5, 0.03", "500, 500, 6, 0.01", "500, 500, 7, 0.02"})
  void openBooksReachTheExactFeeAwareOptimum(int buyers, int sellers, long seed, double rate) {
    List<Bid> bids = new RandomBookGenerator(IEEE33)
        .generate(RandomBookGenerator.Options.of(buyers, sellers), FRAME, seed);
    ClearingConfig config = NO_CLASS_RULE.withSeed(seed).withGridFeePerKwhPerOhm(rate);
    ClearingResult r = new MarketClearing(IEEE33, config).clear(FRAME, bids);

    double optimum = buyers * sellers <= 2_500 ? FeeAwareReference.perPair(IEEE33, bids, rate)
        : FeeAwareReference.perBusPair(IEEE33, bids, rate, false, 0.25);
    double welfare = checkedWelfare(IEEE33, bids, r.allocations(), rate);
    assertTrue(welfare >= 0.999 * optimum, welfare + " < 99.9 % of " + optimum);
    assertTrue(welfare <= optimum + 1e-7, welfare + " above the optimum " + optimum);
    assertEquals(welfare, r.report().socialWelfare(), 1e-6);
    assertTrue(TradeFlows.sweep(IEEE33, bids, r.allocations()).withinLimits(), "the feeder carries it");
  }

  @ParameterizedTest(name = "{0} x {1}, seed {2}, rate {3}")
  @CsvSource({"100, 100, 1, 0.002", "200, 100, 2, 0.004", "500, 500, 1, 0.01"})
  void gridBoundBooksReachTheFeeAwareLinearisedOptimumWithoutViolation(int buyers, int sellers,
      long seed, double rate) {
    List<Bid> bids = new RandomBookGenerator(LIGHT).generate(
        RandomBookGenerator.Options.of(buyers, sellers).withFarEndSellers(3), FRAME, seed);
    ClearingConfig config = NO_CLASS_RULE.withSeed(seed).withGridFeePerKwhPerOhm(rate);
    ClearingResult r = new MarketClearing(LIGHT, config).clear(FRAME, bids);

    double open = FeeAwareReference.perBusPair(LIGHT, bids, rate, false, 0.25);
    double reference = FeeAwareReference.perBusPair(LIGHT, bids, rate, true, 0.25);
    assertTrue(open > 1.02 * reference, "precondition: the voltage limit binds: " + open + " vs " + reference);
    double welfare = checkedWelfare(LIGHT, bids, r.allocations(), rate);
    assertTrue(welfare >= 0.999 * reference, welfare + " < 99.9 % of " + reference);
    PowerFlowResult flow = TradeFlows.sweep(LIGHT, bids, r.allocations());
    assertTrue(flow.withinLimits(), flow.violations().toString());
    ClearingResult checked = new FeasibilityCheck(LIGHT, config).check(r, bids);
    assertEquals(Feasibility.FEASIBLE, checked.report().feasibility());
    assertTrue(r.report().bindingLimits().stream()
        .anyMatch(l -> l.kind().equals("OVER_VOLTAGE")), r.report().bindingLimits().toString());
  }

  @Test
  void aProfitableTradeBehindAFeeIsFoundNotDeclaredNoCrossing() {
    // the counter-example: buyer 0.30 at bus 18, buyer 0.25 at bus 2, seller 0.10 at
    // bus 2, fee 0.05/kWh per ohm. Fee-blind, the crossing pairs the 0.30 buyer (R(18, 2) ≈
    // 4.9 ohm: fee 0.25 > its gain 0.20) and found "no crossing"; the 0.25 buyer on the seller's
    // own bus pays no fee and gains 0.15
    List<Bid> bids = List.of(buy("b-far", 18, 1, 0.30), buy("b-near", 2, 1, 0.25),
        sell("s", 2, 1, 0.10));
    ClearingResult r = new MarketClearing(IEEE33,
        NO_CLASS_RULE.withGridFeePerKwhPerOhm(0.05)).clear(FRAME, bids);

    assertEquals(ClearingStatus.CLEARED, r.report().status());
    assertEquals(1, r.allocations().size());
    Allocation a = r.allocations().get(0);
    assertEquals("b-near", a.buyerBidId());
    assertEquals(0.0, a.gridFee(), 0.0);
    assertEquals(0.15, r.report().socialWelfare(), 1e-9);
    assertEquals(FeeAwareReference.perPair(IEEE33, bids, 0.05), r.report().welfareUpperBound(),
        1e-9);
  }

  @Test
  void noCrossingWhenEveryPairLosesToItsFee() {
    List<Bid> bids = List.of(buy("b", 18, 1, 0.30), sell("s", 2, 1, 0.10));
    ClearingResult r = new MarketClearing(IEEE33,
        NO_CLASS_RULE.withGridFeePerKwhPerOhm(0.05)).clear(FRAME, bids);
    assertEquals(ClearingStatus.NO_CROSSING, r.report().status());
    assertTrue(r.allocations().isEmpty());
  }

  /**
   * Σ kWh × (limit − ask − fee) of the published trades, checking on the way that each fee is
   * rate × R(buyer bus, seller bus) and that the buyer pays price + fee/2 ≤ limit and the seller
   * gets price − fee/2 ≥ ask.
   */
  private static double checkedWelfare(RadialFeeder f, List<Bid> bids, List<Allocation> trades,
      double rate) {
    Map<String, Bid> byId = new HashMap<>();
    bids.forEach(b -> byId.put(b.bidId(), b));
    double w = 0;
    for (Allocation a : trades) {
      Bid b = byId.get(a.buyerBidId());
      Bid s = byId.get(a.sellerBidId());
      double fee = rate * FeeAwareReference.pathOhm(f, f.indexOf(b.bus()), f.indexOf(s.bus()));
      assertEquals(fee, a.gridFee(), 1e-12, "fee of " + a);
      assertTrue(a.price() + a.gridFee() / 2 <= b.limitPrice() + 1e-9, "buyer loses on " + a);
      assertTrue(a.price() - a.gridFee() / 2 >= s.limitPrice() - 1e-9, "seller loses on " + a);
      w += a.quantityKwh() * (b.limitPrice() - s.limitPrice() - a.gridFee());
    }
    return w;
  }
}
