package energy.p2p.clearing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.grid.RadialFeeder;
import energy.p2p.model.Allocation;
import energy.p2p.model.Bid;
import energy.p2p.synth.RandomBookGenerator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invariants of every clearing, over random books (with and without grid fee and class rule).
 * The cases are drawn from one seeded generator, so a failure names a case that replays exactly.
 */
class MarketClearingPropertyTest {
  private static final double EPS = 1e-9;
  private static final RadialFeeder FEEDER = Books.ieee33();
  private static final int CASES = 60;

  /** buyers 1..60, sellers 1..60, any book seed, fee 0..0.02 per kWh and ohm, share 0..0.8. */
  static Stream<Arguments> randomBooks() {
    SplittableRandom random = new SplittableRandom(20261124L);
    return Stream.generate(() -> Arguments.of(
            random.nextInt(1, 61), random.nextInt(1, 61), random.nextLong(),
            random.nextDouble(0.0, 0.02), random.nextDouble(0.0, 0.8)))
        .limit(CASES);
  }

  @ParameterizedTest(name = "buyers={0} sellers={1} seed={2} fee={3} share={4}")
  @MethodSource("randomBooks")
  void everyTradeRespectsItsBidsAndWelfareNeverExceedsTheOptimum(
      int buyers, int sellers, long seed, double feePerOhm, double standardShare) {
    List<Bid> bids = new RandomBookGenerator(FEEDER)
        .generate(RandomBookGenerator.Options.of(buyers, sellers).withClassShares(0.2, 0.1),
            Books.FRAME, seed);
    ClearingConfig config = ClearingConfig.defaults().withSeed(seed)
        .withGridFeePerKwhPerOhm(feePerOhm).withMinShares(standardShare, 0, 0);
    ClearingResult r = new MarketClearing(FEEDER, config).clear(Books.FRAME, bids);

    Map<String, Bid> byId = new HashMap<>();
    bids.forEach(b -> byId.put(b.bidId(), b));
    Map<String, Double> allocated = new HashMap<>();
    double social = 0;
    for (Allocation a : r.allocations()) {
      Bid buyer = byId.get(a.buyerBidId());
      Bid seller = byId.get(a.sellerBidId());
      assertTrue(buyer.isBuy() && !seller.isBuy(), "a trade pairs a BUY with a SELL");
      assertTrue(a.quantityKwh() > 0, "no empty trade");
      assertTrue(a.price() >= seller.limitPrice() - EPS, "price below the ask: " + a);
      assertTrue(a.price() <= buyer.limitPrice() + EPS, "price above the limit: " + a);
      double buyerGain = buyer.limitPrice() - a.price() - a.gridFee() / 2;
      double sellerGain = a.price() - a.gridFee() / 2 - seller.limitPrice();
      assertTrue(buyerGain >= -EPS && sellerGain >= -EPS, "a side loses on " + a);
      allocated.merge(a.buyerBidId(), a.quantityKwh(), Double::sum);
      allocated.merge(a.sellerBidId(), a.quantityKwh(), Double::sum);
      social += a.quantityKwh() * (buyerGain + sellerGain);
    }
    allocated.forEach((id, kwh) -> assertTrue(kwh <= byId.get(id).quantityKwh() + EPS,
        "bid " + id + " over-allocated: " + kwh + " > " + byId.get(id).quantityKwh()));
    double optimum = MeritOrderReference.optimumWelfare(bids);
    assertTrue(social <= optimum + EPS, "welfare " + social + " above the optimum " + optimum);
    assertEquals(social, r.report().socialWelfare(), 1e-7);
    // the bound is the fee-aware unconstrained optimum: the merit order's without a fee, below it
    // with one, and never below what was published
    double bound = r.report().welfareUpperBound();
    if (feePerOhm == 0) {
      assertEquals(optimum, bound, 1e-7);
    }
    assertTrue(bound <= optimum + EPS && social <= bound + EPS, social + " / " + bound);
  }
}
