package energy.p2p.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.grid.BackwardForwardSweep;
import energy.p2p.grid.RadialFeeder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeederFilesTest {

  @TempDir Path dir;

  @Test
  void shipsMatpowerCasesToTheOperatorsLikeCsvFeeders() throws Exception {
    Files.copy(Path.of("sample-data", "feeders-matpower", "case33bw.m"), dir.resolve("case33bw.m"));
    for (String ext : List.of(".json", ".branches.csv", ".loads.csv")) {
      Files.copy(Path.of("sample-data", "feeders", "ieee33" + ext), dir.resolve("ieee33" + ext));
    }
    FeederFiles shipped = roundTrip(FeederFiles.read(dir)); // as the job graph carries it
    Map<String, RadialFeeder> feeders = shipped.feeders();
    assertEquals(List.of("case33bw", "ieee33"), List.copyOf(feeders.keySet()));
    assertEquals(new BackwardForwardSweep(feeders.get("ieee33")).solve(null).pLossKw(),
        new BackwardForwardSweep(feeders.get("case33bw")).solve(null).pLossKw(), 1e-9);
  }

  @Test
  void refusesAFolderWithoutFeeders() throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "nothing");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FeederFiles.read(dir));
    assertTrue(e.getMessage().contains("no feeder (ID.json or MATPOWER ID.m)"), e.getMessage());
  }

  private static FeederFiles roundTrip(FeederFiles files) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(files);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (FeederFiles) in.readObject();
    }
  }
}
