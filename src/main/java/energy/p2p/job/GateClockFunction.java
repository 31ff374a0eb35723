package energy.p2p.job;

import energy.p2p.ingest.ValidationConfig;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live time model's one wall clock ({@link TimeModel#RECEIPT}): at every gate closure + grace
 * (processing time) it appends a gate tick to every partition of the bids topic
 * ({@link GateTickWriter}). The tick's broker timestamp passes the gate closure on every partition,
 * so every feeder's window closes seconds after its gate even if no bid ever follows, and a replay
 * of the recorded topic, ticks included, closes the same windows with the same bids. If the
 * broker stamped a tick before the gate closure (its clock behind ours), the tick is repeated
 * until one passes it; a clock restarted after downtime ticks at once (one tick passes every gate
 * missed). The first heartbeat writes a start tick, so the first gate closure after start is
 * crossed by the partitions' own records.
 *
 * <p>Keyed by a constant (processing-time timers need a key), parallelism 1, fed by a one-per-second
 * heartbeat. State: {@code next-gate-ms}, the gate closure the pending timer ticks for. Emits each
 * gate closure ticked.
 */
public final class GateClockFunction extends KeyedProcessFunction<Integer, Long, Long> {
  private static final Logger LOG = LoggerFactory.getLogger(GateClockFunction.class);
  static final ValueStateDescriptor<Long> NEXT_GATE = new ValueStateDescriptor<>("next-gate-ms", Types.LONG);
  /** A tick stamped before its gate is repeated this long after the broker's clock reaches the gate. */
  static final long RETRY_MARGIN_MS = 20;

  private final GateTickWriter writer;
  private final ValidationConfig validation;
  private final long graceMs;
  private transient ValueState<Long> nextGate;
  private transient Counter ticks;
  private transient Counter retries;
  private transient volatile long lastTickLagMs;

  public GateClockFunction(GateTickWriter writer, ValidationConfig validation, long graceMs) {
    this.writer = writer;
    this.validation = validation;
    this.graceMs = graceMs;
  }

  @Override
  public void open(OpenContext ctx) throws Exception {
    writer.open();
    nextGate = getRuntimeContext().getState(NEXT_GATE);
    var metrics = getRuntimeContext().getMetricGroup();
    ticks = metrics.counter("gateTicksWritten");
    retries = metrics.counter("gateTickRetries");
    metrics.gauge("gateTickLagMillis", (Gauge<Long>) () -> lastTickLagMs);
  }

  @Override
  public void close() throws Exception {
    writer.close();
  }

  @Override
  public void processElement(Long heartbeat, Context ctx, Collector<Long> out) throws Exception {
    if (nextGate.value() != null) {
      return; // a timer is pending (restored with the state after a restart)
    }
    long now = ctx.timerService().currentProcessingTime();
    long stamped = writer.tick(now); // start tick: the partitions' time begins before the next gate
    ticks.inc();
    schedule(Math.max(now, stamped), ctx.timerService());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Long> out) throws Exception {
    long gate = nextGate.value();
    long stamped = writer.tick(gate);
    ticks.inc();
    long now = ctx.timerService().currentProcessingTime();
    if (stamped < gate) {
      retries.inc();
      long retryAt = now + (gate - stamped) + RETRY_MARGIN_MS;
      LOG.warn("gate tick for {} stamped {} by the broker, {} ms before the gate closure (broker clock behind "
          + "this job's): repeating it at {}", Instant.ofEpochMilli(gate), Instant.ofEpochMilli(stamped),
          gate - stamped, Instant.ofEpochMilli(retryAt));
      ctx.timerService().registerProcessingTimeTimer(retryAt);
      return;
    }
    lastTickLagMs = stamped - gate;
    out.collect(gate);
    schedule(stamped, ctx.timerService());
  }

  /** The next gate closure after {@code passedMs} (every earlier one is passed by that tick). */
  private void schedule(long passedMs, org.apache.flink.streaming.api.TimerService timers) throws Exception {
    long gate = validation.gateClosureMs(validation.firstFrameGatedAfter(passedMs));
    nextGate.update(gate);
    timers.registerProcessingTimeTimer(gate + graceMs);
  }

  /** The one key of the gate clock (processing-time timers need a keyed stream). */
  public static final class SingleKey implements KeySelector<Long, Integer> {
    @Override
    public Integer getKey(Long heartbeat) {
      return 0;
    }
  }
}
