package energy.p2p.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.grid.BackwardForwardSweep;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.io.FeederReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest extends InProcessCli {

  private static final String CASE33BW = "sample-data/feeders-matpower/case33bw.m";

  @TempDir Path dir;

  @Test
  void writesTheCsvFormOfAMatpowerCaseWithTheSameLoadFlow() {
    assertEquals(0, run("convert", "--in", CASE33BW, "--out", dir.toString(), "--id", "bw33"),
        err.toString());
    assertTrue(out.toString().contains("33 buses, 32 branches in service, slack bus 1"), out.toString());
    RadialFeeder converted = FeederReader.read(dir, "bw33");
    assertEquals("bw33", converted.feederId());
    double pLossKw = new BackwardForwardSweep(converted).solve(null).pLossKw();
    assertEquals(202.68, pLossKw, 0.01);
    assertEquals(new BackwardForwardSweep(FeederReader.read(Path.of(CASE33BW))).solve(null).pLossKw(),
        pLossKw, 1e-9);
  }

  @Test
  void powerflowReadsAMatpowerCaseDirectly() {
    assertEquals(0, run("powerflow", "--feeder", "sample-data/feeders-matpower/case33bw"),
        err.toString());
    assertTrue(out.toString().contains("\"vMinBus\":18"), out.toString());
  }

  @Test
  void refusesAMalformedCaseWithTheLineAndProblem() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.m"), "mpc.baseMVA = 10;\nmpc.bus = [\n 1 3 0;\n];\n");
    assertEquals(1, run("convert", "--in", bad.toString(), "--out", dir.toString()));
    assertEquals("error: " + bad + " line 3: mpc.bus row has 3 columns, expected at least 13",
        err.toString().strip());
  }
}
