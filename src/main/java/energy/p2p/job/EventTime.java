package energy.p2p.job;

import java.util.function.Predicate;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The job's event time (docs/architecture.md, "Two time models"). Watermarks are emitted right
 * after the record that advances them, never on Flink's wall-clock tick: which bids are LATE then
 * depends only on the order of the input, so a replay is deterministic.
 *
 * <ul>
 *   <li>{@link #replay}: after parse + validate, one reader in the file's order: submittedAt.
 *   <li>{@link #atSource}: at the Kafka source, one watermark per partition (the source emits their
 *       minimum), from records {@link BidIntake} has already read — nothing is parsed twice. A
 *       subtask that catches up on several partitions cannot let one partition's records close
 *       another's windows.
 * </ul>
 */
public final class EventTime {
  /** The timestamp of a record that must not move a watermark. */
  static final long NO_EVENT_TIME = Long.MIN_VALUE;

  private EventTime() {}

  /**
   * Replay's event time: submittedAt with bounded out-of-orderness. A feeder clock never moves it:
   * the clocks of all feeders go out before the bid that raised the time, and that bid moves the
   * watermark once they are all in.
   */
  static WatermarkStrategy<WindowInput> replay(JobOptions options) {
    long boundMs = options.outOfOrderness().toMillis();
    WatermarkStrategy<WindowInput> s = WatermarkStrategy
        .<WindowInput>forGenerator(ctx -> new Newest<>(boundMs, Long.MAX_VALUE, in -> !in.isClock()))
        .withTimestampAssigner((in, previous) -> in.eventTimeMs());
    return options.idleTimeout().isZero() ? s : s.withIdleness(options.idleTimeout());
  }

  /** Event time at the Kafka source, per partition, of {@code options}' time model. */
  public static WatermarkStrategy<IntakeRecord> atSource(JobOptions options) {
    return options.timeModel() == TimeModel.RECEIPT ? receipt() : submittedAt(options);
  }

  /**
   * {@link TimeModel#RECEIPT}: every record's Kafka timestamp — bids, garbage, gate ticks alike (the
   * broker stamps them all) — so a partition that only ever receives gate ticks or garbage moves
   * on with the wall clock. Watermark = the partition's newest timestamp − 1 ms, no
   * out-of-orderness: the broker's appends are in timestamp order, and a bid received at or
   * after gate closure is LATE whatever arrives after it. No idleness: an idle partition is one
   * whose gate ticks have not arrived, and skipping it could clear a window before its bids.
   */
  static WatermarkStrategy<IntakeRecord> receipt() {
    return WatermarkStrategy.<IntakeRecord>forGenerator(ctx -> new Newest<>(0, Long.MAX_VALUE, r -> true))
        .withTimestampAssigner(ctx -> new ReceivedAt());
  }

  /**
   * {@link TimeModel#SUBMITTED_AT} over Kafka (backfills): only a bid intake accepted moves its
   * partition's watermark, with the out-of-orderness bound and the max event-time jump per
   * partition (stricter than {@link ParseValidateFunction}'s rule over all its partitions, so what
   * moves a watermark the reader accepts); idleness when configured.
   */
  static WatermarkStrategy<IntakeRecord> submittedAt(JobOptions options) {
    long boundMs = options.outOfOrderness().toMillis();
    long jumpMs = options.maxEventTimeJump().toMillis();
    WatermarkStrategy<IntakeRecord> s = WatermarkStrategy
        .<IntakeRecord>forGenerator(ctx -> new Newest<>(boundMs, jumpMs, IntakeRecord::isBid))
        .withTimestampAssigner(ctx -> new ValidSubmittedAt());
    return options.idleTimeout().isZero() ? s : s.withIdleness(options.idleTimeout());
  }

  /**
   * The newest timestamp − bound − 1 ms, emitted with the record that raised it; only records
   * {@code movesTime} accepts count, and a timestamp more than {@code jumpMs} ahead of the newest is
   * ignored.
   */
  static final class Newest<T> implements WatermarkGenerator<T> {
    private final long boundMs;
    private final long jumpMs;
    private final Predicate<T> movesTime;
    private long newest = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    Newest(long boundMs, long jumpMs, Predicate<T> movesTime) {
      this.boundMs = boundMs;
      this.jumpMs = jumpMs;
      this.movesTime = movesTime;
    }

    @Override
    public void onEvent(T record, long timestamp, WatermarkOutput output) {
      if (timestamp == NO_EVENT_TIME || timestamp <= newest || !movesTime.test(record)) {
        return;
      }
      if (newest != Long.MIN_VALUE && timestamp - newest > jumpMs) {
        return; // the reader rejects it BAD_TIMESTAMP (its newest is at least this partition's)
      }
      newest = timestamp;
      long wm = newest - boundMs - 1;
      if (wm > emitted) {
        emitted = wm;
        output.emitWatermark(new Watermark(wm));
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      // nothing: watermarks are emitted with the records
    }
  }

  static final class ReceivedAt implements TimestampAssigner<IntakeRecord> {
    @Override
    public long extractTimestamp(IntakeRecord r, long recordTimestamp) {
      return r.receivedAtMs();
    }
  }

  static final class ValidSubmittedAt implements TimestampAssigner<IntakeRecord> {
    @Override
    public long extractTimestamp(IntakeRecord r, long recordTimestamp) {
      return r.isBid() ? r.bid().submittedAtMs() : NO_EVENT_TIME;
    }
  }
}
