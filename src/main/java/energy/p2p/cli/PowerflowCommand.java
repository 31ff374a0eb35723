package energy.p2p.cli;

import energy.p2p.grid.BackwardForwardSweep;
import energy.p2p.grid.NewtonRaphsonSolver;
import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.PowerFlowSolver;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.io.FeederReader;
import energy.p2p.io.PowerFlowJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code powerflow}: one AC load flow on a feeder file, printed as one JSON object. */
@Command(
    name = "powerflow",
    mixinStandardHelpOptions = true,
    description = {
      "Runs an AC load flow on a feeder and prints one JSON object (docs/formats.md).",
      "Example: powerflow --feeder sample-data/feeders/ieee33 --inject 18=-500"
    })
public final class PowerflowCommand implements Callable<Integer> {

  private static final Pattern INJECT =
      Pattern.compile("(\\d+)=([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)");

  /** The two solvers; the sweep is the production one, Newton-Raphson the cross-check. */
  enum Solver { bfs, nr }

  @Option(names = "--feeder", required = true, paramLabel = "DIR/ID",
      description = "Feeder files DIR/ID.json, DIR/ID.branches.csv, DIR/ID.loads.csv.")
  Path feeder;

  @Option(names = "--inject", paramLabel = "BUS=KW",
      description = {"Extra LOAD at a bus, kW, on top of the base load (repeatable).",
          "Load sign convention: negative = injection, so 18=-500 injects 500 kW at bus 18."})
  List<String> injections = new ArrayList<>();

  @Option(names = "--solver", defaultValue = "bfs", paramLabel = "bfs|nr",
      description = "bfs: backward-forward sweep (default); nr: Newton-Raphson.")
  Solver solver;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    RadialFeeder radial = FeederReader.read(feeder);
    double[] injectionKw = injectionKw(radial, injections);
    PowerFlowSolver engine = solver == Solver.nr
        ? new NewtonRaphsonSolver(radial) : new BackwardForwardSweep(radial);
    PowerFlowResult result = engine.solve(injectionKw);
    spec.commandLine().getOut().println(PowerFlowJson.toJson(result));
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** Parses BUS=KW (extra load) into kW injected per bus index (the solver's sign). */
  static double[] injectionKw(RadialFeeder feeder, List<String> options) {
    double[] injectionKw = new double[feeder.busCount()];
    boolean[] seen = new boolean[feeder.busCount()];
    for (String option : options) {
      Matcher m = INJECT.matcher(option.trim());
      if (!m.matches()) {
        throw new IllegalArgumentException("--inject '" + option + "': expected BUS=KW, e.g."
            + " 18=-500 (kW of extra load; negative = injection)");
      }
      int bus;
      try {
        bus = Integer.parseInt(m.group(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--inject '" + option + "': bus number too large");
      }
      int index = feeder.indexOf(bus);
      if (index < 0) {
        throw new IllegalArgumentException("--inject '" + option + "': feeder "
            + feeder.feederId() + " has no bus " + bus);
      }
      if (index == 0) {
        throw new IllegalArgumentException("--inject '" + option + "': bus " + bus
            + " is the slack bus; power there does not flow through the feeder");
      }
      if (seen[index]) {
        throw new IllegalArgumentException("--inject '" + option + "': bus " + bus
            + " given twice");
      }
      seen[index] = true;
      injectionKw[index] = -Double.parseDouble(m.group(2));
    }
    return injectionKw;
  }
}
