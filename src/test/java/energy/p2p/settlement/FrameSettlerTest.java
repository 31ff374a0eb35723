package energy.p2p.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.model.Allocation;
import energy.p2p.model.Side;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed frames. Retail 0.30, feed-in 0.08 per kWh. Seller S sells 2 kWh to B1 and 1 kWh to
 * B2, both at 0.20 with a grid fee of 0.02 per kWh (0.01 per side).
 */
class FrameSettlerTest {
  private static final FrameSettler SETTLER = new FrameSettler(SettlementConfig.defaults());
  private static final List<Allocation> TRADES = List.of(
      new Allocation("f", 0, "b1-bid", "s-bid", "B1", "S", 2.0, 0.20, 0.02),
      new Allocation("f", 0, "b2-bid", "s-bid", "B2", "S", 1.0, 0.20, 0.02));

  private static FrameSettlement settle(Map<String, Double> readings) {
    return SETTLER.settle("f", 0, TRADES, readings, 0);
  }

  private static Map<String, Double> readings(double s, double b1, double b2) {
    Map<String, Double> m = new HashMap<>();
    m.put("S", s);
    m.put("B1", b1);
    m.put("B2", b2);
    return m;
  }

  private static ParticipantSettlement of(FrameSettlement f, String id) {
    return f.participants().stream().filter(p -> p.participantId().equals(id)).findFirst().orElseThrow();
  }

  private static void assertMoney(String expected, BigDecimal actual) {
    assertEquals(new BigDecimal(expected), actual);
  }

  private static void assertTotals(FrameSettlement f, String paid, String received, String grid) {
    assertMoney(paid, f.totals().paidByBuyers());
    assertMoney(received, f.totals().receivedBySellers());
    assertMoney(grid, f.totals().gridCharges());
    assertTrue(f.totals().balances());
  }

  @Test
  void exactDeliveryPaysTradePricesAndHalfFees() {
    FrameSettlement f = settle(readings(3, 2, 1));
    assertMoney("0.42", of(f, "B1").netPaid()); // 2 x 0.20 + 2 x 0.01
    assertMoney("0.21", of(f, "B2").netPaid());
    assertMoney("-0.57", of(f, "S").netPaid()); // receives 0.60, pays 0.03 fees
    assertEquals(Side.SELL, of(f, "S").role());
    assertTotals(f, "0.63", "0.57", "0.06");
    assertEquals(0, f.totals().estimated());
  }

  @Test
  void sellerShortfallIsSharedAmongItsBuyersProRataAndBoughtAtRetail() {
    FrameSettlement f = settle(readings(2.4, 2, 1)); // 0.6 kWh short: B1 0.4, B2 0.2
    ParticipantSettlement b1 = of(f, "B1");
    assertEquals(new BigDecimal("0.400000"), b1.shortfallKwh());
    assertEquals(new BigDecimal("1.600000"), b1.deliveredKwh());
    assertEquals(new BigDecimal("0.400000"), b1.gridDrawKwh());
    assertMoney("0.32", b1.tradeAmount());
    assertMoney("0.02", b1.gridFeeAmount()); // 1.6 x 0.01 = 0.016 -> 0.02
    assertMoney("0.12", b1.gridEnergyAmount()); // 0.4 x 0.30
    assertMoney("0.46", b1.netPaid());
    assertEquals(new BigDecimal("0.200000"), of(f, "B2").shortfallKwh());
    assertMoney("0.23", of(f, "B2").netPaid()); // 0.16 + 0.01 + 0.06
    ParticipantSettlement s = of(f, "S");
    assertEquals(new BigDecimal("0.600000"), s.shortfallKwh());
    assertMoney("-0.45", s.netPaid()); // 2.4 x 0.20 = 0.48 received, 0.03 fees
    assertTotals(f, "0.69", "0.45", "0.24");
  }

  @Test
  void buyerOverConsumptionIsBoughtAtRetail() {
    FrameSettlement f = settle(readings(3, 2.5, 1));
    assertEquals(new BigDecimal("0.500000"), of(f, "B1").gridDrawKwh());
    assertMoney("0.57", of(f, "B1").netPaid()); // 0.40 + 0.02 + 0.5 x 0.30
    assertMoney("-0.57", of(f, "S").netPaid());
    assertTotals(f, "0.78", "0.57", "0.21");
  }

  @Test
  void sellerExcessAndBuyerUnderDrawArePaidAtFeedIn() {
    FrameSettlement f = settle(readings(4, 2, 0.5));
    assertMoney("-0.65", of(f, "S").netPaid()); // -0.57 - 1 x 0.08
    assertMoney("0.17", of(f, "B2").netPaid()); // 0.20 + 0.01 - 0.5 x 0.08
    assertTotals(f, "0.59", "0.65", "-0.06");
  }

  @Test
  void missingReadingIsSettledAsAllocatedAndFlagged() {
    Map<String, Double> r = readings(3, 2, 1);
    r.remove("B2");
    FrameSettlement f = settle(r);
    ParticipantSettlement b2 = of(f, "B2");
    assertTrue(b2.estimated());
    assertEquals(new BigDecimal("1.000000"), b2.measuredKwh());
    assertMoney("0.21", b2.netPaid());
    assertFalse(of(f, "B1").estimated());
    assertEquals(1, f.totals().estimated());
    assertTotals(f, "0.63", "0.57", "0.06");
  }

  @Test
  void lateReadingCorrectsOnlyWhatChangedAndSaysWhatItReplaces() {
    Map<String, Double> r = readings(3, 2, 1);
    r.remove("B2");
    FrameSettlement first = settle(r);
    r.put("B2", 0.5);
    FrameSettlement corrected = SETTLER.settle("f", 0, TRADES, r, 1);
    List<ParticipantSettlement> changes = FrameSettler.changes(first, corrected);
    assertEquals(1, changes.size());
    ParticipantSettlement b2 = changes.get(0);
    assertEquals("B2", b2.participantId());
    assertEquals(1, b2.revision());
    assertFalse(b2.estimated());
    assertMoney("0.21", b2.previousNetPaid());
    assertMoney("0.17", b2.netPaid());
    assertNull(of(first, "B2").previousNetPaid());
    assertEquals(1, corrected.totals().revision());
    assertTotals(corrected, "0.59", "0.57", "0.02");
  }

  @Test
  void participantTradingBothSidesIsEstimated() {
    List<Allocation> trades = List.of(new Allocation("f", 0, "x", "y", "P", "S", 1.0, 0.2, 0),
        new Allocation("f", 0, "z", "w", "B", "P", 1.0, 0.25, 0));
    FrameSettlement f = SETTLER.settle("f", 0, trades, Map.of("P", 0.3, "S", 1.0, "B", 1.0), 0);
    assertEquals(4, f.participants().size());
    assertTrue(f.participants().stream().filter(p -> p.participantId().equals("P")).allMatch(ParticipantSettlement::estimated));
    assertTrue(f.totals().balances());
  }
}
