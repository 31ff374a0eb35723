package energy.p2p.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthFeederCommandTest extends InProcessCli {

  @TempDir Path dir;

  @Test
  void writesAFeederThatPowerflowReadsAndSolves() throws Exception {
    assertEquals(0, run("synth-feeder", "--id", "r300", "--buses", "300", "--seed", "5",
        "--ratings", "--out", dir.toString()), err.toString());
    assertTrue(Files.readString(dir.resolve("r300.branches.csv")).startsWith(
        "from_bus,to_bus,r_ohm,x_ohm,max_current_a\n"));
    out.getBuffer().setLength(0);
    assertEquals(0, run("powerflow", "--feeder", dir.resolve("r300").toString()), err.toString());
    var json = new ObjectMapper().readTree(out.toString());
    assertEquals("CONVERGED", json.get("status").asText());
    assertEquals(300, json.get("buses").size());
  }

  @Test
  void sameSeedWritesTheSameBytes() throws Exception {
    run("synth-feeder", "--id", "a", "--buses", "50", "--seed", "9", "--out", dir.resolve("1").toString());
    run("synth-feeder", "--id", "a", "--buses", "50", "--seed", "9", "--out", dir.resolve("2").toString());
    for (String file : new String[] {"a.json", "a.branches.csv", "a.loads.csv"}) {
      assertEquals(Files.readString(dir.resolve("1").resolve(file)),
          Files.readString(dir.resolve("2").resolve(file)), file);
    }
  }

  @Test
  void rejectsTooSmallFeeder() {
    assertEquals(1, run("synth-feeder", "--id", "a", "--buses", "1", "--out", dir.toString()));
    assertEquals("error: a feeder needs at least 2 buses, got 1", err.toString().strip());
  }
}
