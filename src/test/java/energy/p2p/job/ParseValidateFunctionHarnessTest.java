package energy.p2p.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.io.BidCodec;
import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Rejection;
import energy.p2p.model.Side;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParseValidateFunctionHarnessTest {
  static final long FRAME = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();
  static final long DAY = 86_400_000L;
  OneInputStreamOperatorTestHarness<IntakeRecord, WindowInput> harness;
  BidIntake intake;

  @BeforeEach
  void open() throws Exception {
    FeederFiles feeders = FeederFiles.read(Path.of("sample-data/feeders"));
    intake = MarketJob.intake(new BidCodec(4096), feeders, JobOptions.defaults(), IntegrityOptions.defaults());
    harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new ParseValidateFunction(
        feeders, JobOptions.defaults())));
    harness.open();
  }

  IntakeRecord read(String line) {
    return intake.read(line, 0, IntakeRecord.NOT_RECEIVED);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  static String bid(String id, long frame) {
    return BidCodec.toJson(new Bid(id, "p", "ieee33", 5, Side.BUY, 1, 0.2, frame, frame - 20 * 60_000L, BuyerClass.STANDARD));
  }

  List<Rejection> rejections() {
    var side = harness.getSideOutput(OutputTags.REJECTIONS);
    return side == null ? List.of() : side.stream().map(StreamRecord::getValue).collect(Collectors.toList());
  }

  @Test
  void passesValidBidsWithTheirRawRecord() throws Exception {
    harness.processElement(read(bid("a", FRAME)), 0);
    List<WindowInput> out = harness.extractOutputValues().stream().filter(in -> !in.isClock()).toList();
    assertEquals(1, out.size());
    assertEquals(bid("a", FRAME), out.get(0).raw());
  }

  @Test
  void skipsCsvHeadersAndBlankLinesWithoutRejectingThem() throws Exception {
    harness.processElement(read(BidCodec.CSV_HEADER), 0);
    harness.processElement(read("   "), 0);
    assertTrue(harness.extractOutputValues().isEmpty());
    assertTrue(rejections().isEmpty());
  }

  @Test
  void rejectsABidWhoseClockRunsYearsAheadOfTheStream() throws Exception {
    harness.processElement(read(bid("now", FRAME)), 0);
    harness.processElement(read(bid("future", FRAME + 730 * DAY)), 0);
    harness.processElement(read(bid("tomorrow", FRAME + DAY - 15 * 60_000L)), 0);
    assertEquals(List.of("now", "tomorrow"), harness.extractOutputValues().stream()
        .filter(in -> !in.isClock()).map(b -> b.bid().bidId()).collect(Collectors.toList()));
    assertEquals(ReasonCode.BAD_TIMESTAMP, rejections().get(0).reason());
    assertEquals("future", rejections().get(0).bidId());
  }

  @Test
  void rejectsMalformedRecordsWithTheirRawText() throws Exception {
    harness.processElement(read("{\"bidId\":\"x\""), 0);
    assertEquals(ReasonCode.MALFORMED, rejections().get(0).reason());
    assertEquals("{\"bidId\":\"x\"", rejections().get(0).raw());
  }
}
