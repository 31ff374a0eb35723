package energy.p2p.model;

import java.util.Objects;

/**
 * One validated BUY bid or SELL offer for one delivery frame on one feeder.
 *
 * <p>Times are epoch milliseconds (UTC) so the type stays a cheap Flink POJO; the JSON form uses
 * ISO-8601 instants (see docs/formats.md).
 *
 * @param bidId unique id chosen by the participant's tool; the first bid with an id wins
 * @param participantId who bids
 * @param feederId the distribution feeder the participant is connected to
 * @param bus the feeder bus (as numbered in the feeder files) where energy is drawn or injected
 * @param side BUY (draw) or SELL (inject)
 * @param quantityKwh energy over the frame, &gt; 0
 * @param limitPrice currency units per kWh, &ge; 0: the most a buyer pays, the least a seller takes
 * @param frameStartMs start of the delivery frame, aligned to the frame length
 * @param submittedAtMs event time of the bid
 * @param buyerClass demand class, BUY only (STANDARD for sellers)
 */
public record Bid(
    String bidId,
    String participantId,
    String feederId,
    int bus,
    Side side,
    double quantityKwh,
    double limitPrice,
    long frameStartMs,
    long submittedAtMs,
    BuyerClass buyerClass) {

  public Bid {
    Objects.requireNonNull(bidId, "bidId");
    Objects.requireNonNull(participantId, "participantId");
    Objects.requireNonNull(feederId, "feederId");
    Objects.requireNonNull(side, "side");
    buyerClass = buyerClass == null ? BuyerClass.STANDARD : buyerClass;
  }

  public boolean isBuy() {
    return side == Side.BUY;
  }
}
