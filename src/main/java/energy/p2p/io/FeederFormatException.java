package energy.p2p.io;

import java.nio.file.Path;

/**
 * A feeder file that cannot be used. The message always reads {@code FILE line N: PROBLEM} (or
 * {@code FILE: PROBLEM} when no single line is at fault), so an operator can go straight to it.
 */
public final class FeederFormatException extends IllegalArgumentException {

  private final Path file;
  private final int line;
  private final String problem;

  /** @param line 1-based line number, or 0 when the problem is not on one line */
  public FeederFormatException(Path file, int line, String problem) {
    super(file + (line > 0 ? " line " + line : "") + ": " + problem);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  public Path file() {
    return file;
  }

  /** 1-based line number, 0 when the problem concerns the whole file. */
  public int line() {
    return line;
  }

  public String problem() {
    return problem;
  }
}
