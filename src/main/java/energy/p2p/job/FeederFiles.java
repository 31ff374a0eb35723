package energy.p2p.job;

import energy.p2p.grid.RadialFeeder;
import energy.p2p.io.FeederReader;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The feeder files of {@code --feeders DIR}, read once on the client and shipped inside the job
 * graph: TaskManagers on a cluster need not see the client's disk. Each operator rebuilds the
 * feeders in {@code open()} with {@link FeederReader}, so the files are parsed by exactly the same
 * code everywhere.
 */
public final class FeederFiles implements Serializable {
  private final TreeMap<String, byte[]> files = new TreeMap<>();

  private FeederFiles() {}

  /**
   * Reads the feeder files of a folder ({@code *.json}, {@code *.branches.csv}, {@code *.loads.csv},
   * MATPOWER {@code *.m})
   * and checks that they parse.
   *
   * @throws IllegalArgumentException when the folder is missing, holds no feeder or a bad file
   */
  public static FeederFiles read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("feeders folder not found: " + dir);
    }
    FeederFiles f = new FeederFiles();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s.sorted()::iterator) {
        String name = p.getFileName().toString();
        if (Files.isRegularFile(p) && (name.endsWith(".json") || name.endsWith(".branches.csv")
            || name.endsWith(".loads.csv") || name.endsWith(".m"))) {
          f.files.put(name, Files.readAllBytes(p));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read feeders folder " + dir, e);
    }
    if (f.feeders().isEmpty()) {
      throw new IllegalArgumentException("no feeder (ID.json or MATPOWER ID.m) in " + dir);
    }
    return f;
  }

  /** The feeders, by id (parsed anew: RadialFeeder is immutable, so callers may share them). */
  public Map<String, RadialFeeder> feeders() {
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory("p2p-feeders");
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        Files.write(tmp.resolve(e.getKey()), e.getValue());
      }
      return new TreeMap<>(FeederReader.readAll(tmp));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stage feeder files", e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp folder is harmless
    }
  }
}
