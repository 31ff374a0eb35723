package energy.p2p.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** bench-live's figures: nearest-rank percentiles over the measured windows, and each gate closure's own. */
class LiveLatencyResultTest {

  @Test
  void percentilesOverMeasuredWindowsAndPerGateClosure() throws Exception {
    // warm-up gate W: 100 windows at 3001..3100 ms (left out of the percentiles); gate A: 100
    // windows at 801..900 ms; gate B: 100 windows at 2001..2100 ms (a slow frame)
    long gateW = 1_795_514_280_000L;
    long gateA = gateW + 60_000L;
    long gateB = gateA + 60_000L;
    Map<Long, List<Long>> byGate = new TreeMap<>();
    List<Long> all = new ArrayList<>();
    for (int k = 1; k <= 100; k++) {
      byGate.computeIfAbsent(gateW, g -> new ArrayList<>()).add(3000L + k);
      byGate.computeIfAbsent(gateA, g -> new ArrayList<>()).add(800L + k);
      byGate.computeIfAbsent(gateB, g -> new ArrayList<>()).add(2000L + k);
      all.add(800L + k);
      all.add(2000L + k);
    }
    Collections.sort(all);
    LiveLatency.Result r = new LiveLatency.Result(200, 0, all, byGate, Set.of(gateW));

    JsonNode json = new ObjectMapper().readTree(r.summary());
    assertEquals(0, json.get("missing").asLong());
    assertEquals(1, json.get("warmupFrames").asInt());
    assertEquals(200, json.get("windows").asLong());
    assertEquals(900, json.get("p50Ms").asLong(), "the 100th of 200 sorted");
    assertEquals(2098, json.get("p99Ms").asLong(), "the 198th of 200 sorted");
    assertEquals(2100, json.get("maxMs").asLong());
    assertEquals(801, json.get("minMs").asLong());
    JsonNode frames = json.get("byGateClosure");
    assertEquals(3, frames.size());
    assertEquals("2026-11-24T09:58:00Z", frames.get(0).get("gateClosure").asText());
    assertTrue(frames.get(0).get("warmup").asBoolean());
    assertEquals(3100, frames.get(0).get("maxMs").asLong());
    assertEquals("2026-11-24T09:59:00Z", frames.get(1).get("gateClosure").asText());
    assertFalse(frames.get(1).has("warmup"));
    assertEquals(850, frames.get(1).get("p50Ms").asLong());
    assertEquals(900, frames.get(1).get("maxMs").asLong());
    assertEquals(2050, frames.get(2).get("p50Ms").asLong());
    assertEquals(2100, frames.get(2).get("maxMs").asLong());
    long histogramTotal = 0;
    for (JsonNode n : json.get("histogramMs")) {
      histogramTotal += n.asLong();
    }
    assertEquals(200, histogramTotal);
    assertTrue(json.get("histogramMs").has("2000"));
  }
}
