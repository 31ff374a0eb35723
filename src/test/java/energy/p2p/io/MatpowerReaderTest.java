package energy.p2p.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.grid.BackwardForwardSweep;
import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.RadialFeeder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatpowerReaderTest {

  private static final Path CASE33BW = Path.of("sample-data", "feeders-matpower", "case33bw.m");
  private static final double DELTA_V = 1e-9;
  private static final double DELTA_KW = 1e-6;

  /**
   * A 4-bus case written directly in p.u. on 10 MVA / 11 kV (Zbase 12.1 ohm), MW loads:
   * <pre>
   *   (1) -- (2) -- (3)
   *           \---- (4)      tie 3-4 open (status 0)
   * </pre>
   */
  private static final String PU_CASE = String.join("\n",
      "function mpc = tiny",
      "mpc.version = '2';",
      "mpc.baseMVA = 10;",
      "mpc.bus = [",
      "  1 3 0    0    0 0 1 1 0 11 1 1.05 0.95;",
      "  2 1 0.1  0.05 0 0 1 1 0 11 1 1.06 0.94;",
      "  3 1 0.2  0.1  0 0 1 1 0 11 1 1.1  0.9;",
      "  4 1 0.05 0.02 0 0 1 1 0 11 1 1.1  0.9;",
      "];",
      "mpc.gen = [ 1 0 0 10 -10 1.02 100 1 10 0 ];",
      "mpc.branch = [",
      "  1 2 0.01 0.02 0 5 0 0 0 0 1 -360 360;",
      "  2 3 0.02 0.01 0 0 0 0 0 0 1 -360 360;",
      "  2 4 0.03 0.03 0 0 0 0 0 0 1 -360 360;",
      "  3 4 0.5  0.5  0 0 0 0 0 0 0 -360 360;",
      "];",
      "");

  @TempDir Path dir;

  @Test
  void case69ReproducesThePublishedBaseCase() {
    // Baran & Wu, IEEE Trans. Power Delivery 4(1):725-734, 1989 (MATPOWER case69): 69 buses,
    // 3.80 MW / 2.69 Mvar of load, minimum voltage 0.9092 p.u. at bus 65, losses ≈ 225 kW
    RadialFeeder f = MatpowerReader.read(Path.of("sample-data", "feeders-matpower", "case69.m"),
        "case69");
    assertEquals(69, f.busCount());
    double loadKw = 0;
    for (int k = 0; k < f.busCount(); k++) {
      loadKw += f.baseLoadKw(k);
    }
    assertEquals(3802.1, loadKw, 0.01); // the sum of the case table
    PowerFlowResult r = new BackwardForwardSweep(f).solve(null);
    assertTrue(r.converged());
    assertEquals(0.9092, r.vMinPu(), 5e-5);
    assertEquals(65, r.vMinBus());
    assertEquals(225.0, r.pLossKw(), 0.1);
  }

  @Test
  void case33bwGivesTheSameLoadFlowAsTheCsvFeeder() {
    RadialFeeder matpower = MatpowerReader.read(CASE33BW, "case33bw");
    RadialFeeder csv = FeederReader.read(Path.of("sample-data", "feeders"), "ieee33");
    assertEquals(33, matpower.busCount());
    assertEquals(32, matpower.branchCount(), "the 5 open tie lines are left out");
    assertEquals(12.66, matpower.baseKv());
    assertEquals(1, matpower.slackBusNumber());
    assertEquals(0.9, matpower.vMinPu());
    assertEquals(1.1, matpower.vMaxPu());
    PowerFlowResult a = new BackwardForwardSweep(matpower).solve(null).copy();
    PowerFlowResult b = new BackwardForwardSweep(csv).solve(null).copy();
    assertTrue(a.converged());
    // published Baran & Wu base case: vMin 0.9131 p.u. at bus 18, losses 202.7 kW / 135.1 kvar
    assertEquals(0.91309, a.vMinPu(), 1e-5);
    assertEquals(18, a.vMinBus());
    assertEquals(202.68, a.pLossKw(), 0.01);
    assertEquals(135.14, a.qLossKvar(), 0.01);
    assertEquals(b.vMinPu(), a.vMinPu(), DELTA_V);
    assertEquals(b.pLossKw(), a.pLossKw(), DELTA_KW);
    assertEquals(b.qLossKvar(), a.qLossKvar(), DELTA_KW);
    for (int bus = 1; bus <= 33; bus++) {
      assertEquals(b.vPu(csv.indexOf(bus)), a.vPu(matpower.indexOf(bus)), DELTA_V, "bus " + bus);
      assertEquals(csv.baseLoadKw(csv.indexOf(bus)), matpower.baseLoadKw(matpower.indexOf(bus)),
          1e-12, "load at bus " + bus);
    }
  }

  @Test
  void convertsPerUnitImpedancesAndMwLoadsAndDropsOpenTies() throws IOException {
    Path file = write("tiny.m", PU_CASE);
    RadialFeeder f = MatpowerReader.read(file, "tiny");
    assertEquals(4, f.busCount());
    assertEquals(3, f.branchCount());
    double zbaseOhm = 11.0 * 11.0 / 10;
    int b2 = f.indexOf(2) - 1;
    assertEquals(0.01 * zbaseOhm, f.branchROhm(b2), 1e-12);
    assertEquals(0.02 * zbaseOhm, f.branchXOhm(b2), 1e-12);
    assertEquals(5e3 / (Math.sqrt(3) * 11), f.branchMaxCurrentA(b2), 1e-9, "rateA 5 MVA in A");
    assertEquals(Double.POSITIVE_INFINITY, f.branchMaxCurrentA(f.indexOf(3) - 1));
    assertEquals(200, f.baseLoadKw(f.indexOf(3)), 1e-9);
    assertEquals(20, f.baseLoadKvar(f.indexOf(4)), 1e-9);
    assertEquals(1.02, f.slackVoltagePu(), "Vg of the slack generator");
    assertEquals(0.94, f.vMinPu(), "tightest Vmin of the non-slack buses");
    assertEquals(1.06, f.vMaxPu(), "tightest Vmax of the non-slack buses");
  }

  @Test
  void readsRowsEndedByNewLinesWithCommentedOutTiesAsCase118zhIsWritten() throws IOException {
    // case118zh and case136ma end rows with a new line (no ';'), leave a blank line and keep
    // their tie lines commented out inside the branch table
    String layout = PU_CASE.replace(";\n", "\n").replace("  3 4 0.5  0.5  0 0 0 0 0 0 0 -360 360\n",
        "    \n%     3 4 0.5 0.5 0 0 0 0 0 0 1 -360 360\n\n");
    RadialFeeder f = MatpowerReader.read(write("rows.m", layout), "rows");
    RadialFeeder reference = MatpowerReader.read(write("tiny.m", PU_CASE), "tiny");
    assertEquals(3, f.branchCount());
    for (int bus : new int[] {1, 2, 3, 4}) {
      assertEquals(reference.baseLoadKw(reference.indexOf(bus)), f.baseLoadKw(f.indexOf(bus)));
    }
    PowerFlowResult a = new BackwardForwardSweep(f).solve(null);
    assertEquals(new BackwardForwardSweep(reference).solve(null).pLossKw(), a.pLossKw(), 1e-12);
  }

  @Test
  void refusesAMeshedCaseNamingTheBranchesThatCloseLoops() throws IOException {
    String meshed = Files.readString(CASE33BW)
        .replace("\t21\t8\t2.0000\t2.0000\t0\t0\t0\t0\t0\t0\t0", "\t21\t8\t2.0000\t2.0000\t0\t0\t0\t0\t0\t0\t1")
        .replace("\t18\t33\t0.5000\t0.5000\t0\t0\t0\t0\t0\t0\t0", "\t18\t33\t0.5000\t0.5000\t0\t0\t0\t0\t0\t0\t1");
    Path file = write("meshed.m", meshed);
    FeederFormatException e = assertThrows(FeederFormatException.class,
        () -> MatpowerReader.read(file, "meshed"));
    assertEquals(lineOf(meshed, "\t21\t8\t"), e.line());
    assertTrue(e.getMessage().contains("meshed case: 2 in-service branch(es) close a loop: 21-8 (line "
        + lineOf(meshed, "\t21\t8\t") + "), 18-33 (line " + lineOf(meshed, "\t18\t33\t") + ")"),
        e.getMessage());
    assertTrue(e.getMessage().contains("open the tie switches (branch status 0)"), e.getMessage());
  }

  @Test
  void refusesAMalformedFileNamingLineAndProblem() throws IOException {
    String bad = PU_CASE.replace("  2 3 0.02 0.01", "  2 3 0.02 x0.01");
    FeederFormatException e = assertThrows(FeederFormatException.class,
        () -> MatpowerReader.read(write("bad.m", bad), "bad"));
    assertEquals(13, e.line());
    assertTrue(e.getMessage().endsWith("bad.m line 13: mpc.branch column 4 'x0.01' is not a number"),
        e.getMessage());

    String shortRow = PU_CASE.replace("  3 1 0.2  0.1  0 0 1 1 0 11 1 1.1  0.9;", "  3 1 0.2 0.1;");
    e = assertThrows(FeederFormatException.class,
        () -> MatpowerReader.read(write("short.m", shortRow), "short"));
    assertEquals("mpc.bus row has 4 columns, expected at least 13", e.problem());
    assertEquals(7, e.line());

    String unclosed = PU_CASE.replace("  3 4 0.5  0.5  0 0 0 0 0 0 0 -360 360;\n];", "");
    e = assertThrows(FeederFormatException.class,
        () -> MatpowerReader.read(write("unclosed.m", unclosed), "unclosed"));
    assertEquals("mpc.branch = [ is never closed with ];", e.problem());
    assertEquals(11, e.line());

    String code = PU_CASE + "mpc.bus(:, PD) = 2 * mpc.bus(:, PD);\n";
    e = assertThrows(FeederFormatException.class,
        () -> MatpowerReader.read(write("code.m", code), "code"));
    assertTrue(e.problem().startsWith("unsupported statement 'mpc.bus(:, PD) = 2 * mpc.bus(:, PD);'"),
        e.problem());

    String noSlack = PU_CASE.replace("  1 3 0", "  1 1 0");
    e = assertThrows(FeederFormatException.class,
        () -> MatpowerReader.read(write("noslack.m", noSlack), "noslack"));
    assertEquals("no slack bus: one bus must have type 3", e.problem());

    String unknownBus = PU_CASE.replace("  2 4 0.03", "  2 9 0.03");
    e = assertThrows(FeederFormatException.class,
        () -> MatpowerReader.read(write("unknown.m", unknownBus), "unknown"));
    assertEquals("tbus 9.0 is not a bus of mpc.bus", e.problem());
    assertEquals(14, e.line());
  }

  @Test
  void feederFoldersAcceptMatpowerCasesNextToCsvFeeders() throws IOException {
    Files.copy(CASE33BW, dir.resolve("case33bw.m"));
    FeederWriter.write(FeederReader.read(Path.of("sample-data", "feeders"), "ieee33"), dir);
    Map<String, RadialFeeder> all = FeederReader.readAll(dir);
    assertEquals(java.util.List.of("case33bw", "ieee33"), java.util.List.copyOf(all.keySet()));
    assertEquals(33, FeederReader.read(dir.resolve("case33bw.m")).busCount());
    assertEquals(33, FeederReader.read(dir.resolve("case33bw")).busCount());

    Files.copy(CASE33BW, dir.resolve("ieee33.m"));
    FeederFormatException e = assertThrows(FeederFormatException.class,
        () -> FeederReader.readAll(dir));
    assertTrue(e.problem().contains("given twice"), e.problem());
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static int lineOf(String text, String part) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith(part)) {
        return i + 1;
      }
    }
    throw new AssertionError(part);
  }
}
