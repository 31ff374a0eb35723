package energy.p2p.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.grid.RadialFeeder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeederReaderTest {

  private static final String JSON = "{\"feederId\":\"f\",\"baseKv\":11}";
  /**
   * <pre>
   *   (1) -- (2) -- (3)
   *           \---- (5)
   * </pre>
   */
  private static final String BRANCHES = "from_bus,to_bus,r_ohm,x_ohm\n1,2,0.1,0.1\n3,2,0.2,0.1\n"
      + "2,5,0.3,0.2\n";
  private static final String LOADS = "bus,p_kw,q_kvar\n3,100,50\n5,80,20\n";

  @TempDir Path dir;

  @Test
  void readsIeee33SampleBreadthFirstFromSlack() {
    RadialFeeder f = FeederReader.read(Path.of("sample-data", "feeders"), "ieee33");
    assertEquals("ieee33", f.feederId());
    assertEquals(33, f.busCount());
    assertEquals(12.66, f.baseKv());
    assertEquals(0.90, f.vMinPu());
    assertEquals(1, f.slackBusNumber());
    for (int i = 1; i < f.busCount(); i++) {
      assertTrue(f.parentIndex(i) < i);
    }
    int bus18 = f.indexOf(18);
    assertEquals(90, f.baseLoadKw(bus18));
    assertEquals("17-18", f.branchName(bus18 - 1));
    assertEquals(Double.POSITIVE_INFINITY, f.branchMaxCurrentA(0));
    assertEquals(-1, f.indexOf(34));
  }

  @Test
  void readsBranchesInEitherDirectionWithNonContiguousBusesAndDefaults() throws IOException {
    RadialFeeder f = read(JSON, BRANCHES, LOADS);
    assertArrayEquals(new int[] {1, 2, 3, 5}, busNumbers(f));
    assertEquals(0.95, f.vMinPu());
    assertEquals(1.05, f.vMaxPu());
    assertEquals(1.0, f.slackVoltagePu());
    assertEquals("3-2", f.branchName(f.indexOf(3) - 1));
    assertEquals(0.2, f.branchROhm(f.indexOf(3) - 1));
    assertEquals(0.3 + 0.1, f.pathResistanceOhm(f.indexOf(5), f.indexOf(1)), 1e-12);
    assertEquals(0.2 + 0.3, f.pathResistanceOhm(f.indexOf(3), f.indexOf(5)), 1e-12);
  }

  @Test
  void sameFeederWrittenInAnotherOrderGetsTheSameIndexing() throws IOException {
    RadialFeeder a = read(JSON, BRANCHES, LOADS);
    RadialFeeder b = read(JSON, "x_ohm,r_ohm,to_bus,from_bus\n0.2,0.3,5,2\n0.1,0.1,1,2\n"
        + "0.1,0.2,2,3\n", "bus,p_kw,q_kvar\n5,80,20\n3,100,50\n");
    assertArrayEquals(busNumbers(a), busNumbers(b));
    for (int i = 0; i < a.busCount(); i++) {
      assertEquals(a.parentIndex(i), b.parentIndex(i));
      assertEquals(a.baseLoadKw(i), b.baseLoadKw(i));
    }
  }

  @Test
  void readsOptionalRatingsSlackBusAndLimits() throws IOException {
    RadialFeeder f = read("{\"feederId\":\"f\",\"baseKv\":0.4,\"slackBus\":2,\"slackVoltagePu\":1.02,"
            + "\"vMinPu\":0.9,\"vMaxPu\":1.1}",
        "from_bus,to_bus,r_ohm,x_ohm,max_current_a\n1,2,0.1,0.1,200\n3,2,0.2,0.1,\n", LOADS
            .replace("5,80,20\n", ""));
    assertEquals(2, f.slackBusNumber());
    assertEquals(1.02, f.slackVoltagePu());
    assertEquals(200.0, f.branchMaxCurrentA(f.indexOf(1) - 1));
    assertEquals(Double.POSITIVE_INFINITY, f.branchMaxCurrentA(f.indexOf(3) - 1));
  }

  @Test
  void readsEveryFeederOfADirectorySortedById() throws IOException {
    write("b", JSON.replace("\"f\"", "\"b\""), BRANCHES, LOADS);
    write("a", JSON.replace("\"f\"", "\"a\""), BRANCHES, LOADS);
    Map<String, RadialFeeder> all = FeederReader.readAll(dir);
    assertEquals(java.util.List.of("a", "b"), java.util.List.copyOf(all.keySet()));
  }

  // ---- every bad-feeder case, with file, line and problem ----

  @Test
  void rejectsLoop() {
    assertRejected(JSON, BRANCHES + "5,3,0.1,0.1\n", LOADS,
        "f.branches.csv", 5, "branch 5-3 closes a loop: buses 5 and 3 are already connected"
            + " (the feeder must be radial)");
  }

  @Test
  void rejectsIsland() {
    assertRejected(JSON, BRANCHES + "7,8,0.1,0.1\n8,9,0.1,0.1\n", LOADS,
        "f.branches.csv", 5, "island: 3 bus(es) not connected to slack bus 1 (7, 8, 9)");
  }

  @Test
  void rejectsDuplicateBranchEvenWrittenBackwards() {
    assertRejected(JSON, BRANCHES + "2,1,0.1,0.1\n", LOADS,
        "f.branches.csv", 5, "duplicate branch 2-1: buses already connected by branch 1-2");
  }

  @Test
  void rejectsNonNumericImpedance() {
    assertRejected(JSON, BRANCHES.replace("0.3,0.2", "0.3,abc"), LOADS,
        "f.branches.csv", 4, "x_ohm 'abc' is not a number");
  }

  @Test
  void rejectsNanSpelledAsText() {
    assertRejected(JSON, BRANCHES.replace("0.3,0.2", "NaN,0.2"), LOADS,
        "f.branches.csv", 4, "r_ohm 'NaN' is not a number");
  }

  @Test
  void rejectsNegativeImpedance() {
    assertRejected(JSON, BRANCHES.replace("0.2,0.1", "-0.2,0.1"), LOADS,
        "f.branches.csv", 3, "negative impedance r_ohm = -0.2 (passive branches only)");
  }

  @Test
  void rejectsZeroImpedanceBranch() {
    assertRejected(JSON, BRANCHES.replace("0.3,0.2", "0,0.0"), LOADS,
        "f.branches.csv", 4, "zero impedance (r_ohm = x_ohm = 0): merge the two buses instead");
  }

  @Test
  void rejectsBranchFromBusToItself() {
    assertRejected(JSON, BRANCHES + "5,5,0.1,0.1\n", LOADS,
        "f.branches.csv", 5, "branch 5-5 connects bus 5 to itself");
  }

  @Test
  void rejectsNonIntegerBusNumber() {
    assertRejected(JSON, BRANCHES.replace("2,5,", "2,5.5,"), LOADS,
        "f.branches.csv", 4, "to_bus '5.5' is not a positive integer bus number");
  }

  @Test
  void rejectsNonPositiveRating() {
    assertRejected(JSON, "from_bus,to_bus,r_ohm,x_ohm,max_current_a\n1,2,0.1,0.1,0\n",
        "bus,p_kw,q_kvar\n", "f.branches.csv", 2,
        "max_current_a must be a positive number of A, got 0.0");
  }

  @Test
  void rejectsRowWithWrongNumberOfCells() {
    assertRejected(JSON, BRANCHES + "\n5,6,0.1\n", LOADS, "f.branches.csv", 6,
        "expected 4 comma-separated cells (from_bus,to_bus,r_ohm,x_ohm), found 3");
  }

  @Test
  void rejectsUnknownBusInLoads() {
    assertRejected(JSON, BRANCHES, LOADS + "9,10,1\n",
        "f.loads.csv", 4, "unknown bus 9: no branch connects it");
  }

  @Test
  void rejectsDuplicateLoadRow() {
    assertRejected(JSON, BRANCHES, LOADS + "3,1,1\n",
        "f.loads.csv", 4, "duplicate load for bus 3 (one row per bus)");
  }

  @Test
  void rejectsMissingBranchHeader() {
    assertRejected(JSON, BRANCHES.substring(BRANCHES.indexOf('\n') + 1), LOADS,
        "f.branches.csv", 1, "missing header: expected from_bus,to_bus,r_ohm,x_ohm (optional:"
            + " max_current_a) before the data rows");
  }

  @Test
  void rejectsMissingLoadHeader() {
    assertRejected(JSON, BRANCHES, "3,100,50\n", "f.loads.csv", 1,
        "missing header: expected bus,p_kw,q_kvar before the data rows");
  }

  @Test
  void rejectsHeaderWithUnknownOrMissingColumn() {
    assertRejected(JSON, "from_bus,to_bus,r_ohm,x\n1,2,0.1,0.1\n", LOADS, "f.branches.csv", 1,
        "unknown column 'x' in header: expected from_bus,to_bus,r_ohm,x_ohm (optional:"
            + " max_current_a)");
    assertRejected(JSON, "from_bus,to_bus,r_ohm\n1,2,0.1\n", LOADS, "f.branches.csv", 1,
        "header lacks column 'x_ohm': expected from_bus,to_bus,r_ohm,x_ohm (optional:"
            + " max_current_a)");
  }

  @Test
  void rejectsFeederWithoutBranches() {
    assertRejected(JSON, "from_bus,to_bus,r_ohm,x_ohm\n", "bus,p_kw,q_kvar\n",
        "f.branches.csv", 0, "no branches: a feeder needs at least one");
  }

  @Test
  void rejectsMissingFiles() throws IOException {
    write("f", JSON, BRANCHES, LOADS);
    Files.delete(dir.resolve("f.loads.csv"));
    assertReadFails("f.loads.csv", 0, "file not found");
    Files.delete(dir.resolve("f.branches.csv"));
    assertReadFails("f.branches.csv", 0, "file not found");
    Files.delete(dir.resolve("f.json"));
    assertReadFails("f.json", 0, "file not found");
  }

  @Test
  void rejectsBadJson() {
    FeederFormatException e = rejected("{\"feederId\":\"f\",\n\"baseKv\":11,,}", BRANCHES, LOADS);
    assertEquals(dir.resolve("f.json"), e.file());
    assertEquals(2, e.line());
    assertTrue(e.problem().startsWith("bad JSON: Unexpected character (','"), e.problem());
  }

  @Test
  void rejectsJsonThatIsNotAnObject() {
    assertRejected("[1]", BRANCHES, LOADS, "f.json", 1, "expected a JSON object {...}");
  }

  @Test
  void rejectsVMinNotBelowVMax() {
    assertRejected("{\"baseKv\":11,\n\"vMinPu\":1.0,\n\"vMaxPu\":0.9}", BRANCHES, LOADS,
        "f.json", 3, "vMinPu (1.0) must be below vMaxPu (0.9)");
  }

  @Test
  void rejectsFeederIdDifferentFromFileName() {
    assertRejected("{\n\"feederId\":\"g\",\"baseKv\":11}", BRANCHES, LOADS, "f.json", 2,
        "feederId 'g' differs from the file name 'f'");
  }

  @Test
  void rejectsMissingOrBadBaseKv() {
    assertRejected("{\"feederId\":\"f\"}", BRANCHES, LOADS, "f.json", 0,
        "missing field 'baseKv' (kV, line to line)");
    assertRejected("{\"baseKv\":-1}", BRANCHES, LOADS, "f.json", 1,
        "baseKv must be a positive number of kV, got -1.0");
    assertRejected("{\"baseKv\":\"11\"}", BRANCHES, LOADS, "f.json", 1,
        "baseKv must be a number, got 11");
  }

  @Test
  void rejectsUnknownJsonFieldSoATypoCannotFallBackToADefault() {
    assertRejected("{\"baseKv\":11,\n\"vminPu\":0.9}", BRANCHES, LOADS, "f.json", 2,
        "unknown field 'vminPu' (known: feederId, baseKv, slackVoltagePu, vMinPu, vMaxPu,"
            + " slackBus)");
  }

  @Test
  void rejectsSlackBusNotOnFeeder() {
    assertRejected("{\"baseKv\":11,\"slackBus\":4}", BRANCHES, LOADS, "f.json", 0,
        "slack bus 4 is not on any branch");
  }

  @Test
  void rejectsSlackVoltageOutsideLimits() {
    assertRejected("{\"baseKv\":11,\"slackVoltagePu\":1.06}", BRANCHES, LOADS, "f.json", 0,
        "slackVoltagePu 1.06 is outside [vMinPu, vMaxPu] = [0.95, 1.05]");
  }

  @Test
  void messageNamesFileLineAndProblem() {
    FeederFormatException e = rejected(JSON, BRANCHES + "5,3,0.1,0.1\n", LOADS);
    assertEquals(dir.resolve("f.branches.csv") + " line 5: " + e.problem(), e.getMessage());
    assertFalse(e.getMessage().contains("Exception"));
  }

  // ---- helpers ----

  private RadialFeeder read(String json, String branches, String loads) throws IOException {
    write("f", json, branches, loads);
    return FeederReader.read(dir, "f");
  }

  private void write(String id, String json, String branches, String loads) throws IOException {
    Files.writeString(dir.resolve(id + ".json"), json);
    Files.writeString(dir.resolve(id + ".branches.csv"), branches);
    Files.writeString(dir.resolve(id + ".loads.csv"), loads);
  }

  private FeederFormatException rejected(String json, String branches, String loads) {
    return assertThrows(FeederFormatException.class, () -> read(json, branches, loads));
  }

  private void assertRejected(String json, String branches, String loads, String file, int line,
      String problem) {
    FeederFormatException e = rejected(json, branches, loads);
    assertEquals(problem, e.problem());
    assertEquals(dir.resolve(file), e.file(), e.getMessage());
    assertEquals(line, e.line(), e.getMessage());
  }

  private void assertReadFails(String file, int line, String problem) {
    FeederFormatException e = assertThrows(FeederFormatException.class,
        () -> FeederReader.read(dir, "f"));
    assertEquals(problem, e.problem());
    assertEquals(dir.resolve(file), e.file());
    assertEquals(line, e.line());
  }

  private static int[] busNumbers(RadialFeeder f) {
    int[] numbers = new int[f.busCount()];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = f.busNumber(i);
    }
    return numbers;
  }
}
