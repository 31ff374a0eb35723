package energy.p2p.cli;

import energy.p2p.grid.RadialFeeder;
import energy.p2p.io.FeederWriter;
import energy.p2p.synth.RandomFeederGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code synth-feeder}: writes a seeded random radial feeder in the feeder file format. */
@Command(
    name = "synth-feeder",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a seeded random radial feeder (OUT/ID.json, .branches.csv, .loads.csv):",
      "shuffled bus numbers, random branch directions, loads scaled to a target voltage drop.",
      "Example: synth-feeder --id r2000 --buses 2000 --seed 7 --ratings --out /tmp/feeders"
    })
public final class SynthFeederCommand implements Callable<Integer> {

  @Option(names = "--id", required = true, description = "Feeder id (file name stem).")
  String id;

  @Option(names = "--buses", required = true, description = "Number of buses incl. the slack.")
  int buses;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--ratings", description = "Give every branch a max_current_a.")
  boolean ratings;

  @Option(names = "--max-drop-pu", defaultValue = "0.05",
      description = "Base-case voltage drop to the farthest bus, p.u. (default ${DEFAULT-VALUE}).")
  double maxDropPu;

  @Option(names = "--base-kv", defaultValue = "12.66",
      description = "Base voltage, kV line to line (default ${DEFAULT-VALUE}).")
  double baseKv;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (!id.matches("[A-Za-z0-9_.-]+") || id.startsWith(".")) {
      throw new IllegalArgumentException("--id '" + id + "': use letters, digits, '_', '-', '.'");
    }
    RadialFeeder feeder = new RandomFeederGenerator(seed).withRatings(ratings)
        .maxVoltageDropPu(maxDropPu).baseKv(baseKv).generate(id, buses);
    FeederWriter.write(feeder, out);
    spec.commandLine().getOut().println("wrote " + out.resolve(id) + ".{json,branches.csv,"
        + "loads.csv}: " + feeder.busCount() + " buses, slack bus " + feeder.slackBusNumber());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
