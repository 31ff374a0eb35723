package energy.p2p.job;

import energy.p2p.settlement.MeterReading;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** Event time of meter readings: readingAt, bounded out-of-orderness, optional idleness. */
final class ReadingWatermarks {
  private ReadingWatermarks() {}

  static WatermarkStrategy<MeterReading> strategy(Duration outOfOrderness, Duration idleTimeout) {
    WatermarkStrategy<MeterReading> s = WatermarkStrategy.<MeterReading>forBoundedOutOfOrderness(outOfOrderness)
        .withTimestampAssigner((SerializableTimestampAssigner<MeterReading>) (r, t) -> r.readingAtMs());
    return idleTimeout.isZero() ? s : s.withIdleness(idleTimeout);
  }
}
