package energy.p2p.cli;

import energy.p2p.grid.RadialFeeder;
import energy.p2p.io.FeederWriter;
import energy.p2p.io.MatpowerReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convert}: a MATPOWER case file to the project's feeder files (CSV + JSON settings). */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = {
      "Converts a MATPOWER case (.m: mpc.baseMVA, mpc.bus, mpc.branch) to the feeder files",
      "OUT/ID.json, ID.branches.csv, ID.loads.csv (ohm, kW; open ties left out; docs/formats.md).",
      "Example: convert --in sample-data/feeders-matpower/case33bw.m --out /tmp/feeders"
    })
public final class ConvertCommand implements Callable<Integer> {

  @Option(names = "--in", required = true, paramLabel = "CASE.m", description = "MATPOWER case file.")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Option(names = "--id", description = "Feeder id (default: the case file name without .m).")
  String id;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    String name = in.getFileName().toString();
    String feederId = id != null ? id : name.endsWith(".m") ? name.substring(0, name.length() - 2)
        : name;
    if (!feederId.matches("[A-Za-z0-9_.-]+") || feederId.startsWith(".")) {
      throw new IllegalArgumentException("feeder id '" + feederId
          + "': use letters, digits, '_', '-', '.' (give --id)");
    }
    if (!Files.isRegularFile(in)) {
      throw new IllegalArgumentException(in + ": file not found");
    }
    RadialFeeder feeder = MatpowerReader.read(in, feederId);
    FeederWriter.write(feeder, out);
    spec.commandLine().getOut().println("wrote " + out.resolve(feederId) + ".{json,branches.csv,"
        + "loads.csv}: " + feeder.busCount() + " buses, " + feeder.branchCount()
        + " branches in service, slack bus " + feeder.slackBusNumber() + ", " + feeder.baseKv()
        + " kV");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
