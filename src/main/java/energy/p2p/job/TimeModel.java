package energy.p2p.job;

/**
 * Which clock decides that a window's gate has closed and that a bid is LATE (docs/architecture.md,
 * "Two time models").
 */
public enum TimeModel {
  /**
   * Event time is the bids' own {@code submittedAt} (bounded out-of-orderness, watermarks emitted
   * with the events): deterministic over a file or a recorded topic. {@code replay}, {@code clear},
   * and {@code run --event-time submitted-at} (backfills of historical bids).
   */
  SUBMITTED_AT,
  /**
   * Event time is the market's receipt time: the Kafka record timestamp, stamped by the broker
   * (topic {@code message.timestamp.type=LogAppendTime}). A bid received at or after its gate
   * closure is LATE. The job's gate clock appends a tick to every partition of the bids topic just
   * after each gate closure, so every window closes on the wall clock even when no bid follows, and
   * a replay of the recorded topic (ticks included) decides exactly as the live job did.
   */
  RECEIPT
}
