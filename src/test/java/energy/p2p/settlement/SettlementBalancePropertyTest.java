package energy.p2p.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.model.Allocation;
import energy.p2p.model.Side;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random frames (trades, prices, fees, readings short / long / missing): the money always balances.
 * 150 seeded cases, each replayable by its seed.
 */
class SettlementBalancePropertyTest {

  static LongStream seeds() {
    return LongStream.range(0, 150).map(i -> i * 7919 + 17);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyFramesMoneyBalancesToTheCent(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    SettlementConfig config = new SettlementConfig(price(rnd, 5000), price(rnd, 2000), Duration.ofHours(1), Duration.ofDays(1));
    int buyers = 1 + rnd.nextInt(8);
    int sellers = 1 + rnd.nextInt(6);
    List<Allocation> trades = new ArrayList<>();
    int n = 1 + rnd.nextInt(25);
    for (int i = 0; i < n; i++) {
      String b = "b" + rnd.nextInt(buyers);
      String s = "s" + rnd.nextInt(sellers);
      trades.add(new Allocation("f", 0, b + "-bid", s + "-bid", b, s, rnd.nextInt(1, 20_000) / 1000.0,
          rnd.nextInt(0, 5000) / 10_000.0, rnd.nextInt(0, 300) / 10_000.0));
    }
    Map<String, Double> readings = new HashMap<>();
    for (Allocation a : trades) {
      for (String id : List.of(a.buyerId(), a.sellerId())) {
        if (rnd.nextInt(5) > 0) {
          readings.put(id, rnd.nextInt(0, 30_000) / 1000.0);
        }
      }
    }
    FrameSettlement f = new FrameSettler(config).settle("f", 0, trades, readings, 0);

    assertTrue(f.totals().balances(), f.totals().toString());
    BigDecimal paid = BigDecimal.ZERO;
    BigDecimal received = BigDecimal.ZERO;
    BigDecimal buyersTrade = BigDecimal.ZERO;
    BigDecimal sellersTrade = BigDecimal.ZERO;
    for (ParticipantSettlement p : f.participants()) {
      assertTrue(p.netPaid().scale() <= 2, "money is in cents: " + p);
      if (p.role() == Side.BUY) {
        paid = paid.add(p.netPaid());
        buyersTrade = buyersTrade.add(p.tradeAmount());
        assertEquals(0, p.netPaid().compareTo(p.tradeAmount().add(p.gridFeeAmount()).add(p.gridEnergyAmount())), p.toString());
      } else {
        received = received.subtract(p.netPaid());
        sellersTrade = sellersTrade.add(p.tradeAmount());
        assertEquals(0, p.netPaid().compareTo(p.gridFeeAmount().add(p.gridEnergyAmount()).subtract(p.tradeAmount())), p.toString());
      }
      assertTrue(p.deliveredKwh().compareTo(p.allocatedKwh()) <= 0, p.toString());
      assertTrue(p.deliveredKwh().signum() >= 0, p.toString());
    }
    assertEquals(0, paid.compareTo(f.totals().paidByBuyers()));
    assertEquals(0, received.compareTo(f.totals().receivedBySellers()));
    assertEquals(0, buyersTrade.compareTo(sellersTrade), "what buyers pay for energy is what sellers receive");
  }

  private static BigDecimal price(SplittableRandom rnd, int maxTenThousandths) {
    return BigDecimal.valueOf(rnd.nextInt(0, maxTenThousandths), 4);
  }
}
