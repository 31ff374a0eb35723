package energy.p2p.clearing;

import static energy.p2p.clearing.Books.FRAME;
import static energy.p2p.clearing.Books.buy;
import static energy.p2p.clearing.Books.sell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.model.Bid;
import energy.p2p.model.ClearingStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A failing window is contained: it publishes nothing, says so, and the engine stays usable. */
class EngineErrorTest {
  private static final List<Bid> BOOK = List.of(buy("b1", 18, 2, 0.30), sell("s1", 5, 3, 0.10));

  @Test
  void aDefectInTheSearchBecomesAnEngineErrorReportWithEveryBidCounted() {
    MarketClearing failing = new MarketClearing(Books.ieee33(), ClearingConfig.defaults(), book -> {
      throw new IllegalStateException("injected defect");
    });
    ClearingResult r = failing.clear(FRAME, BOOK);
    assertTrue(r.allocations().isEmpty());
    assertEquals(ClearingStatus.ENGINE_ERROR, r.report().status());
    assertEquals(2, r.report().bids());
    assertEquals(0.0, r.report().matchedKwh(), 0.0);
  }

  @Test
  void theEngineClearsTheNextWindowAfterAFailedOne() {
    int[] calls = {0};
    MarketClearing flaky = new MarketClearing(Books.ieee33(), ClearingConfig.defaults(), book -> {
      if (calls[0]++ == 0) {
        throw new ArithmeticException("injected defect");
      }
    });
    assertEquals(ClearingStatus.ENGINE_ERROR, flaky.clear(FRAME, BOOK).report().status());
    ClearingResult next = flaky.clear(FRAME, BOOK);
    assertEquals(ClearingStatus.CLEARED, next.report().status());
    assertEquals(2.0, next.report().matchedKwh(), 1e-9);
  }

  @Test
  void aBidThatBreaksTheWindowContractIsStillTheCallersError() {
    MarketClearing clearing = new MarketClearing(Books.ieee33(), ClearingConfig.defaults());
    List<Bid> unknownBus = List.of(buy("b1", 999, 2, 0.30), sell("s1", 5, 3, 0.10));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> clearing.clear(FRAME, unknownBus));
    assertTrue(e.getMessage().contains("bus 999"), e.getMessage());
  }
}
