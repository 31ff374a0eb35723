package energy.p2p.clearing;

import static energy.p2p.clearing.Books.FRAME;
import static energy.p2p.clearing.Books.buy;
import static energy.p2p.clearing.Books.sell;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The genotype decoder on books small enough to check by hand (no class rule, no fee). */
class FillDecoderTest {
  private static final ClearingConfig CONFIG = ClearingConfig.defaults().withMinShares(0, 0, 0);

  private static FillDecoder decoder(MarketBook book) {
    return new FillDecoder(book, CONFIG);
  }

  @Test
  void pairsEveryKilowattHourWhenAFeasiblePairingExists() {
    // limits 10 and 1, asks 0.5 and 5: only b-cheap→s-cheap and b-rich→s-dear both work
    MarketBook book = MarketBook.of(Books.ieee33(), FRAME, List.of(buy("b-rich", 5, 1, 10),
        buy("b-cheap", 6, 1, 1), sell("s-cheap", 7, 1, 0.5), sell("s-dear", 8, 1, 5)), 0);
    FillDecoder d = decoder(book);
    d.decode(new double[] {1, 1, 1, 1}, 0.5, true);
    assertEquals(2.0, d.matchedKwh(), 1e-12);
    assertEquals(2, d.tradeCount());
    // welfare (10 − 5) + (1 − 0.5) = 5.5, split half and half
    assertEquals(2.75, d.buyerWelfare(), 1e-12);
    assertEquals(2.75, d.sellerWelfare(), 1e-12);
  }

  @Test
  void trimsTheLongerSideInReverseMeritOrder() {
    // 3 kWh demanded (limits 0.3, 0.2, 0.1), 2 kWh offered: the 0.1 buyer is trimmed
    MarketBook book = MarketBook.of(Books.ieee33(), FRAME, List.of(buy("a", 5, 1, 0.3),
        buy("b", 6, 1, 0.2), buy("c", 7, 1, 0.1), sell("s", 8, 2, 0.05)), 0);
    FillDecoder d = decoder(book);
    d.decode(new double[] {1, 1, 1, 1}, 0.0, true);
    assertEquals(2.0, d.matchedKwh(), 1e-12);
    double[] buy = new double[3];
    d.tradedVolumes(buy, new double[1]);
    assertEquals(0.0, buy[2], 1e-12);
    assertEquals(0.25 + 0.15, d.buyerWelfare(), 1e-12); // α = 0: buyers take all
    assertEquals(0.0, d.sellerWelfare(), 1e-12);
  }

  @Test
  void injectsAtTheSellersBusAndDrawsAtTheBuyersInKilowatts() {
    MarketBook book = MarketBook.of(Books.ieee33(), FRAME,
        List.of(buy("b", 18, 2, 0.3), sell("s", 2, 2, 0.1)), 0);
    FillDecoder d = decoder(book);
    d.decode(new double[] {1, 1}, 0.5, false);
    // 2 kWh over 15 minutes = 8 kW
    assertEquals(8.0, d.injectionKw()[Books.ieee33().indexOf(2)], 1e-12);
    assertEquals(-8.0, d.injectionKw()[Books.ieee33().indexOf(18)], 1e-12);
  }

  @Test
  void dropsVolumeNoSellerCanServe() {
    MarketBook book = MarketBook.of(Books.ieee33(), FRAME,
        List.of(buy("b", 5, 2, 0.1), sell("s", 6, 2, 0.2)), 0);
    FillDecoder d = decoder(book);
    d.decode(new double[] {1, 1}, 0.5, true);
    assertEquals(0, d.tradeCount());
    assertEquals(0.0, d.matchedKwh(), 0.0);
  }
}
