package energy.p2p.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a subcommand into one clear line on standard error and exit code 1.
 * Input problems (bad files, bad values) are reported by message only; anything else also gets its
 * type, since it is a bug worth reporting.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    if (e instanceof IllegalArgumentException || e instanceof java.io.IOException
        || e instanceof java.io.UncheckedIOException) {
      cmd.getErr().println("error: " + message);
    } else {
      cmd.getErr().println("error: " + e.getClass().getSimpleName() + ": " + message + rootCause(e));
    }
    return 1;
  }

  /** " (cause: Type: message)" of the innermost cause: "Job execution failed." alone names nothing. */
  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? "" : " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
  }
}
