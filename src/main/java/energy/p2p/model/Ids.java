package energy.p2p.model;

/**
 * What an id (bidId, participantId, feederId, ...) may not contain: characters that are invisible
 * or change how the text around them reads — control characters (Unicode Cc: NUL, TAB, CR, LF,
 * ESC, DEL, C1), format characters (Cf: zero-width characters, bidi overrides that make an id
 * display as another, tags), line and paragraph separators, unpaired surrogates, and U+FFFD (text
 * already damaged by a lossy decoder upstream). Such an id would print, log and compare
 * differently from what an operator sees.
 */
public final class Ids {
  private Ids() {}

  /** Why {@code id} is not acceptable as the {@code field}, or null when it is. */
  public static String problem(String field, String id) {
    for (int i = 0, n = 1; i < id.length(); i += Character.charCount(id.codePointAt(i)), n++) {
      int c = id.codePointAt(i);
      String kind = refused(c);
      if (kind != null) {
        return field + " contains " + kind + " (U+" + String.format("%04X", c) + ") at character " + n
            + ": control and invisible characters are not allowed in ids";
      }
    }
    return null;
  }

  /** What kind of refused character {@code c} is, or null when it is allowed. */
  private static String refused(int c) {
    if (c == 0xFFFD) {
      return "the replacement character";
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL -> "a control character";
      case Character.FORMAT -> "an invisible format character";
      case Character.SURROGATE -> "an unpaired surrogate";
      case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> "a line or paragraph separator";
      default -> null;
    };
  }
}
