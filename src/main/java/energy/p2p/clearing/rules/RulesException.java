package energy.p2p.clearing.rules;

/** A rules file refused: the message names the file, the line (when known) and the key. */
public final class RulesException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  RulesException(String source, int line, String key, String problem) {
    super("rules " + source + (line > 0 ? " line " + line : "")
        + (key == null ? "" : ": key \"" + key + "\"") + ": " + problem);
  }
}
