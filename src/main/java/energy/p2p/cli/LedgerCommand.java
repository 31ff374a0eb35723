package energy.p2p.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ledger}: tools for the tamper-evident trade ledger. */
@Command(name = "ledger", mixinStandardHelpOptions = true, subcommands = {LedgerVerifyCommand.class},
    description = "Tools for the hash-chained trade ledger (see 'ledger verify --help').")
public final class LedgerCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: verify");
  }
}
