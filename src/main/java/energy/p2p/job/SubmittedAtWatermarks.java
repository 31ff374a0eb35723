package energy.p2p.job;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Replay's event time = {@code submittedAt}, with bounded out-of-orderness (a feeder clock never
 * moves it: the clocks of all feeders go out before the bid that raised the time, and that bid
 * moves the watermark once they are all in). Unlike Flink's periodic
 * bounded-out-of-orderness generator, this one emits the watermark right after the event that
 * advances it: which bids are LATE then depends only on the order of the input, not on wall-clock
 * emission ticks, so a replay is deterministic.
 */
final class SubmittedAtWatermarks implements WatermarkGenerator<WindowInput> {
  private final long boundMs;
  private long maxTimestamp = Long.MIN_VALUE;
  private long emitted = Long.MIN_VALUE;

  SubmittedAtWatermarks(Duration outOfOrderness) {
    this.boundMs = outOfOrderness.toMillis();
  }

  /** The strategy for {@link JobOptions}: punctuated watermarks, idleness only when configured. */
  static WatermarkStrategy<WindowInput> strategy(JobOptions options) {
    Duration bound = options.outOfOrderness();
    WatermarkStrategy<WindowInput> s = WatermarkStrategy
        .<WindowInput>forGenerator(ctx -> new SubmittedAtWatermarks(bound))
        .withTimestampAssigner((in, previous) -> in.eventTimeMs());
    return options.idleTimeout().isZero() ? s : s.withIdleness(options.idleTimeout());
  }

  @Override
  public void onEvent(WindowInput in, long timestamp, WatermarkOutput output) {
    if (in.isClock()) {
      return; // the bid after the clocks moves the watermark: every feeder's clock must be in first
    }
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
