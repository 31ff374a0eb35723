package energy.p2p.job.kafka;

import energy.p2p.ingest.BidValidator;
import energy.p2p.io.BidCodec;
import energy.p2p.io.ParsedBid;
import energy.p2p.job.FeederFiles;
import energy.p2p.job.JobOptions;
import energy.p2p.job.ParseValidateFunction;
import energy.p2p.security.SignatureCheck;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time taken at the Kafka source, one watermark per partition (the source emits their
 * minimum): a subtask that catches up on several partitions cannot let one partition's bids push
 * another's past their gate closure.
 *
 * <p>Only a bid that {@link ParseValidateFunction} will accept may advance a partition's watermark
 * (a forged far-future submittedAt must not close windows): the timestamp assigner runs the same
 * codec and validator and gives every other record {@link #NO_EVENT_TIME}, which the generator
 * ignores; the generator applies the max event-time jump rule per partition (stricter than the
 * reader's rule over all its partitions, so what it lets through the reader accepts) and, when
 * signatures are required, verifies the signature of the few bids that would raise the partition's
 * newest event time. Ed25519 costs ~0.8 ms, so verifying only those — not every record, which the
 * reader verifies again anyway — keeps the source from doing the reader's work twice.
 * Watermarks are emitted right after the event that advances them, as in {@link energy.p2p.job.SubmittedAtWatermarks}.
 */
public final class ValidBidWatermarks implements WatermarkGenerator<String> {
  /** The timestamp of a record that is not a valid bid: it never moves a watermark. */
  static final long NO_EVENT_TIME = Long.MIN_VALUE;

  private final long boundMs;
  private final long jumpMs;
  private final BidCodec codec;
  private final SignatureCheck signatures;
  private long maxTimestamp = Long.MIN_VALUE;
  private long emitted = Long.MIN_VALUE;

  /** Without a signature check (unsigned feeds). */
  ValidBidWatermarks(JobOptions options) {
    this(options, null, null);
  }

  /** {@code signatures} null: signatures are not required. */
  ValidBidWatermarks(JobOptions options, BidCodec codec, SignatureCheck signatures) {
    this.boundMs = options.outOfOrderness().toMillis();
    this.jumpMs = options.maxEventTimeJump().toMillis();
    this.codec = codec;
    this.signatures = signatures;
  }

  /** Per-partition watermarks from valid bids' submittedAt; idleness when configured. */
  public static WatermarkStrategy<String> strategy(BidCodec codec, FeederFiles feeders, JobOptions options,
      SignatureCheck signatures) {
    WatermarkStrategy<String> s = WatermarkStrategy
        .<String>forGenerator(ctx -> new ValidBidWatermarks(options, codec, signatures))
        .withTimestampAssigner(ctx -> new ValidSubmittedAt(codec, feeders, options));
    return options.idleTimeout().isZero() ? s : s.withIdleness(options.idleTimeout());
  }

  @Override
  public void onEvent(String record, long timestamp, WatermarkOutput output) {
    if (timestamp == NO_EVENT_TIME) {
      return;
    }
    if (maxTimestamp != Long.MIN_VALUE && timestamp > maxTimestamp + jumpMs) {
      return; // the reader rejects it BAD_TIMESTAMP (its newest is at least this partition's)
    }
    if (timestamp > maxTimestamp && signedAsRequired(record)) {
      maxTimestamp = timestamp;
      long wm = maxTimestamp - boundMs - 1;
      if (wm > emitted) {
        emitted = wm;
        output.emitWatermark(new Watermark(wm));
      }
    }
  }

  /** The reader rejects a bid whose signature fails: it must not raise the partition's event time. */
  private boolean signedAsRequired(String record) {
    if (signatures == null) {
      return true;
    }
    ParsedBid parsed = codec.parse(record); // the assigner parsed it already: it is a valid bid
    return signatures.check(parsed.bid(), parsed.signature(), record).isEmpty();
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    // nothing: watermarks are emitted with the events
  }

  /** submittedAt of a record that passes reading and validation; else NO_EVENT_TIME. */
  static final class ValidSubmittedAt implements TimestampAssigner<String> {
    private final BidCodec codec;
    private final BidValidator validator;

    ValidSubmittedAt(BidCodec codec, FeederFiles feeders, JobOptions options) {
      this.codec = codec;
      this.validator = new BidValidator(feeders.feeders(), options.validation());
    }

    @Override
    public long extractTimestamp(String line, long recordTimestamp) {
      if (line == null || BidCodec.isBlank(line) || BidCodec.isCsvHeader(line)) {
        return NO_EVENT_TIME;
      }
      ParsedBid parsed = codec.parse(line);
      if (!parsed.isBid() || validator.validate(parsed.bid(), line).isPresent()) {
        return NO_EVENT_TIME;
      }
      return parsed.bid().submittedAtMs();
    }
  }
}
