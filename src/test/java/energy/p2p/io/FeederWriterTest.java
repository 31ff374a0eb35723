package energy.p2p.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import energy.p2p.grid.RadialFeeder;
import energy.p2p.synth.RandomFeederGenerator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeederWriterTest {

  @TempDir Path dir;

  @Test
  void writtenRandomFeederReadsBackIdentically() {
    RadialFeeder written = new RandomFeederGenerator(11).withRatings(true).generate("r400", 400);
    FeederWriter.write(written, dir);
    assertSameFeeder(written, FeederReader.read(dir, "r400"));
  }

  @Test
  void writtenIeee33ReadsBackIdenticallyWithoutRatingColumn() throws Exception {
    RadialFeeder ieee33 = FeederReader.read(Path.of("sample-data", "feeders"), "ieee33");
    FeederWriter.write(ieee33, dir);
    assertEquals("from_bus,to_bus,r_ohm,x_ohm",
        java.nio.file.Files.readAllLines(dir.resolve("ieee33.branches.csv")).get(0));
    assertSameFeeder(ieee33, FeederReader.read(dir, "ieee33"));
  }

  private static void assertSameFeeder(RadialFeeder a, RadialFeeder b) {
    assertEquals(a.feederId(), b.feederId());
    assertEquals(a.baseKv(), b.baseKv());
    assertEquals(a.slackVoltagePu(), b.slackVoltagePu());
    assertEquals(a.vMinPu(), b.vMinPu());
    assertEquals(a.vMaxPu(), b.vMaxPu());
    assertEquals(a.busCount(), b.busCount());
    for (int i = 0; i < a.busCount(); i++) {
      assertEquals(a.busNumber(i), b.busNumber(i));
      assertEquals(a.parentIndex(i), b.parentIndex(i));
      assertEquals(a.baseLoadKw(i), b.baseLoadKw(i));
      assertEquals(a.baseLoadKvar(i), b.baseLoadKvar(i));
    }
    for (int br = 0; br < a.branchCount(); br++) {
      assertEquals(a.branchName(br), b.branchName(br));
      assertEquals(a.branchROhm(br), b.branchROhm(br));
      assertEquals(a.branchXOhm(br), b.branchXOhm(br));
      assertEquals(a.branchMaxCurrentA(br), b.branchMaxCurrentA(br));
    }
  }
}
