package energy.p2p.job;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time = {@code submittedAt}, with bounded out-of-orderness. Unlike Flink's periodic
 * bounded-out-of-orderness generator, this one emits the watermark right after the event that
 * advances it: which bids are LATE then depends only on the order of the input, not on wall-clock
 * emission ticks, so a replay is deterministic.
 */
final class SubmittedAtWatermarks implements WatermarkGenerator<ReceivedBid> {
  private final long boundMs;
  private long maxTimestamp = Long.MIN_VALUE;
  private long emitted = Long.MIN_VALUE;

  SubmittedAtWatermarks(Duration outOfOrderness) {
    this.boundMs = outOfOrderness.toMillis();
  }

  /** The strategy for {@link JobOptions}: punctuated watermarks, idleness only when configured. */
  static WatermarkStrategy<ReceivedBid> strategy(JobOptions options) {
    Duration bound = options.outOfOrderness();
    WatermarkStrategy<ReceivedBid> s = WatermarkStrategy
        .<ReceivedBid>forGenerator(ctx -> new SubmittedAtWatermarks(bound))
        .withTimestampAssigner((b, previous) -> b.bid().submittedAtMs());
    return options.idleTimeout().isZero() ? s : s.withIdleness(options.idleTimeout());
  }

  @Override
  public void onEvent(ReceivedBid bid, long timestamp, WatermarkOutput output) {
    if (timestamp > maxTimestamp) {
      maxTimestamp = timestamp;
      long wm = maxTimestamp - boundMs - 1;
      if (wm > emitted) {
        emitted = wm;
        output.emitWatermark(new Watermark(wm));
      }
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    // nothing: watermarks are emitted with the events (deterministic)
  }
}
