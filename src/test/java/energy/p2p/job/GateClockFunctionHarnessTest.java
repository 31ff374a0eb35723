package energy.p2p.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The live gate clock on a controlled processing-time clock, with a fake broker. */
class GateClockFunctionHarnessTest {
  static final long MIN = 60_000L;
  static final long GATE = Instant.parse("2026-12-04T09:55:00Z").toEpochMilli(); // the 10:00 frame's gate
  static final long GRACE = 200;

  /** Records each tick; the broker stamps it with the harness's processing time plus a skew. */
  static final class FakeBroker implements GateTickWriter {
    static final List<long[]> TICKS = new ArrayList<>(); // {gate closure, broker timestamp}
    static KeyedOneInputStreamOperatorTestHarness<Integer, Long, Long> harness;
    static long skewMs;

    @Override
    public void open() {}

    @Override
    public long tick(long gateClosureMs) {
      long stamped = harness.getProcessingTime() + skewMs;
      TICKS.add(new long[] {gateClosureMs, stamped});
      return stamped;
    }

    @Override
    public void close() {}
  }

  KeyedOneInputStreamOperatorTestHarness<Integer, Long, Long> harness;

  void start(long nowMs, long skewMs) throws Exception {
    FakeBroker.TICKS.clear();
    FakeBroker.skewMs = skewMs;
    harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
        new GateClockFunction(new FakeBroker(), JobOptions.defaults().validation(), GRACE)),
        new GateClockFunction.SingleKey(), Types.INT);
    FakeBroker.harness = harness;
    harness.setProcessingTime(nowMs);
    harness.open();
    harness.processElement(0L, nowMs); // the first heartbeat
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void ticksEveryPartitionAtGateClosurePlusGraceAndNotBefore() throws Exception {
    start(GATE - 3 * MIN, 0);
    assertEquals(1, FakeBroker.TICKS.size(), "a start tick: the partitions' time begins before the gate");
    harness.setProcessingTime(GATE + GRACE - 1);
    assertEquals(1, FakeBroker.TICKS.size(), "nothing before gate closure + grace");
    harness.setProcessingTime(GATE + GRACE);
    assertEquals(2, FakeBroker.TICKS.size());
    assertEquals(GATE, FakeBroker.TICKS.get(1)[0]);
    assertEquals(List.of(GATE), harness.extractOutputValues());
    harness.setProcessingTime(GATE + 15 * MIN + GRACE);
    assertEquals(List.of(GATE, GATE + 15 * MIN), harness.extractOutputValues(), "and every gate after");
    harness.processElement(1L, GATE + 15 * MIN + GRACE + 1000);
    assertEquals(3, FakeBroker.TICKS.size(), "later heartbeats add nothing");
  }

  @Test
  void repeatsATickTheBrokerStampedBeforeTheGate() throws Exception {
    start(GATE - MIN, -500); // the broker's clock is 500 ms behind the job's
    harness.setProcessingTime(GATE + GRACE);
    assertEquals(GATE + GRACE - 500, FakeBroker.TICKS.get(1)[1], "stamped before the gate: it closes nothing");
    assertTrue(harness.extractOutputValues().isEmpty());
    harness.setProcessingTime(GATE + GRACE + 300 + GateClockFunction.RETRY_MARGIN_MS);
    assertEquals(3, FakeBroker.TICKS.size(), "repeated once the broker's clock reaches the gate");
    assertTrue(FakeBroker.TICKS.get(2)[1] >= GATE);
    assertEquals(List.of(GATE), harness.extractOutputValues());
  }

  @Test
  void aClockRestartedAfterDowntimeTicksOnceForAllGatesMissed() throws Exception {
    start(GATE - MIN, 0);
    var snapshot = harness.snapshot(1, GATE - MIN);
    harness.close();
    FakeBroker.TICKS.clear();
    harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
        new GateClockFunction(new FakeBroker(), JobOptions.defaults().validation(), GRACE)),
        new GateClockFunction.SingleKey(), Types.INT);
    FakeBroker.harness = harness;
    harness.setup();
    harness.initializeState(snapshot);
    harness.open();
    harness.setProcessingTime(GATE + 47 * MIN); // down across three gate closures
    assertEquals(1, FakeBroker.TICKS.size(), "one tick passes every gate missed");
    harness.setProcessingTime(GATE + 60 * MIN + GRACE);
    assertEquals(2, FakeBroker.TICKS.size());
    assertEquals(GATE + 60 * MIN, FakeBroker.TICKS.get(1)[0], "then the next gate on time");
  }
}
