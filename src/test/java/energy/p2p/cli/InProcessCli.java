package energy.p2p.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Base of the command-line tests: runs {@link Main}'s command line in this JVM (no System.exit)
 * with standard output and error captured, as an operator would see them.
 */
abstract class InProcessCli {
  protected final StringWriter out = new StringWriter();
  protected final StringWriter err = new StringWriter();

  /** Runs one command line and returns its exit code; output accumulates in out and err. */
  protected int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
