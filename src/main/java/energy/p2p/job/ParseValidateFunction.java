package energy.p2p.job;

import energy.p2p.model.Bid;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link IntakeRecord} (read once by {@link BidIntake}) → the frame windows' input: valid bids,
 * rejections (side output {@link OutputTags#REJECTIONS}) and the feeders' clocks
 * ({@link FeederClocks}). Adds the one rule intake cannot apply alone, the event-time jump: a
 * submittedAt further ahead of the newest one accepted than {@link JobOptions#maxEventTimeJump()}
 * is BAD_TIMESTAMP, so one wrong clock cannot drag replay's watermark into the future.
 *
 * <p>The clocks ({@link FeederClocks}) follow each partition's receipt time ({@link TimeModel#RECEIPT}:
 * every record, gate ticks and garbage included, so neither a silent nor a garbage-only partition
 * holds a window back) or the span of frames its accepted bids are for
 * ({@link TimeModel#SUBMITTED_AT}).
 *
 * <p>State (union list state: after rescaling each reader takes the maximum): the newest
 * submittedAt accepted ({@code newest-submitted-at}) and each partition's span
 * ({@code partition-spans}, {partition, low, high}: first and newest receipt time, or first and last frame).
 */
public final class ParseValidateFunction extends ProcessFunction<IntakeRecord, WindowInput> implements CheckpointedFunction {
  static final ListStateDescriptor<long[]> PARTITION_TIMES =
      new ListStateDescriptor<>("partition-spans", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);

  private final FeederFiles feederFiles;
  private final JobOptions options;
  private transient FeederClocks clocks;
  private transient Counter received;
  private transient Counter valid;
  private transient Counter ticks;
  private transient BidMetrics rejections;
  private transient NewestEventTime newest;
  private transient ListState<long[]> timesState;

  public ParseValidateFunction(FeederFiles feederFiles, JobOptions options) {
    this.feederFiles = feederFiles;
    this.options = options;
  }

  @Override
  public void initializeState(FunctionInitializationContext ctx) throws Exception {
    newest = new NewestEventTime("newest-submitted-at");
    newest.initialize(ctx);
    timesState = ctx.getOperatorStateStore().getUnionListState(PARTITION_TIMES);
    clocks = new FeederClocks(options.validation(), new ArrayList<>(feederFiles.feeders().keySet()));
    for (long[] span : timesState.get()) {
      clocks.restore((int) span[0], span[1], span[2]);
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
    newest.snapshot();
    List<long[]> spans = new ArrayList<>();
    clocks.spans().forEach((p, span) -> spans.add(new long[] {p, span[0], span[1]}));
    timesState.update(spans);
  }

  @Override
  public void open(OpenContext ctx) {
    var metrics = getRuntimeContext().getMetricGroup();
    received = metrics.counter("bidsReceived");
    valid = metrics.counter("bidsValid");
    ticks = metrics.counter("gateTicksReceived");
    rejections = new BidMetrics(metrics, ReasonCode.values());
  }

  @Override
  public void processElement(IntakeRecord in, Context ctx, Collector<WindowInput> out) {
    boolean receipt = options.timeModel() == TimeModel.RECEIPT;
    if (in.tick()) {
      ticks.inc();
    } else if (in.rejection() != null) {
      received.inc();
      reject(in.rejection(), ctx);
    } else if (in.isBid()) {
      received.inc();
      accept(in, ctx, out);
    }
    if (receipt) {
      clocks.receivedAt(in.partition(), in.receivedAtMs(), out::collect);
    }
  }

  private void accept(IntakeRecord in, Context ctx, Collector<WindowInput> out) {
    Bid bid = in.bid();
    long jumpMs = options.maxEventTimeJump().toMillis();
    long newestMs = newest.get();
    if (newestMs != Long.MIN_VALUE && bid.submittedAtMs() > newestMs + jumpMs) {
      reject(new Rejection(bid.bidId(), bid.feederId(), bid.frameStartMs(), ReasonCode.BAD_TIMESTAMP,
          "submittedAt " + Instant.ofEpochMilli(bid.submittedAtMs()) + " is more than "
              + options.maxEventTimeJump().toHours() + " h ahead of the newest bid so far ("
              + Instant.ofEpochMilli(newestMs) + ")", in.raw()), ctx);
      return;
    }
    newest.accept(bid.submittedAtMs());
    valid.inc();
    if (options.timeModel() == TimeModel.SUBMITTED_AT) {
      // before the bid: the bid raises the watermark, and the clock's timers must exist by then
      clocks.bidFor(in.partition(), bid.frameStartMs(), out::collect);
    }
    out.collect(WindowInput.bid(bid, in.raw()));
  }

  private void reject(Rejection r, Context ctx) {
    rejections.reject(r.reason());
    ctx.output(OutputTags.REJECTIONS, r);
  }
}
