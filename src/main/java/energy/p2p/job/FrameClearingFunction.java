package energy.p2p.job;

import energy.p2p.clearing.ClearingResult;
import energy.p2p.clearing.MarketClearing;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.ingest.GateCalendar;
import energy.p2p.ingest.ValidationConfig;
import energy.p2p.model.Bid;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by feederId: buffers the bids of each delivery frame and clears the frame when the
 * watermark passes its gate closure (an event-time timer at gate closure − 1 ms). A feeder clock
 * ({@link WindowInput#clock}) registers the timer of every frame whose gate closure it has passed,
 * so every (feeder, frame) reports — with status NO_BIDS when nobody bid. At most one day of
 * frames per clock: after a longer gap (a job down for days) the older empty frames are not
 * reported, and a log line and the {@code emptyFramesNotReported} counter say so.
 *
 * <p>State (savepoint-safe, typed descriptors): {@code frame-bids} maps (frame, bidId) to the bid —
 * it is also the DUPLICATE check, bounded by the window and cleared with it; {@code frame-counts}
 * holds the accepted bids per open frame (CAPACITY). A bid whose window already fired is LATE.
 */
public final class FrameClearingFunction extends KeyedProcessFunction<String, WindowInput, ClearedWindow> {
  private static final Logger LOG = LoggerFactory.getLogger(FrameClearingFunction.class);
  static final MapStateDescriptor<FrameBidKey, Bid> BIDS = new MapStateDescriptor<>("frame-bids",
      TypeInformation.of(FrameBidKey.class), TypeInformation.of(Bid.class));
  static final MapStateDescriptor<Long, Integer> COUNTS =
      new MapStateDescriptor<>("frame-counts", Types.LONG, Types.INT);

  private final FeederFiles feederFiles;
  private final JobOptions options;
  private transient ValidationConfig validation;
  private transient GateCalendar calendar;
  private transient Map<String, MarketClearing> clearings;
  private transient MapState<FrameBidKey, Bid> bids;
  private transient MapState<Long, Integer> counts;
  private transient Counter accepted;
  private transient Counter windows;
  private transient BidMetrics rejections;
  private transient Histogram clearingMillis;
  private transient Histogram gateClosureLatencyMillis;
  private transient Counter emptyFramesNotReported;

  public FrameClearingFunction(FeederFiles feederFiles, JobOptions options) {
    this.feederFiles = feederFiles;
    this.options = options;
  }

  @Override
  public void open(OpenContext ctx) {
    validation = options.validation();
    calendar = new GateCalendar(validation);
    clearings = new HashMap<>();
    for (Map.Entry<String, RadialFeeder> e : feederFiles.feeders().entrySet()) {
      clearings.put(e.getKey(), new MarketClearing(e.getValue(), options.clearingFor(e.getKey())));
    }
    bids = getRuntimeContext().getMapState(BIDS);
    counts = getRuntimeContext().getMapState(COUNTS);
    var metrics = getRuntimeContext().getMetricGroup();
    accepted = metrics.counter("bidsAccepted");
    windows = metrics.counter("windowsCleared");
    rejections = new BidMetrics(metrics, ReasonCode.LATE, ReasonCode.DUPLICATE, ReasonCode.CAPACITY);
    emptyFramesNotReported = metrics.counter("emptyFramesNotReported");
    clearingMillis = metrics.histogram("clearingMillis", new DescriptiveStatisticsHistogram(1000));
    // live: how long after its gate closure (wall clock) a window was cleared; replay: how far behind
    // the wall clock the replayed frames are (large, and not a latency)
    gateClosureLatencyMillis = metrics.histogram("gateClosureLatencyMillis", new DescriptiveStatisticsHistogram(1000));
  }

  @Override
  public void processElement(WindowInput in, Context ctx, Collector<ClearedWindow> out) throws Exception {
    if (in.isClock()) {
      registerFramesPassed(in, ctx);
      return;
    }
    Bid bid = in.bid();
    long frame = bid.frameStartMs();
    long fireAt = validation.gateClosureMs(frame) - 1;
    if (ctx.timerService().currentWatermark() >= fireAt) {
      // replay: the normal LATE by event time; live (receipt time) intake already refused every bid
      // received after gate closure, so this means the broker's clock went backwards
      reject(ctx, in, ReasonCode.LATE, "arrived after the watermark passed gate closure "
          + Instant.ofEpochMilli(fireAt + 1) + ": the window was already cleared");
      return;
    }
    FrameBidKey key = new FrameBidKey(frame, bid.bidId());
    if (bids.contains(key)) {
      reject(ctx, in, ReasonCode.DUPLICATE, "bidId " + bid.bidId() + " already accepted for this feeder and frame");
      return;
    }
    Integer count = counts.get(frame);
    int n = count == null ? 0 : count;
    if (n >= validation.maxBidsPerWindow()) {
      reject(ctx, in, ReasonCode.CAPACITY, "window already holds the maximum of "
          + validation.maxBidsPerWindow() + " bids");
      return;
    }
    bids.put(key, bid);
    counts.put(frame, n + 1);
    accepted.inc();
    if (n == 0) {
      ctx.timerService().registerEventTimeTimer(fireAt);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ClearedWindow> out) throws Exception {
    long frame = timestamp + 1 + validation.gateLeadMillis();
    List<Bid> window = takeWindow(frame);
    String feederId = ctx.getCurrentKey();
    gateClosureLatencyMillis.update(System.currentTimeMillis() - validation.gateClosureMs(frame));
    long t0 = System.nanoTime();
    ClearingResult result = clearings.get(feederId).clear(frame, window);
    clearingMillis.update((System.nanoTime() - t0) / 1_000_000L);
    windows.inc();
    out.collect(new ClearedWindow(feederId, frame, window, result.allocations(), result.report()));
  }

  /** Every frame whose gate closure lies in the clock's (from, to] gets its timer (a report). */
  private void registerFramesPassed(WindowInput clock, Context ctx) {
    GateCalendar.Range closed = calendar.closed(clock.clockFromMs(), clock.clockToMs());
    if (closed.skipped() > 0) {
      emptyFramesNotReported.inc(closed.skipped());
      LOG.warn("feeder {}: time jumped from {} to {}: only the last day of frames reports; the {} frames before {} "
          + "get no report unless they hold bids", clock.feederId(), Instant.ofEpochMilli(clock.clockFromMs()),
          Instant.ofEpochMilli(clock.clockToMs()), closed.skipped(), Instant.ofEpochMilli(closed.first()));
    }
    for (long frame = closed.first(); frame <= closed.last(); frame += closed.frameMs()) {
      ctx.timerService().registerEventTimeTimer(validation.gateClosureMs(frame) - 1);
    }
  }

  /** Removes the frame's bids from state and returns them sorted by bidId (order-independent input). */
  private List<Bid> takeWindow(long frame) throws Exception {
    List<FrameBidKey> keys = new ArrayList<>();
    List<Bid> window = new ArrayList<>();
    for (Map.Entry<FrameBidKey, Bid> e : bids.entries()) {
      if (e.getKey().frameStartMs() == frame) {
        keys.add(e.getKey());
        window.add(e.getValue());
      }
    }
    for (FrameBidKey k : keys) {
      bids.remove(k);
    }
    counts.remove(frame);
    window.sort(Comparator.comparing(Bid::bidId));
    return window;
  }

  private void reject(Context ctx, WindowInput in, ReasonCode reason, String detail) {
    rejections.reject(reason);
    Bid b = in.bid();
    ctx.output(OutputTags.REJECTIONS, new Rejection(b.bidId(), b.feederId(), b.frameStartMs(), reason, detail, in.raw()));
  }
}
