package energy.p2p.synth;

import energy.p2p.io.BidCodec;
import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Side;

/** The kinds of bad bid a generated day contains, each made from a good one, with the reason it must earn. */
enum BadBids {
  TRUNCATED_JSON(ReasonCode.MALFORMED),
  WRONG_TYPE(ReasonCode.MALFORMED),
  MISSING_FIELD(ReasonCode.MALFORMED),
  OVERSIZED(ReasonCode.TOO_LARGE),
  NAN_QUANTITY(ReasonCode.INVALID_QUANTITY),
  NEGATIVE_QUANTITY(ReasonCode.INVALID_QUANTITY),
  ABSURD_PRICE(ReasonCode.INVALID_PRICE),
  UNKNOWN_FEEDER(ReasonCode.UNKNOWN_FEEDER),
  UNKNOWN_BUS(ReasonCode.UNKNOWN_BUS),
  SLACK_BUS(ReasonCode.UNKNOWN_BUS),
  UNKNOWN_SIDE(ReasonCode.BAD_SIDE),
  SELL_WITH_CLASS(ReasonCode.BAD_SIDE),
  FRAME_NOT_ALIGNED(ReasonCode.FRAME_NOT_ALIGNED),
  YEARS_EARLY(ReasonCode.BAD_TIMESTAMP),
  CLOCK_YEARS_AHEAD(ReasonCode.BAD_TIMESTAMP),
  SUBMITTED_AFTER_GATE(ReasonCode.LATE),
  ARRIVES_AFTER_GATE(ReasonCode.LATE),
  DUPLICATE_ID(ReasonCode.DUPLICATE);

  final ReasonCode expected;

  BadBids(ReasonCode expected) {
    this.expected = expected;
  }

  /** The bad record made from {@code good} (whose id it takes over, except for DUPLICATE_ID's twin). */
  String line(Bid good, int slackBus) {
    String json = BidCodec.toJson(good);
    switch (this) {
      case TRUNCATED_JSON:
        return json.substring(0, json.indexOf("\"bus\""));
      case WRONG_TYPE:
        return json.replace("\"bus\":" + good.bus(), "\"bus\":\"bus " + good.bus() + "\"");
      case MISSING_FIELD:
        return json.replaceFirst(",\"limitPrice\":[^,]*", "");
      case OVERSIZED:
        return json.replace("\"participantId\":\"", "\"participantId\":\"" + "x".repeat(5000));
      case NAN_QUANTITY:
        return json.replaceFirst("\"quantityKwh\":[^,]*", "\"quantityKwh\":NaN");
      case NEGATIVE_QUANTITY:
        return json.replaceFirst("\"quantityKwh\":[^,]*", "\"quantityKwh\":-2.5");
      case ABSURD_PRICE:
        return json.replaceFirst("\"limitPrice\":[^,]*", "\"limitPrice\":1.0E9");
      case UNKNOWN_FEEDER:
        return json.replace("\"feederId\":\"" + good.feederId() + "\"", "\"feederId\":\"feeder-unknown\"");
      case UNKNOWN_BUS:
        return json.replace("\"bus\":" + good.bus(), "\"bus\":9999");
      case SLACK_BUS:
        return json.replace("\"bus\":" + good.bus(), "\"bus\":" + slackBus);
      case UNKNOWN_SIDE:
        return json.replace("\"side\":\"" + good.side() + "\"", "\"side\":\"HOLD\"");
      case SELL_WITH_CLASS:
        return BidCodec.toJson(with(good, Side.SELL, BuyerClass.ULTRA_HIGH, good.frameStartMs(), good.submittedAtMs()));
      case FRAME_NOT_ALIGNED:
        return BidCodec.toJson(with(good, good.side(), good.buyerClass(), good.frameStartMs() + 7 * 60_000L, good.submittedAtMs()));
      case YEARS_EARLY:
        return BidCodec.toJson(with(good, good.side(), good.buyerClass(), good.frameStartMs(),
            good.submittedAtMs() - 3L * 365 * 86_400_000L));
      case CLOCK_YEARS_AHEAD: // a participant whose clock runs two years ahead: a consistent bid, far in the future
        return BidCodec.toJson(with(good, good.side(), good.buyerClass(), good.frameStartMs() + 2 * 365 * 86_400_000L,
            good.submittedAtMs() + 2 * 365 * 86_400_000L));
      case SUBMITTED_AFTER_GATE:
        return BidCodec.toJson(with(good, good.side(), good.buyerClass(), good.frameStartMs(), good.frameStartMs() - 2 * 60_000L));
      default: // ARRIVES_AFTER_GATE and DUPLICATE_ID are placed late / twice by the generator
        return json;
    }
  }

  private static Bid with(Bid b, Side side, BuyerClass c, long frameStartMs, long submittedAtMs) {
    return new Bid(b.bidId(), b.participantId(), b.feederId(), b.bus(), side, b.quantityKwh(), b.limitPrice(),
        frameStartMs, submittedAtMs, c);
  }
}
