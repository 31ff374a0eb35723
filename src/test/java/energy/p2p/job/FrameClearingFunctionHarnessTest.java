package energy.p2p.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.ClearingStatus;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Rejection;
import energy.p2p.model.Side;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The frame window of one feeder, driven by hand-made watermarks. */
class FrameClearingFunctionHarnessTest {
  static final long MIN = 60_000L;
  static final long FRAME = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();
  static final long GATE = FRAME - 5 * MIN; // default gate lead: 5 min
  static final FeederFiles FEEDERS = FeederFiles.read(Path.of("sample-data/feeders"));

  KeyedOneInputStreamOperatorTestHarness<String, WindowInput, ClearedWindow> harness;

  @BeforeEach
  void open() throws Exception {
    JobOptions options = JobOptions.defaults()
        .withValidation(JobOptions.defaults().validation().withMaxBidsPerWindow(3));
    harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new FrameClearingFunction(FEEDERS, options)), new FeederKeys.OfInput(), Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  static WindowInput bid(String id, Side side, double kwh, double price, long frame, long submitted) {
    Bid b = new Bid(id, "p-" + id, "ieee33", 18, side, kwh, price, frame, submitted, BuyerClass.STANDARD);
    return WindowInput.bid(b, "raw " + id);
  }

  void add(WindowInput b) throws Exception {
    harness.processElement(b, b.bid().submittedAtMs());
  }

  List<Rejection> rejections() {
    var side = harness.getSideOutput(OutputTags.REJECTIONS);
    return side == null ? List.of() : side.stream().map(StreamRecord::getValue).collect(Collectors.toList());
  }

  @Test
  void clearsTheFrameWhenTheWatermarkPassesGateClosure() throws Exception {
    add(bid("s1", Side.SELL, 5, 0.10, FRAME, GATE - 20 * MIN));
    add(bid("b1", Side.BUY, 5, 0.30, FRAME, GATE - 10 * MIN));
    harness.processWatermark(GATE - 2);
    assertTrue(harness.extractOutputValues().isEmpty(), "gate still open");
    harness.processWatermark(GATE - 1);
    List<ClearedWindow> out = harness.extractOutputValues();
    assertEquals(1, out.size());
    ClearedWindow w = out.get(0);
    assertEquals(FRAME, w.frameStartMs());
    assertEquals("ieee33", w.feederId());
    assertEquals(List.of("b1", "s1"), w.bids().stream().map(Bid::bidId).collect(Collectors.toList()));
    assertEquals(2, w.report().bids());
  }

  @Test
  void clearsEachFrameAtItsOwnGateClosure() throws Exception {
    add(bid("a", Side.SELL, 1, 0.1, FRAME, GATE - 20 * MIN));
    add(bid("b", Side.SELL, 1, 0.1, FRAME + 15 * MIN, GATE - 19 * MIN));
    harness.processWatermark(GATE);
    assertEquals(1, harness.extractOutputValues().size());
    harness.processWatermark(GATE + 15 * MIN);
    assertEquals(FRAME + 15 * MIN, harness.extractOutputValues().get(1).frameStartMs());
  }

  @Test
  void rejectsABidArrivingAfterTheWatermarkPassedGateClosure() throws Exception {
    add(bid("b1", Side.BUY, 5, 0.30, FRAME, GATE - 10 * MIN));
    harness.processWatermark(GATE);
    add(bid("b2", Side.BUY, 5, 0.30, FRAME, GATE - 30 * MIN)); // submitted in time, arrived too late
    List<Rejection> r = rejections();
    assertEquals(1, r.size());
    assertEquals(ReasonCode.LATE, r.get(0).reason());
    assertEquals("b2", r.get(0).bidId());
    assertEquals("raw b2", r.get(0).raw());
    assertEquals(1, harness.extractOutputValues().get(0).bids().size(), "the late bid is not in the window");
  }

  @Test
  void rejectsASecondBidWithTheSameIdAndKeepsTheFirst() throws Exception {
    add(bid("x", Side.BUY, 5, 0.30, FRAME, GATE - 10 * MIN));
    add(bid("x", Side.BUY, 9, 0.99, FRAME, GATE - 9 * MIN));
    harness.processWatermark(GATE);
    assertEquals(ReasonCode.DUPLICATE, rejections().get(0).reason());
    assertEquals("raw x", rejections().get(0).raw());
    Bid kept = harness.extractOutputValues().get(0).bids().get(0);
    assertEquals(5, kept.quantityKwh(), "first wins");
  }

  @Test
  void acceptsTheSameIdInAnotherFrame() throws Exception {
    add(bid("x", Side.BUY, 5, 0.30, FRAME, GATE - 10 * MIN));
    add(bid("x", Side.BUY, 5, 0.30, FRAME + 15 * MIN, GATE - 9 * MIN));
    assertTrue(rejections().isEmpty());
  }

  @Test
  void rejectsBidsBeyondTheWindowCapacity() throws Exception {
    for (int i = 0; i < 4; i++) {
      add(bid("c" + i, Side.SELL, 1, 0.1, FRAME, GATE - 10 * MIN + i));
    }
    assertEquals(List.of(ReasonCode.CAPACITY), rejections().stream().map(Rejection::reason).collect(Collectors.toList()));
    assertEquals("c3", rejections().get(0).bidId());
  }

  @Test
  void leavesNoStateOrTimerBehindAfterTheWindow() throws Exception {
    add(bid("s1", Side.SELL, 5, 0.10, FRAME, GATE - 20 * MIN));
    add(bid("b1", Side.BUY, 5, 0.30, FRAME, GATE - 10 * MIN));
    add(bid("n1", Side.BUY, 5, 0.30, FRAME + 15 * MIN, GATE - 10 * MIN));
    assertEquals(2, harness.numEventTimeTimers());
    harness.processWatermark(GATE);
    assertEquals(1, harness.numEventTimeTimers(), "only the next frame's timer is left");
    assertEquals(2, harness.numKeyedStateEntries(), "the next frame's bid and count");
    harness.processWatermark(GATE + 15 * MIN);
    assertEquals(0, harness.numEventTimeTimers());
    assertEquals(0, harness.numKeyedStateEntries());
  }

  @Test
  void aFeederClockMakesEveryFrameItPassedReportAlsoWithoutBids() throws Exception {
    harness.processElement(WindowInput.clock("ieee33", GATE - 10 * MIN, GATE + 16 * MIN), GATE + 16 * MIN);
    assertEquals(2, harness.numEventTimeTimers(), "the frames gated at GATE and GATE + 15 min");
    harness.processWatermark(GATE - 2);
    assertTrue(harness.extractOutputValues().isEmpty(), "an empty window also waits for its gate");
    harness.processWatermark(GATE + 15 * MIN);
    List<ClearedWindow> out = harness.extractOutputValues();
    assertEquals(List.of(FRAME, FRAME + 15 * MIN), out.stream().map(ClearedWindow::frameStartMs).toList());
    for (ClearedWindow w : out) {
      assertEquals(ClearingStatus.NO_BIDS, w.report().status());
      assertEquals(0, w.report().bids());
      assertTrue(w.report().vMinPu() > 0.9 && w.report().vMinPu() < 1, "the base case's voltages: " + w.report());
    }
    assertEquals(0, harness.numKeyedStateEntries());
  }

  @Test
  void aFrameWithBidsAndAClockReportsOnce() throws Exception {
    add(bid("s1", Side.SELL, 5, 0.10, FRAME, GATE - 20 * MIN));
    harness.processElement(WindowInput.clock("ieee33", GATE - 5 * MIN, GATE), GATE);
    harness.processWatermark(GATE + 60 * MIN);
    assertEquals(1, harness.extractOutputValues().size());
    assertEquals(ClearingStatus.ONE_SIDED, harness.extractOutputValues().get(0).report().status());
  }

  @Test
  void afterDaysOfSilenceOnlyTheLastDayOfEmptyFramesReports() throws Exception {
    harness.processElement(WindowInput.clock("ieee33", GATE, GATE + 3 * 1440 * MIN), GATE);
    assertEquals(96, harness.numEventTimeTimers(), "one day of 15-min frames, the rest is logged and counted");
  }
}
