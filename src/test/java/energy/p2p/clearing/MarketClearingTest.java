package energy.p2p.clearing;

import static energy.p2p.clearing.Books.FRAME;
import static energy.p2p.clearing.Books.buy;
import static energy.p2p.clearing.Books.sell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.model.Allocation;
import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.ClassStats;
import energy.p2p.model.ClearingReport;
import energy.p2p.model.ClearingStatus;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed books of 2–4 participants on the IEEE 33-bus feeder (small trades: the grid never
 * binds). Default rule: Nash bargaining, which splits every trade's surplus half and half.
 */
class MarketClearingTest {
  private static final double DELTA_KWH = 1e-9;
  private static final double DELTA_PRICE = 1e-9;
  private static final double DELTA_WELFARE = 1e-9;

  private final MarketClearing clearing =
      new MarketClearing(Books.ieee33(), ClearingConfig.defaults());

  @Test
  void oneBuyerOneSellerTradeTheSmallerQuantityAtTheMidPrice() {
    // buyer 2 kWh at most 0.30, seller 3 kWh at least 0.10: 2 kWh, surplus 0.20/kWh split 50/50
    ClearingResult r = clearing.clear(FRAME, List.of(buy("b1", 18, 2, 0.30), sell("s1", 5, 3, 0.10)));
    assertEquals(1, r.allocations().size());
    Allocation a = r.allocations().get(0);
    assertEquals(2.0, a.quantityKwh(), DELTA_KWH);
    assertEquals(0.20, a.price(), DELTA_PRICE);
    assertEquals(0.0, a.gridFee(), 0.0);
    ClearingReport report = r.report();
    assertEquals(ClearingStatus.CLEARED, report.status());
    assertEquals(0.20, report.buyerWelfare(), DELTA_WELFARE);
    assertEquals(0.20, report.sellerWelfare(), DELTA_WELFARE);
    assertEquals(0.40, report.welfareUpperBound(), DELTA_WELFARE);
    assertEquals("NASH_BARGAINING", report.compromiseRule());
    assertTrue(report.paretoFrontSize() >= 2, "the price split spans a front");
  }

  @Test
  void noCrossingPricesTradeNothing() {
    ClearingResult r = clearing.clear(FRAME, List.of(buy("b1", 10, 2, 0.10), sell("s1", 12, 2, 0.20),
        buy("b2", 3, 1, 0.15)));
    assertTrue(r.allocations().isEmpty());
    assertEquals(ClearingStatus.NO_CROSSING, r.report().status());
    assertEquals(0.0, r.report().matchedKwh(), 0.0);
    assertEquals(0.0, r.report().welfareUpperBound(), 0.0);
    assertEquals(3, r.report().bids());
  }

  @Test
  void oneSellerManyBuyersServesTheHighestLimitsFirst() {
    // seller 5 kWh at 0.10; buyers 2 kWh at 0.30, 2 kWh at 0.25, 3 kWh at 0.20
    // merit order: 2 + 2 + 1 kWh; welfare 2(0.20) + 2(0.15) + 1(0.10) = 0.80
    ClearingResult r = clearing.clear(FRAME, List.of(sell("s1", 6, 5, 0.10),
        buy("b3", 9, 3, 0.20), buy("b1", 7, 2, 0.30), buy("b2", 8, 2, 0.25)));
    Map<String, Allocation> byBuyer = r.allocations().stream()
        .collect(Collectors.toMap(Allocation::buyerBidId, a -> a));
    assertEquals(2.0, byBuyer.get("b1").quantityKwh(), DELTA_KWH);
    assertEquals(2.0, byBuyer.get("b2").quantityKwh(), DELTA_KWH);
    assertEquals(1.0, byBuyer.get("b3").quantityKwh(), DELTA_KWH);
    assertEquals(0.20, byBuyer.get("b1").price(), DELTA_PRICE);
    assertEquals(0.175, byBuyer.get("b2").price(), DELTA_PRICE);
    assertEquals(0.15, byBuyer.get("b3").price(), DELTA_PRICE);
    assertEquals(0.80, r.report().socialWelfare(), DELTA_WELFARE);
    assertEquals(0.40, r.report().buyerWelfare(), DELTA_WELFARE);
    assertEquals(5.0, r.report().matchedKwh(), DELTA_KWH);
  }

  @Test
  void equalPricesTradeAtThatPriceWithZeroWelfare() {
    ClearingResult r = clearing.clear(FRAME, List.of(buy("b1", 4, 3, 0.20), sell("s1", 4, 2, 0.20)));
    assertEquals(1, r.allocations().size());
    assertEquals(2.0, r.allocations().get(0).quantityKwh(), DELTA_KWH);
    assertEquals(0.20, r.allocations().get(0).price(), DELTA_PRICE);
    assertEquals(0.0, r.report().socialWelfare(), DELTA_WELFARE);
    assertEquals(1, r.report().paretoFrontSize());
    assertEquals(0, r.report().compromiseIndex());
  }

  @Test
  void singleHugeUltraHighBuyerDoesNotCrowdOutStandardHouseholds() {
    // 10 kWh on offer at 0.10; an ULTRA_HIGH buyer wants 40 kWh at 0.40, two STANDARD households
    // 3 kWh each at 0.20. STANDARD is guaranteed 50 % of the matched energy: 5 kWh go to the
    // households (3 to the first by id, 2 to the second), 5 to the big buyer.
    // welfare = 5(0.40 − 0.10) + 5(0.20 − 0.10) = 2.0 (instead of 3.0 without the rule)
    List<Bid> book = List.of(sell("s1", 2, 10, 0.10), buy("u1", 30, 40, 0.40, BuyerClass.ULTRA_HIGH),
        buy("h1", 14, 3, 0.20), buy("h2", 15, 3, 0.20));
    ClearingResult r = clearing.clear(FRAME, book);
    Map<String, Double> kwh = r.allocations().stream()
        .collect(Collectors.toMap(Allocation::buyerBidId, Allocation::quantityKwh, Double::sum));
    assertEquals(5.0, kwh.get("u1"), DELTA_KWH);
    assertEquals(3.0, kwh.get("h1"), DELTA_KWH);
    assertEquals(2.0, kwh.get("h2"), DELTA_KWH);
    assertEquals(2.0, r.report().socialWelfare(), DELTA_WELFARE);
    ClassStats standard = r.report().perClass().get(BuyerClass.STANDARD);
    ClassStats ultra = r.report().perClass().get(BuyerClass.ULTRA_HIGH);
    assertEquals(2, standard.buyers());
    assertEquals(6.0, standard.demandKwh(), DELTA_KWH);
    assertEquals(5.0 / 6.0, standard.fillRate(), 1e-12);
    assertEquals(5.0 / 40.0, ultra.fillRate(), 1e-12);
    assertEquals(0.25, standard.welfare(), DELTA_WELFARE); // 5 kWh × 0.10 surplus × 1/2
    assertEquals(3.0, r.report().welfareUpperBound(), DELTA_WELFARE);

    MarketClearing noRule = new MarketClearing(Books.ieee33(),
        ClearingConfig.defaults().withMinShares(0, 0, 0));
    ClearingResult greedy = noRule.clear(FRAME, book);
    assertEquals(1, greedy.allocations().size());
    assertEquals("u1", greedy.allocations().get(0).buyerBidId());
    assertEquals(3.0, greedy.report().socialWelfare(), DELTA_WELFARE);
  }

  @Test
  void classRuleDoesNotBindWhenStandardDemandCannotPay() {
    // the household's limit 0.05 is below the only ask: nothing to reserve for it
    ClearingResult r = clearing.clear(FRAME, List.of(sell("s1", 2, 10, 0.10),
        buy("u1", 30, 40, 0.40, BuyerClass.HIGH), buy("h1", 14, 3, 0.05)));
    assertEquals(10.0, r.report().matchedKwh(), DELTA_KWH);
    assertEquals(3.0, r.report().socialWelfare(), DELTA_WELFARE);
  }

  @Test
  void oneSidedBookTradesNothing() {
    ClearingResult r = clearing.clear(FRAME, List.of(buy("b1", 4, 3, 0.20), buy("b2", 5, 1, 0.30)));
    assertTrue(r.allocations().isEmpty());
    assertEquals(ClearingStatus.ONE_SIDED, r.report().status());
    assertEquals(2, r.report().buyers());
    assertEquals(0, r.report().sellers());
  }

  @Test
  void gridFeeIsChargedByElectricalDistanceAndSharedByBothSides() {
    // fee 0.01 per kWh per ohm; path 18 -> 1 of IEEE 33 is ~5 ohm, so ~0.05/kWh
    MarketClearing withFee = new MarketClearing(Books.ieee33(),
        ClearingConfig.defaults().withGridFeePerKwhPerOhm(0.01));
    ClearingResult r = withFee.clear(FRAME, List.of(buy("b1", 2, 2, 0.30), sell("s1", 18, 2, 0.10)));
    Allocation a = r.allocations().get(0);
    double fee = 0.01 * Books.ieee33().pathResistanceOhm(
        Books.ieee33().indexOf(2), Books.ieee33().indexOf(18));
    assertEquals(fee, a.gridFee(), 1e-12);
    assertEquals(0.10 + fee / 2 + 0.5 * (0.20 - fee), a.price(), DELTA_PRICE);
    assertEquals(2 * (0.20 - fee), r.report().socialWelfare(), DELTA_WELFARE);
    assertEquals(r.report().buyerWelfare(), r.report().sellerWelfare(), DELTA_WELFARE);
  }

  @Test
  void feeLargerThanTheSurplusStopsTheTrade() {
    MarketClearing withFee = new MarketClearing(Books.ieee33(),
        ClearingConfig.defaults().withGridFeePerKwhPerOhm(1.0));
    ClearingResult r = withFee.clear(FRAME, List.of(buy("b1", 2, 2, 0.30), sell("s1", 18, 2, 0.10)));
    assertTrue(r.allocations().isEmpty());
    assertEquals(ClearingStatus.NO_CROSSING, r.report().status());
  }

  @Test
  void compromiseRuleDecidesTheSplit() {
    List<Bid> book = List.of(buy("b1", 18, 2, 0.30), sell("s1", 5, 3, 0.10));
    ClearingResult equal = new MarketClearing(Books.ieee33(),
        ClearingConfig.defaults().withCompromiseRule(CompromiseRule.EQUAL_SPLIT)).clear(FRAME, book);
    assertEquals(0.20, equal.allocations().get(0).price(), DELTA_PRICE);
    assertEquals("EQUAL_SPLIT", equal.report().compromiseRule());
    ClearingReport r = equal.report();
    assertEquals(r.front().get(r.compromiseIndex()).buyerWelfare(), r.buyerWelfare(), DELTA_WELFARE);
  }
}
