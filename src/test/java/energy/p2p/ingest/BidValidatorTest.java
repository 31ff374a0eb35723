package energy.p2p.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Rejection;
import energy.p2p.model.Side;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BidValidatorTest {
  static final long FRAME = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();
  static final long MIN = 60_000L;
  final BidValidator validator = BidValidator.of(
      Map.of("f1", new FeederBuses("f1", new int[] {1, 2, 3, 4}, 1)), ValidationConfig.defaults());

  static Bid bid(String feeder, int bus, Side side, double kwh, double price, long frame, long submitted, BuyerClass c) {
    return new Bid("b1", "p1", feeder, bus, side, kwh, price, frame, submitted, c);
  }

  static Bid ok() {
    return bid("f1", 3, Side.BUY, 2.0, 0.2, FRAME, FRAME - 20 * MIN, BuyerClass.STANDARD);
  }

  @Test
  void acceptsAValidBid() {
    assertEquals(Optional.empty(), validator.validate(ok(), "raw"));
  }

  @Test
  void rejectsAnUnknownFeeder() {
    assertReason(ReasonCode.UNKNOWN_FEEDER, bid("f9", 3, Side.BUY, 2, 0.2, FRAME, FRAME - 20 * MIN, null), "f9");
  }

  @Test
  void rejectsABusNotOnTheFeederAndTheSlackBus() {
    assertReason(ReasonCode.UNKNOWN_BUS, bid("f1", 99, Side.BUY, 2, 0.2, FRAME, FRAME - 20 * MIN, null), "bus 99");
    assertReason(ReasonCode.UNKNOWN_BUS, bid("f1", 1, Side.SELL, 2, 0.2, FRAME, FRAME - 20 * MIN, null), "slack");
  }

  @Test
  void rejectsABuyerClassOnASellOffer() {
    assertReason(ReasonCode.BAD_SIDE, bid("f1", 3, Side.SELL, 2, 0.2, FRAME, FRAME - 20 * MIN, BuyerClass.HIGH), "buyerClass");
  }

  @Test
  void rejectsZeroNegativeNonFiniteAndAbsurdQuantities() {
    for (double q : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 1e9}) {
      assertReason(ReasonCode.INVALID_QUANTITY, bid("f1", 3, Side.BUY, q, 0.2, FRAME, FRAME - 20 * MIN, null), "quantityKwh");
    }
  }

  @Test
  void rejectsNegativeNonFiniteAndAbsurdPrices() {
    for (double p : new double[] {-0.01, Double.NaN, Double.NEGATIVE_INFINITY, 1e12}) {
      assertReason(ReasonCode.INVALID_PRICE, bid("f1", 3, Side.SELL, 2, p, FRAME, FRAME - 20 * MIN, null), "limitPrice");
    }
  }

  @Test
  void acceptsAZeroPrice() {
    assertEquals(Optional.empty(), validator.validate(bid("f1", 3, Side.SELL, 2, 0, FRAME, FRAME - 20 * MIN, null), "r"));
  }

  @Test
  void rejectsAFrameStartNotOnAFrameBoundary() {
    assertReason(ReasonCode.FRAME_NOT_ALIGNED, bid("f1", 3, Side.BUY, 2, 0.2, FRAME + 7 * MIN, FRAME - 20 * MIN, null), "frameStart");
  }

  @Test
  void rejectsTimestampsYearsAway() {
    long years = 3L * 365 * 24 * 60 * MIN;
    assertReason(ReasonCode.BAD_TIMESTAMP, bid("f1", 3, Side.BUY, 2, 0.2, FRAME, FRAME - years, null), "before frameStart");
    assertReason(ReasonCode.BAD_TIMESTAMP, bid("f1", 3, Side.BUY, 2, 0.2, FRAME + 100 * years, FRAME + 100 * years - MIN, null), "plausible");
  }

  @Test
  void rejectsABidSubmittedInsideOrAfterItsFrameAsLate() {
    assertReason(ReasonCode.LATE, bid("f1", 3, Side.BUY, 2, 0.2, FRAME, FRAME, null), "(inside its frame)");
    assertReason(ReasonCode.LATE, bid("f1", 3, Side.BUY, 2, 0.2, FRAME, FRAME + MIN, null), "(inside its frame)");
    assertReason(ReasonCode.LATE, bid("f1", 3, Side.BUY, 2, 0.2, FRAME, FRAME + 15 * MIN, null),
        "(after its frame ended, ");
    assertReason(ReasonCode.LATE, bid("f1", 3, Side.BUY, 2, 0.2, FRAME, FRAME + 3L * 24 * 60 * MIN, null),
        "is at or after gate closure");
  }

  @Test
  void rejectsABidSubmittedAtOrAfterGateClosure() {
    assertReason(ReasonCode.LATE, bid("f1", 3, Side.BUY, 2, 0.2, FRAME, FRAME - 5 * MIN, null), "gate closure");
    assertEquals(Optional.empty(), validator.validate(bid("f1", 3, Side.BUY, 2, 0.2, FRAME, FRAME - 5 * MIN - 1, null), "r"));
  }

  private void assertReason(ReasonCode expected, Bid bid, String detailPart) {
    Rejection r = validator.validate(bid, "RAW").orElseThrow(() -> new AssertionError("accepted " + bid));
    assertEquals(expected, r.reason(), r.detail());
    assertTrue(r.detail().contains(detailPart), r.detail());
    assertEquals("RAW", r.raw());
    assertEquals(bid.bidId(), r.bidId());
  }
}
