package energy.p2p.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point of {@code target/p2p-energy-trading.jar}. Each subcommand is a small class in
 * this package that turns arguments into options and calls the library; nothing else lives here.
 */
@Command(
    name = "p2p-energy-trading",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Network-aware peer-to-peer energy market on Apache Flink.",
    subcommands = {
      CommandLine.HelpCommand.class,
      PowerflowCommand.class,
      ReplayCommand.class,
      RunCommand.class,
      BenchReplayCommand.class,
      BenchLiveCommand.class,
      GenerateDayCommand.class,
      SynthFeederCommand.class,
      ClearCommand.class,
      GenerateBookCommand.class,
      ConvertCommand.class,
      ReportCommand.class,
      KeygenCommand.class,
      SignCommand.class,
      LedgerCommand.class,
    })
public final class Main {

  private Main() {}

  /** Builds the command line; tests call this to run subcommands in-process. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new ErrorHandler());
    return cli;
  }

  public static void main(String[] args) {
    int exit = commandLine().execute(args);
    if (ownsTheJvm()) {
      // Flink's MiniCluster and Kafka clients leave non-daemon threads behind: exit explicitly.
      System.exit(exit);
    } else if (exit != 0) {
      // Submitted to a cluster: the error above went to the JobManager's log; fail the submission.
      throw new IllegalStateException("p2p-energy-trading " + String.join(" ", args)
          + " failed with exit code " + exit + " (the reason is in the JobManager log)");
    }
  }

  /**
   * True under {@code java -jar}. A jar submitted to a Flink cluster (REST /jars/run, flink run,
   * application mode) runs this main inside the JobManager, loaded by Flink's user-code class
   * loader: System.exit there would take the JobManager down.
   */
  static boolean ownsTheJvm() {
    return Main.class.getClassLoader() == ClassLoader.getSystemClassLoader();
  }
}
