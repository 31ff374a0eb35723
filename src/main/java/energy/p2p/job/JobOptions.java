package energy.p2p.job;

import energy.p2p.clearing.ClearingConfig;
import energy.p2p.clearing.rules.MarketRules;
import energy.p2p.ingest.ValidationConfig;
import java.io.Serializable;
import java.time.Duration;

/**
 * Everything the topology needs besides its source, sinks and feeders.
 *
 * @param validation per-bid limits, frame length, gate lead, per-window bid limit
 * @param clearing the clearing engine's settings (seed, NSGA-II budget, ...)
 * @param outOfOrderness how far behind the newest submittedAt a bid may arrive and still count
 * @param idleTimeout a source split silent this long stops holding the watermark back; zero = never
 *     (replay must use zero: idleness is wall-clock and would make replays non-deterministic)
 * @param maxEventTimeJump a bid submitted further ahead of the newest submittedAt seen so far is
 *     BAD_TIMESTAMP: one wrong clock must not drag the watermark (and every window) into the future
 * @param recordTimings write the engine's wall-clock solveMillis into reports (non-deterministic);
 *     off: solveMillis is 0 and timings go to metrics only (overrides clearing.recordSolveMillis)
 * @param timeModel which clock closes gates and judges LATE: submittedAt (replay, backfills) or the
 *     market's receipt time (live {@code run})
 * @param gateGrace receipt time: how long after each gate closure (wall clock) the gate clock ticks
 * @param rules the market rules file in force ({@link MarketRules#none()}: none); per feeder,
 *     {@link #clearingFor} applies it to {@code clearing}
 */
public record JobOptions(
    ValidationConfig validation,
    ClearingConfig clearing,
    Duration outOfOrderness,
    Duration idleTimeout,
    Duration maxEventTimeJump,
    boolean recordTimings,
    TimeModel timeModel,
    Duration gateGrace,
    MarketRules rules)
    implements Serializable {

  /** Without a rules file. */
  public JobOptions(ValidationConfig validation, ClearingConfig clearing, Duration outOfOrderness,
      Duration idleTimeout, Duration maxEventTimeJump, boolean recordTimings, TimeModel timeModel,
      Duration gateGrace) {
    this(validation, clearing, outOfOrderness, idleTimeout, maxEventTimeJump, recordTimings,
        timeModel, gateGrace, MarketRules.none());
  }

  /** Submitted-at time model, 1 s grace (the form before the live time model). */
  public JobOptions(ValidationConfig validation, ClearingConfig clearing, Duration outOfOrderness,
      Duration idleTimeout, Duration maxEventTimeJump, boolean recordTimings) {
    this(validation, clearing, outOfOrderness, idleTimeout, maxEventTimeJump, recordTimings,
        TimeModel.SUBMITTED_AT, Duration.ofSeconds(1));
  }

  public JobOptions {
    rules = rules == null ? MarketRules.none() : rules;
    // solveMillis is wall-clock: the engine records it only with --record-timings (replays stay byte-identical)
    if (clearing.recordSolveMillis() != recordTimings) {
      clearing = clearing.withRecordSolveMillis(recordTimings);
    }
    if (outOfOrderness.isNegative()) {
      throw new IllegalArgumentException("out-of-orderness must be >= 0");
    }
    if (maxEventTimeJump.isNegative() || maxEventTimeJump.isZero()) {
      throw new IllegalArgumentException("max event-time jump must be > 0");
    }
    if (timeModel == null) {
      throw new IllegalArgumentException("time model must be given");
    }
    if (gateGrace.isNegative() || gateGrace.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("gate grace must be between 0 and 1 min, got " + gateGrace);
    }
    if (idleTimeout.isNegative()) {
      throw new IllegalArgumentException("idle timeout must be >= 0");
    }
    if (validation.frameMinutes() != clearing.frameMinutes()) {
      throw new IllegalArgumentException("frame length differs between validation (" + validation.frameMinutes()
          + " min) and clearing (" + clearing.frameMinutes() + " min)");
    }
    if (validation.maxBidsPerWindow() > clearing.maxBidsPerWindow()) {
      throw new IllegalArgumentException("the window limit (" + validation.maxBidsPerWindow()
          + " bids) exceeds the clearing engine's book limit (" + clearing.maxBidsPerWindow() + ")");
    }
  }

  /** Defaults: 15-min frames, 5-min gate lead, 2 min out-of-orderness, no idleness, 1 day max jump, no timings. */
  public static JobOptions defaults() {
    return new JobOptions(ValidationConfig.defaults(), ClearingConfig.defaults(), Duration.ofMinutes(2),
        Duration.ZERO, Duration.ofDays(1), false);
  }

  public JobOptions withValidation(ValidationConfig v) {
    return new JobOptions(v, clearing, outOfOrderness, idleTimeout, maxEventTimeJump, recordTimings, timeModel, gateGrace, rules);
  }

  public JobOptions withClearing(ClearingConfig c) {
    return new JobOptions(validation, c, outOfOrderness, idleTimeout, maxEventTimeJump, recordTimings, timeModel, gateGrace, rules);
  }

  public JobOptions withOutOfOrderness(Duration d) {
    return new JobOptions(validation, clearing, d, idleTimeout, maxEventTimeJump, recordTimings, timeModel, gateGrace, rules);
  }

  public JobOptions withIdleTimeout(Duration d) {
    return new JobOptions(validation, clearing, outOfOrderness, d, maxEventTimeJump, recordTimings, timeModel, gateGrace, rules);
  }

  public JobOptions withRecordTimings(boolean on) {
    return new JobOptions(validation, clearing, outOfOrderness, idleTimeout, maxEventTimeJump, on, timeModel, gateGrace, rules);
  }

  public JobOptions withRules(MarketRules r) {
    return new JobOptions(validation, clearing, outOfOrderness, idleTimeout, maxEventTimeJump,
        recordTimings, timeModel, gateGrace, r);
  }

  /** The clearing settings of one feeder: {@code clearing} with the rules file applied. */
  public ClearingConfig clearingFor(String feederId) {
    return rules.clearingFor(clearing, feederId);
  }

  /** The live market: receipt time judges, the gate clock ticks {@code grace} after each gate closure. */
  public JobOptions withReceiptTime(Duration grace) {
    return new JobOptions(validation, clearing, outOfOrderness, idleTimeout, maxEventTimeJump, recordTimings,
        TimeModel.RECEIPT, grace, rules);
  }
}
