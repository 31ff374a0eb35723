package energy.p2p.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.model.Allocation;
import energy.p2p.settlement.MeterReading;
import energy.p2p.settlement.SettlementConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The settlement operator in event time. Seller S sells 2 kWh to B1 and 1 kWh to B2 at 0.20 (fee
 * 0.02/kWh); retail 0.30, feed-in 0.08; deadline 1 h after the frame, corrections for 2 h more.
 */
class SettlementFunctionHarnessTest {
  private static final long MIN = 60_000L;
  private static final long FRAME = Instant.parse("2026-11-24T12:00:00Z").toEpochMilli();
  private static final long DEADLINE = FRAME + 15 * MIN + 60 * MIN;
  private static final long RELEASE = DEADLINE + 120 * MIN;

  KeyedTwoInputStreamOperatorTestHarness<String, PublishedWindow, MeterReading, OutputLine> harness;

  @BeforeEach
  void open() throws Exception {
    SettlementConfig config = new SettlementConfig(new BigDecimal("0.30"), new BigDecimal("0.08"),
        Duration.ofHours(1), Duration.ofHours(2));
    harness = new KeyedTwoInputStreamOperatorTestHarness<>(
        new KeyedCoProcessOperator<>(new SettlementFunction(config, 15)),
        new FeederKeys.OfPublished(), new FeederKeys.OfReading(), Types.STRING);
    harness.open();
    List<Allocation> trades = List.of(
        new Allocation("f", FRAME, "b1-bid", "s-bid", "B1", "S", 2.0, 0.20, 0.02),
        new Allocation("f", FRAME, "b2-bid", "s-bid", "B2", "S", 1.0, 0.20, 0.02));
    harness.processElement1(new StreamRecord<>(new PublishedWindow("f", FRAME, trades, null), FRAME - 5 * MIN - 1));
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void reading(String participant, double kwh, long readingAt) throws Exception {
    harness.processElement2(new StreamRecord<>(new MeterReading(participant, "f", FRAME, kwh, readingAt), readingAt));
  }

  private List<String> drain() {
    List<String> out = harness.extractOutputValues().stream().map(OutputLine::json).toList();
    harness.getOutput().clear();
    return out;
  }

  private static String line(List<String> out, String needle) {
    return out.stream().filter(l -> l.contains(needle)).findFirst().orElseThrow(() -> new AssertionError(needle + " in " + out));
  }

  @Test
  void settlesAtTheDeadlineEstimatesTheMissingReadingAndCorrectsWithTheLateOne() throws Exception {
    reading("S", 3.0, FRAME + 20 * MIN);
    reading("B1", 2.5, FRAME + 25 * MIN);
    harness.processBothWatermarks(new Watermark(DEADLINE - 1));
    assertTrue(drain().isEmpty(), "nothing before the deadline");

    harness.processBothWatermarks(new Watermark(DEADLINE));
    List<String> first = drain();
    assertEquals(4, first.size(), first.toString());
    assertTrue(line(first, "\"participantId\":\"B1\"").contains("\"netPaid\":0.57,"));
    String b2 = line(first, "\"participantId\":\"B2\"");
    assertTrue(b2.contains("\"estimated\":true") && b2.contains("\"netPaid\":0.21,"), b2);
    assertTrue(line(first, "\"participantId\":\"S\"").contains("\"netPaid\":-0.57,"));
    String totals = line(first, "frame-total");
    assertTrue(totals.contains("\"revision\":0,") && totals.contains("\"paidByBuyers\":0.78,\"receivedBySellers\":0.57,"
        + "\"gridCharges\":0.21,\"balanced\":true"), totals);

    reading("B2", 0.5, DEADLINE + 10 * MIN); // late: a correction, only for what changed
    List<String> correction = drain();
    assertEquals(2, correction.size(), correction.toString());
    String b2Corrected = line(correction, "\"participantId\":\"B2\"");
    assertTrue(b2Corrected.contains("\"revision\":1,") && b2Corrected.contains("\"estimated\":false")
        && b2Corrected.contains("\"netPaid\":0.17,\"previousNetPaid\":0.21"), b2Corrected);
    assertTrue(line(correction, "frame-total").contains("\"revision\":1,\"participants\":3,\"estimated\":0,"
        + "\"paidByBuyers\":0.74,\"receivedBySellers\":0.57,\"gridCharges\":0.17,\"balanced\":true"));
  }

  @Test
  void readingTakenAfterTheDeadlineButArrivingEarlyStillComesAsACorrection() throws Exception {
    reading("S", 3.0, FRAME + 20 * MIN);
    reading("B1", 2.0, FRAME + 25 * MIN);
    reading("B2", 1.0, DEADLINE + 5 * MIN); // readingAt after the deadline: not part of revision 0
    harness.processBothWatermarks(new Watermark(DEADLINE));
    List<String> out = drain();
    assertTrue(line(out, "\"participantId\":\"B2\",\"role\":\"BUY\",\"revision\":0,").contains("\"estimated\":true"));
    assertTrue(line(out, "\"participantId\":\"B2\",\"role\":\"BUY\",\"revision\":1,").contains("\"estimated\":false"));
    assertEquals(2, out.stream().filter(l -> l.contains("frame-total")).count());
  }

  @Test
  void releasesTheFrameAfterTheCorrectionHorizonAndRefusesLaterReadings() throws Exception {
    harness.processBothWatermarks(new Watermark(DEADLINE));
    assertEquals(4, drain().size(), "all three estimated, and the totals");
    assertTrue(harness.numKeyedStateEntries() > 0);
    harness.processBothWatermarks(new Watermark(RELEASE));
    assertEquals(0, harness.numKeyedStateEntries(), "frame state released");
    reading("B1", 2.0, RELEASE + MIN);
    List<String> out = drain();
    assertEquals(1, out.size());
    assertTrue(out.get(0).startsWith("{\"type\":\"reading-rejected\"") && out.get(0).contains("correction horizon"), out.get(0));
  }
}
