package energy.p2p.grid;

/**
 * A feeder description that does not make a radial network: a bad value, a loop, an island, a
 * duplicate branch, a load on an unknown bus. It says which element is wrong ({@link #part()} and
 * its {@link #ordinal()} in the order it was given to the {@link FeederBuilder}), so a reader of
 * feeder files can turn it into a file-and-line message.
 */
public final class InvalidFeederException extends IllegalArgumentException {

  /** Which list of the feeder description the offending element belongs to. */
  public enum Part { SETTINGS, BRANCH, LOAD }

  private final Part part;
  private final int ordinal;
  private final String problem;

  InvalidFeederException(Part part, int ordinal, String problem) {
    super(describe(part, ordinal, problem));
    this.part = part;
    this.ordinal = ordinal;
    this.problem = problem;
  }

  private static String describe(Part part, int ordinal, String problem) {
    return switch (part) {
      case SETTINGS -> problem;
      case BRANCH -> "branch #" + (ordinal + 1) + ": " + problem;
      case LOAD -> "load #" + (ordinal + 1) + ": " + problem;
    };
  }

  public Part part() {
    return part;
  }

  /** 0-based position of the branch or load in the order added; -1 for {@link Part#SETTINGS}. */
  public int ordinal() {
    return ordinal;
  }

  /** The problem alone, without the element's position. */
  public String problem() {
    return problem;
  }
}
