package energy.p2p.io;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV record (RFC 4180 quoting: "a,b" and doubled quotes ""), no multi-line fields. */
final class CsvLine {
  private CsvLine() {}

  /** The fields, or null when a quote is left open. */
  static List<String> split(String line) {
    List<String> fields = new ArrayList<>(12);
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(cur.toString().trim());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      return null;
    }
    fields.add(cur.toString().trim());
    return fields;
  }

  /** One field, quoted when it holds a comma, a quote or surrounding spaces. */
  static String quote(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.equals(value.trim())) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
