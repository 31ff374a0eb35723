package energy.p2p.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.ClearingReport;
import energy.p2p.model.ClearingStatus;
import energy.p2p.model.Feasibility;
import energy.p2p.model.Side;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feeder whose load flow cannot converge (the 33-bus topology with 40 times its base load):
 * the window is cleared to nothing and its report says so, through both operators.
 */
class NonConvergingFeederHarnessTest {
  static final long FRAME = Instant.parse("2026-11-24T12:00:00Z").toEpochMilli();
  static final long GATE = FRAME - 5 * 60_000L;

  @Test
  void publishesNoTradeAndSaysSoWhenTheLoadFlowDoesNotConverge(@TempDir Path dir) throws Exception {
    Path src = Path.of("sample-data/feeders");
    Files.copy(src.resolve("ieee33.json"), dir.resolve("ieee33.json"));
    Files.copy(src.resolve("ieee33.branches.csv"), dir.resolve("ieee33.branches.csv"));
    StringBuilder loads = new StringBuilder("bus,p_kw,q_kvar\n");
    for (String line : Files.readAllLines(src.resolve("ieee33.loads.csv")).subList(1, 33)) {
      String[] f = line.split(",");
      loads.append(f[0]).append(',').append(Double.parseDouble(f[1]) * 40).append(',')
          .append(Double.parseDouble(f[2]) * 40).append('\n');
    }
    Files.writeString(dir.resolve("ieee33.loads.csv"), loads);
    FeederFiles feeders = FeederFiles.read(dir);
    JobOptions options = JobOptions.defaults();

    var clearing = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new FrameClearingFunction(feeders, options)), new FeederKeys.OfInput(), Types.STRING);
    clearing.open();
    for (Side side : Side.values()) {
      Bid b = new Bid("b-" + side, "p-" + side, "ieee33", 18, side, 5, side == Side.BUY ? 0.3 : 0.1, FRAME,
          GATE - 60_000L, BuyerClass.STANDARD);
      clearing.processElement(WindowInput.bid(b, "raw"), b.submittedAtMs());
    }
    clearing.processWatermark(GATE);
    List<ClearedWindow> cleared = clearing.extractOutputValues();
    clearing.close();
    assertEquals(1, cleared.size());

    var feasibility = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new FeasibilityFunction(feeders, options)), new FeederKeys.OfWindow(), Types.STRING);
    feasibility.open();
    feasibility.processElement(cleared.get(0), GATE - 1);
    List<ClearingReport> reports = feasibility.extractOutputValues();
    var trades = feasibility.getSideOutput(OutputTags.ALLOCATIONS);
    feasibility.close();

    assertEquals(1, reports.size(), "the window still gets its report");
    ClearingReport r = reports.get(0);
    assertEquals(ClearingStatus.GRID_NOT_CONVERGED, r.status());
    assertEquals(2, r.bids(), "the bids are accounted for");
    assertTrue(r.feasibility() == Feasibility.NOT_CONVERGED || r.matchedKwh() == 0, r.toString());
    assertTrue(trades == null || trades.isEmpty(), "no trade is published");
  }
}
