package energy.p2p.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.model.FrontPoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One window's concession against its welfare optimum, on hand-made fronts. */
class WindowTradeOffTest {

  private static final double DELTA = 1e-12;

  private static WindowSummary window(List<FrontPoint> front, int chosen, double standardKwh) {
    return new WindowSummary("feeder-a", 0, 10, 1, 1, 2, 0.95, 1.0, "CLEARED", "FEASIBLE", 0,
        front, chosen, Map.of("STANDARD", new double[] {standardKwh, 1}), List.of());
  }

  private static FrontPoint point(List<String> names, Double... values) {
    return new FrontPoint(names, List.of(values));
  }

  @Test
  void fillGainedIsTheRateGainTimesStandardDemand() {
    List<String> n = List.of("socialWelfare", "standardFillRate");
    // sorted by welfare, not the front's order: the optimum is found by value
    List<FrontPoint> front = List.of(point(n, 2.0, 0.9), point(n, 2.6, 0.3), point(n, 2.5, 0.6));
    WindowTradeOff t = WindowTradeOff.of(window(front, 2, 40), 0.25).orElseThrow();
    assertEquals(2.6, t.welfareOptimum(), DELTA);
    assertEquals(0.1, t.welfareGivenUp(), DELTA);
    assertEquals((0.6 - 0.3) * 40, t.fillGainedKwh(), DELTA);
    assertTrue(Double.isNaN(t.lossesSavedKwh()) && Double.isNaN(t.headroomGainedPu()));
  }

  @Test
  void lossesAreSavedWhenTheyFallAndCountOverTheFrame() {
    List<String> n = List.of("socialWelfare", "lossesKw", "voltageHeadroomPu");
    List<FrontPoint> front = List.of(point(n, 3.0, 12.0, 0.010), point(n, 2.7, 8.0, 0.014));
    WindowTradeOff t = WindowTradeOff.of(window(front, 1, 0), 0.25).orElseThrow();
    assertEquals(0.3, t.welfareGivenUp(), DELTA);
    assertEquals(4.0 * 0.25, t.lossesSavedKwh(), DELTA); // 4 kW less for a quarter hour
    assertEquals(0.004, t.headroomGainedPu(), DELTA);
  }

  @Test
  void aTieAtTheHighestWelfareGoesToTheBetterTradeOffSoNoGainIsOverstated() {
    List<String> n = List.of("socialWelfare", "lossesKw", "standardFillRate");
    List<FrontPoint> front = List.of(point(n, 3.0, 12.0, 0.5), point(n, 3.0, 10.0, 0.5),
        point(n, 2.0, 9.0, 0.5));
    WindowTradeOff t = WindowTradeOff.of(window(front, 2, 10), 1).orElseThrow();
    assertEquals(1.0, t.lossesSavedKwh(), DELTA); // against 10 kW, not 12
  }

  @Test
  void buyerAndSellerWelfareAddUpWhenTheFrontHasNoSocialWelfare() {
    List<String> n = List.of("buyerWelfare", "sellerWelfare", "standardFillRate");
    List<FrontPoint> front = List.of(point(n, 1.0, 1.0, 0.2), point(n, 0.5, 1.2, 0.7));
    WindowTradeOff t = WindowTradeOff.of(window(front, 1, 10), 0.25).orElseThrow();
    assertEquals("buyerWelfare + sellerWelfare", t.welfareMeasure());
    assertEquals(0.3, t.welfareGivenUp(), DELTA);
    assertEquals(5.0, t.fillGainedKwh(), DELTA);
  }

  @Test
  void windowsWithoutATradeOffOrFrontAreNotInTheViewAndAFrontWithoutWelfareIsAnError() {
    assertTrue(WindowTradeOff.of(window(List.of(new FrontPoint(1, 1)), 0, 1), 0.25).isEmpty());
    assertTrue(WindowTradeOff.of(window(List.of(), -1, 1), 0.25).isEmpty());
    List<String> n = List.of("standardFillRate", "lossesKw");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WindowTradeOff.of(window(List.of(point(n, 0.5, 3.0)), 0, 1), 0.25));
    assertTrue(e.getMessage().startsWith("window feeder-a@1970-01-01T00:00:00Z: front objectives"
        + " [standardFillRate, lossesKw] hold no welfare"), e.getMessage());
  }
}
