package energy.p2p.io;

import energy.p2p.grid.RadialFeeder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a feeder as the three files {@link FeederReader} reads (docs/formats.md), so generated or
 * converted feeders can be used by every command. Numbers are written in Java's shortest
 * round-trip form, so reading the files back gives exactly the same feeder. Branches are written
 * in breadth-first order from the slack, each in the direction of its name; loads by ascending bus
 * number, buses without load omitted. {@code max_current_a} is written only if a branch is rated.
 */
public final class FeederWriter {

  private FeederWriter() {}

  /** Writes {@code DIR/ID.json}, {@code DIR/ID.branches.csv}, {@code DIR/ID.loads.csv}. */
  public static void write(RadialFeeder feeder, Path directory) {
    String id = feeder.feederId();
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve(id + ".json"), json(feeder), StandardCharsets.UTF_8);
      Files.writeString(directory.resolve(id + ".branches.csv"), branches(feeder),
          StandardCharsets.UTF_8);
      Files.writeString(directory.resolve(id + ".loads.csv"), loads(feeder),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write feeder " + id + " to " + directory + ": "
          + e.getMessage(), e);
    }
  }

  static String json(RadialFeeder f) {
    // feederId is a file name stem: no characters that need JSON escaping beyond these two
    String id = f.feederId().replace("\\", "\\\\").replace("\"", "\\\"");
    return "{\n  \"feederId\": \"" + id + "\",\n  \"baseKv\": " + f.baseKv()
        + ",\n  \"slackBus\": " + f.slackBusNumber()
        + ",\n  \"slackVoltagePu\": " + f.slackVoltagePu()
        + ",\n  \"vMinPu\": " + f.vMinPu() + ",\n  \"vMaxPu\": " + f.vMaxPu() + "\n}\n";
  }

  static String branches(RadialFeeder f) {
    boolean rated = false;
    for (int b = 0; b < f.branchCount(); b++) {
      rated |= Double.isFinite(f.branchMaxCurrentA(b));
    }
    StringBuilder out = new StringBuilder(40 * f.busCount());
    out.append("from_bus,to_bus,r_ohm,x_ohm").append(rated ? ",max_current_a\n" : "\n");
    for (int b = 0; b < f.branchCount(); b++) {
      out.append(f.branchName(b).replace('-', ',')).append(',')
          .append(f.branchROhm(b)).append(',').append(f.branchXOhm(b));
      if (rated) {
        double maxA = f.branchMaxCurrentA(b);
        out.append(',').append(Double.isFinite(maxA) ? Double.toString(maxA) : "");
      }
      out.append('\n');
    }
    return out.toString();
  }

  static String loads(RadialFeeder f) {
    StringBuilder out = new StringBuilder(24 * f.busCount());
    out.append("bus,p_kw,q_kvar\n");
    for (int rank = 0; rank < f.busCount(); rank++) {
      int i = f.indexInNumberOrder(rank);
      if (f.baseLoadKw(i) != 0 || f.baseLoadKvar(i) != 0) {
        out.append(f.busNumber(i)).append(',').append(f.baseLoadKw(i)).append(',')
            .append(f.baseLoadKvar(i)).append('\n');
      }
    }
    return out.toString();
  }
}
