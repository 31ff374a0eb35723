package energy.p2p.job;

import energy.p2p.ingest.BidValidator;
import energy.p2p.io.BidCodec;
import energy.p2p.io.ParsedBid;
import energy.p2p.model.Bid;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Rejection;
import energy.p2p.security.SignatureCheck;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Raw record → {@link ReceivedBid}, or a rejection (side output {@link OutputTags#REJECTIONS}) from
 * reading ({@link BidCodec}), one-bid validation ({@link BidValidator}) or an event-time jump (a
 * submittedAt further ahead of the newest one seen than {@link JobOptions#maxEventTimeJump()}:
 * BAD_TIMESTAMP, so one wrong clock cannot drag the watermark into the future). CSV header lines
 * and blank lines are not records and are skipped. With a {@link SignatureCheck}
 * (--require-signatures) a valid bid must also carry its registered participant's signature
 * (BAD_SIGNATURE, UNKNOWN_PARTICIPANT). State: the newest submittedAt accepted
 * ({@code newest-submitted-at}, union list state: after rescaling each reader takes the maximum).
 */
public final class ParseValidateFunction extends ProcessFunction<String, ReceivedBid> implements CheckpointedFunction {
  static final ListStateDescriptor<Long> NEWEST = new ListStateDescriptor<>("newest-submitted-at", Types.LONG);

  private final BidCodec codec;
  private final FeederFiles feederFiles;
  private final JobOptions options;
  private final SignatureCheck signatures;
  private transient BidValidator validator;
  private transient Counter received;
  private transient Counter valid;
  private transient BidMetrics rejections;
  private transient ListState<Long> newestState;
  private transient long newestMs = Long.MIN_VALUE;

  public ParseValidateFunction(BidCodec codec, FeederFiles feederFiles, JobOptions options) {
    this(codec, feederFiles, options, null);
  }

  /** {@code signatures}: when not null, a bid must be signed by its registered participant. */
  public ParseValidateFunction(BidCodec codec, FeederFiles feederFiles, JobOptions options, SignatureCheck signatures) {
    this.codec = codec;
    this.feederFiles = feederFiles;
    this.options = options;
    this.signatures = signatures;
  }

  @Override
  public void initializeState(FunctionInitializationContext ctx) throws Exception {
    newestState = ctx.getOperatorStateStore().getUnionListState(NEWEST);
    newestMs = Long.MIN_VALUE;
    for (Long t : newestState.get()) {
      newestMs = Math.max(newestMs, t);
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
    newestState.update(java.util.List.of(newestMs));
  }

  @Override
  public void open(OpenContext ctx) {
    validator = new BidValidator(feederFiles.feeders(), options.validation());
    received = getRuntimeContext().getMetricGroup().counter("bidsReceived");
    valid = getRuntimeContext().getMetricGroup().counter("bidsValid");
    rejections = new BidMetrics(getRuntimeContext().getMetricGroup(), ReasonCode.values());
  }

  @Override
  public void processElement(String line, Context ctx, Collector<ReceivedBid> out) {
    if (BidCodec.isBlank(line) || BidCodec.isCsvHeader(line)) {
      return;
    }
    received.inc();
    ParsedBid parsed = codec.parse(line);
    if (!parsed.isBid()) {
      reject(parsed.rejection(), ctx);
      return;
    }
    Bid bid = parsed.bid();
    Optional<Rejection> invalid = validator.validate(bid, line);
    if (invalid.isEmpty() && signatures != null) {
      invalid = signatures.check(bid, parsed.signature(), line);
    }
    if (invalid.isPresent()) {
      reject(invalid.get(), ctx);
      return;
    }
    long jumpMs = options.maxEventTimeJump().toMillis();
    if (newestMs != Long.MIN_VALUE && bid.submittedAtMs() > newestMs + jumpMs) {
      reject(new Rejection(bid.bidId(), bid.feederId(), bid.frameStartMs(), ReasonCode.BAD_TIMESTAMP,
          "submittedAt " + Instant.ofEpochMilli(bid.submittedAtMs()) + " is more than "
              + options.maxEventTimeJump().toHours() + " h ahead of the newest bid so far ("
              + Instant.ofEpochMilli(newestMs) + ")", line), ctx);
      return;
    }
    newestMs = Math.max(newestMs, bid.submittedAtMs());
    valid.inc();
    out.collect(new ReceivedBid(bid, line));
  }

  private void reject(Rejection r, Context ctx) {
    rejections.reject(r.reason());
    ctx.output(OutputTags.REJECTIONS, r);
  }
}
