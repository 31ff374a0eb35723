package energy.p2p.io;

import energy.p2p.grid.FeederBuilder;
import energy.p2p.grid.InvalidFeederException;
import energy.p2p.grid.RadialFeeder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a feeder {@code ID} from the three files of docs/formats.md: {@code ID.json} (settings),
 * {@code ID.branches.csv} and {@code ID.loads.csv}. Every problem is a
 * {@link FeederFormatException} naming the file, the line and what is wrong: the value checks and
 * the topology checks (loops, islands, duplicates) of {@link FeederBuilder} are mapped back to the
 * line that caused them.
 */
public final class FeederReader {

  static final List<String> BRANCH_COLUMNS = List.of("from_bus", "to_bus", "r_ohm", "x_ohm");
  static final List<String> BRANCH_OPTIONAL = List.of("max_current_a");
  static final List<String> LOAD_COLUMNS = List.of("bus", "p_kw", "q_kvar");

  private FeederReader() {}

  /** Reads feeder {@code feederId} from {@code directory}. */
  public static RadialFeeder read(Path directory, String feederId) {
    if (feederId == null || feederId.isEmpty() || feederId.contains("/")
        || feederId.contains("\\") || feederId.startsWith(".")) {
      throw new IllegalArgumentException("bad feeder id '" + feederId
          + "': expected a file name stem such as ieee33");
    }
    Path json = directory.resolve(feederId + ".json");
    Path matpower = directory.resolve(feederId + ".m");
    if (Files.exists(matpower)) {
      if (Files.exists(json)) {
        throw new FeederFormatException(matpower, 0, "feeder '" + feederId + "' is given twice,"
            + " as " + json.getFileName() + " and as a MATPOWER case: keep one");
      }
      return MatpowerReader.read(matpower, feederId);
    }
    Path branchesFile = directory.resolve(feederId + ".branches.csv");
    Path loadsFile = directory.resolve(feederId + ".loads.csv");
    FeederBuilder builder = FeederSettingsJson.read(json, feederId);
    CsvFile branches = CsvFile.read(branchesFile, BRANCH_COLUMNS, BRANCH_OPTIONAL);
    CsvFile loads = CsvFile.read(loadsFile, LOAD_COLUMNS, List.of());
    if (branches.rows().isEmpty()) {
      throw new FeederFormatException(branchesFile, 0, "no branches: a feeder needs at least one");
    }
    try {
      for (CsvFile.Row row : branches.rows()) {
        double maxCurrentA = row.has("max_current_a")
            ? row.number("max_current_a") : Double.POSITIVE_INFINITY;
        builder.branch(row.busNumber("from_bus"), row.busNumber("to_bus"),
            row.number("r_ohm"), row.number("x_ohm"), maxCurrentA);
      }
      for (CsvFile.Row row : loads.rows()) {
        builder.load(row.busNumber("bus"), row.number("p_kw"), row.number("q_kvar"));
      }
      return builder.build();
    } catch (InvalidFeederException e) {
      throw switch (e.part()) {
        case BRANCH -> branches.error(branches.rows().get(e.ordinal()).line, e.problem());
        case LOAD -> loads.error(loads.rows().get(e.ordinal()).line, e.problem());
        case SETTINGS -> new FeederFormatException(json, 0, e.problem());
      };
    }
  }

  /**
   * Reads {@code DIR/ID} given as one path, as the CLI's {@code --feeder} option does;
   * {@code DIR/ID.m} (a MATPOWER case) is accepted too.
   */
  public static RadialFeeder read(Path directoryAndId) {
    Path directory = directoryAndId.getParent() == null ? Path.of(".") : directoryAndId.getParent();
    String name = directoryAndId.getFileName().toString();
    if (name.endsWith(".m") && Files.isRegularFile(directoryAndId)) {
      name = name.substring(0, name.length() - 2);
    }
    return read(directory, name);
  }

  /** Every feeder {@code ID.json} or MATPOWER case {@code ID.m} in the directory, by ascending id. */
  public static Map<String, RadialFeeder> readAll(Path directory) {
    List<String> ids = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      files.map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".json") || name.endsWith(".m"))
          .forEach(name -> ids.add(name.substring(0, name.lastIndexOf('.'))));
    } catch (java.nio.file.NoSuchFileException | java.nio.file.NotDirectoryException e) {
      throw new FeederFormatException(directory, 0, "feeder directory not found");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list feeder directory " + directory + ": "
          + e.getMessage(), e);
    }
    Map<String, RadialFeeder> feeders = new TreeMap<>();
    for (String id : ids) {
      feeders.putIfAbsent(id, read(directory, id)); // ID.json and ID.m: read() refuses the pair
    }
    return Collections.unmodifiableMap(feeders);
  }
}
