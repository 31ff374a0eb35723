package energy.p2p.job;

import energy.p2p.model.Bid;

/**
 * What the frame windows of one feeder receive, in one stream so both move with the same
 * watermark: a bid that passed intake (with its raw record, for a later rejection), or the
 * feeder's clock — "the input's time has passed every gate closure in (clockFromMs, clockToMs]" —
 * which makes the window of every such frame report, also when it holds no bid.
 */
public record WindowInput(String feederId, Bid bid, String raw, long clockFromMs, long clockToMs) {

  public static WindowInput bid(Bid bid, String raw) {
    return new WindowInput(bid.feederId(), bid, raw, 0, 0);
  }

  /** Gate closures in ({@code fromExclusiveMs}, {@code toInclusiveMs}] have passed. */
  public static WindowInput clock(String feederId, long fromExclusiveMs, long toInclusiveMs) {
    return new WindowInput(feederId, null, "", fromExclusiveMs, toInclusiveMs);
  }

  public boolean isClock() {
    return bid == null;
  }

  /** The element's event time: the bid's submittedAt, or the clock's time. */
  public long eventTimeMs() {
    return bid == null ? clockToMs : bid.submittedAtMs();
  }
}
