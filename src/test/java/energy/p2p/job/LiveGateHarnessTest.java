package energy.p2p.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.io.BidCodec;
import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.ClearingStatus;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Rejection;
import energy.p2p.model.Side;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live market on a controlled wall clock, operator by operator: the gate clock, a bids topic
 * of two partitions (the second silent: only gate ticks ever reach it), the source's event time
 * per partition ({@link EventTime#receipt()}, combined as Flink's source does: the minimum),
 * parse + validate and the frame windows. At 09:55:00.200 (the 10:00 frame's gate closure + grace)
 * every feeder's window is cleared although no bid follows; a bid the broker receives after that
 * is LATE.
 */
class LiveGateHarnessTest {
  static final long MIN = 60_000L;
  static final long FRAME = Instant.parse("2026-12-04T10:00:00Z").toEpochMilli();
  static final long GATE = FRAME - 5 * MIN;
  static final long GRACE = 200;
  static final FeederFiles FEEDERS = FeederFiles.read(Path.of("sample-data/feeders"));
  static final JobOptions OPTIONS = JobOptions.defaults().withReceiptTime(Duration.ofMillis(GRACE));

  /** The bids topic: every append is stamped by the broker with the harness clock (LogAppendTime). */
  static final List<IntakeRecord> APPENDED = new ArrayList<>();
  static long nowMs;
  static BidIntake intake;

  static final class Topic implements GateTickWriter {
    @Override
    public void open() {}

    @Override
    public long tick(long gateClosureMs) {
      for (int p = 0; p < 2; p++) {
        APPENDED.add(intake.tick(p, nowMs));
      }
      return nowMs;
    }

    @Override
    public void close() {}
  }

  KeyedOneInputStreamOperatorTestHarness<Integer, Long, Long> clock;
  OneInputStreamOperatorTestHarness<IntakeRecord, WindowInput> parse;
  KeyedOneInputStreamOperatorTestHarness<String, WindowInput, ClearedWindow> windows;
  final Map<Integer, EventTime.Newest<IntakeRecord>> generators = new TreeMap<>();
  final Map<Integer, Long> partitionWatermarks = new TreeMap<>();
  int delivered;
  int forwarded;

  @BeforeEach
  void open() throws Exception {
    APPENDED.clear();
    intake = MarketJob.intake(new BidCodec(4096), FEEDERS, OPTIONS, IntegrityOptions.defaults());
    clock = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
        new GateClockFunction(new Topic(), OPTIONS.validation(), GRACE)), new GateClockFunction.SingleKey(), Types.INT);
    parse = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new ParseValidateFunction(FEEDERS, OPTIONS)));
    windows = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
        new FrameClearingFunction(FEEDERS, OPTIONS)), new FeederKeys.OfInput(), Types.STRING);
    clock.open();
    parse.open();
    windows.open();
    for (int p = 0; p < 2; p++) {
      generators.put(p, new EventTime.Newest<>(0, Long.MAX_VALUE, r -> true));
      partitionWatermarks.put(p, Long.MIN_VALUE);
    }
  }

  @AfterEach
  void close() throws Exception {
    clock.close();
    parse.close();
    windows.close();
  }

  /** The wall clock moves to {@code t}: the gate clock's timers fire, the job reads what was appended. */
  void wallClock(long t) throws Exception {
    nowMs = t;
    clock.setProcessingTime(t);
    deliver();
  }

  void append(Bid bid) throws Exception {
    APPENDED.add(intake.read(BidCodec.toJson(bid), 0, nowMs));
    deliver();
  }

  /** The source: records in partition order, a watermark per partition, the minimum downstream. */
  void deliver() throws Exception {
    for (; delivered < APPENDED.size(); delivered++) {
      IntakeRecord r = APPENDED.get(delivered);
      parse.processElement(r, r.receivedAtMs());
      List<WindowInput> out = parse.extractOutputValues();
      for (; forwarded < out.size(); forwarded++) {
        windows.processElement(out.get(forwarded), r.receivedAtMs());
      }
      generators.get(r.partition()).onEvent(r, r.receivedAtMs(), new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark w) {
          partitionWatermarks.put(r.partition(), w.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
      });
      long combined = partitionWatermarks.values().stream().mapToLong(Long::longValue).min().orElseThrow();
      if (combined > Long.MIN_VALUE) {
        windows.processWatermark(combined);
      }
    }
  }

  static Bid bid(String id, Side side, double price, long submittedAt) {
    return new Bid(id, "p-" + id, "ieee33", 18, side, 4, price, FRAME, submittedAt, BuyerClass.STANDARD);
  }

  List<Rejection> rejections() {
    var side = parse.getSideOutput(OutputTags.REJECTIONS);
    return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
  }

  @Test
  void everyWindowClearsAtGateClosurePlusGraceWithoutAnotherRecordAndALateBidIsLate() throws Exception {
    wallClock(GATE - 3 * MIN);
    clock.processElement(0L, nowMs); // the first heartbeat: a start tick in both partitions
    wallClock(GATE - 2 * MIN);
    append(bid("s1", Side.SELL, 0.10, nowMs));
    wallClock(GATE - MIN);
    append(bid("b1", Side.BUY, 0.30, nowMs));

    wallClock(GATE + GRACE - 1);
    assertTrue(windows.extractOutputValues().isEmpty(), "the gate is still open");
    wallClock(GATE + GRACE); // the gate clock ticks; nobody sends anything
    List<ClearedWindow> cleared = windows.extractOutputValues();
    assertEquals(FEEDERS.feeders().keySet().stream().sorted().toList(),
        cleared.stream().map(ClearedWindow::feederId).sorted().toList(), "every feeder's 10:00 window");
    assertTrue(cleared.stream().allMatch(w -> w.frameStartMs() == FRAME));
    ClearedWindow traded = cleared.stream().filter(w -> w.feederId().equals("ieee33")).findFirst().orElseThrow();
    assertEquals(ClearingStatus.CLEARED, traded.report().status());
    assertEquals(2, traded.report().bids());
    assertTrue(cleared.stream().filter(w -> !w.feederId().equals("ieee33"))
        .allMatch(w -> w.report().status() == ClearingStatus.NO_BIDS), "the quiet feeders report too");

    wallClock(GATE + 2_000);
    append(bid("b2", Side.BUY, 0.40, GATE - 10_000)); // submitted (it says) in time, received after the gate
    List<Rejection> r = rejections();
    assertEquals(1, r.size());
    assertEquals(ReasonCode.LATE, r.get(0).reason());
    assertTrue(r.get(0).detail().startsWith("received at 2026-12-04T09:55:02Z"), r.get(0).detail());
    assertEquals(cleared.size(), windows.extractOutputValues().size(), "no window opens again");
  }
}
