package energy.p2p.job;

import energy.p2p.model.Bid;
import energy.p2p.model.Rejection;

/**
 * One record of the bids input after {@link BidIntake} read it — parsed, validated and
 * signature-checked exactly once. Exactly one of: a valid {@code bid}, a {@code rejection}, a gate
 * {@code tick}, or nothing (a blank line, a CSV header, an empty Kafka message).
 *
 * @param raw the record's text (for a later rejection), "" for ticks and blanks
 * @param partition the Kafka partition the record came from (0 for a file)
 * @param receivedAtMs the Kafka record timestamp (the market's receipt time with LogAppendTime), or
 *     {@link #NOT_RECEIVED} for a file
 */
public record IntakeRecord(Bid bid, Rejection rejection, boolean tick, String raw, int partition, long receivedAtMs) {
  /** receivedAtMs of a record read from a file. */
  public static final long NOT_RECEIVED = Long.MIN_VALUE;

  public static IntakeRecord nothing(int partition, long receivedAtMs) {
    return new IntakeRecord(null, null, false, "", partition, receivedAtMs);
  }

  public boolean isBid() {
    return bid != null;
  }
}
