package energy.p2p.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The facts a manifest relies on, written down from a CRD or a JSON schema (src/test/resources/deploy/schema):
 * field paths with their types, enums, ranges, patterns. {@link #violations} walks a parsed YAML document and
 * names every field the facts do not know, every value of the wrong type and every value outside its enum.
 * Paths: {@code a.b} nested field, {@code a[]} array items, {@code a.*} values of a map.
 */
final class SchemaFacts {
  private final String source;
  private final Map<String, Object> fields;
  private final Map<String, Object> enums;
  private final Map<String, Object> ranges;
  private final Map<String, Object> patterns;
  private final Pattern extensions;
  private final String apiVersion;
  private final String kind;

  private SchemaFacts(Map<String, Object> yaml) {
    source = (String) yaml.get("source");
    fields = Yaml.mapOrEmpty(yaml, "fields");
    enums = Yaml.mapOrEmpty(yaml, "enums");
    ranges = Yaml.mapOrEmpty(yaml, "ranges");
    patterns = Yaml.mapOrEmpty(yaml, "patterns");
    extensions = yaml.containsKey("extensions") ? Pattern.compile((String) yaml.get("extensions")) : null;
    apiVersion = (String) yaml.get("apiVersion");
    kind = (String) yaml.get("kind");
  }

  static SchemaFacts load(String name) throws IOException {
    return new SchemaFacts(Yaml.single(Path.of("src/test/resources/deploy/schema", name)));
  }

  String source() {
    return source;
  }

  /** Every way {@code document} departs from the facts, each naming the field path; empty when it conforms. */
  List<String> violations(Map<String, Object> document) {
    List<String> out = new ArrayList<>();
    if (apiVersion != null && !(apiVersion.equals(document.get("apiVersion")) && kind.equals(document.get("kind")))) {
      out.add("apiVersion/kind: " + document.get("apiVersion") + " " + document.get("kind") + " where the schema is "
          + apiVersion + " " + kind);
    }
    walkMap("", Yaml.withMergeKeys(document), out);
    return out;
  }

  private void walk(String path, Object value, List<String> out) {
    String type = (String) fields.get(path);
    if (type == null) {
      out.add(path + ": not a field of the schema (" + source + ")");
      return;
    }
    if (!typeMatches(type, value)) {
      out.add(path + ": " + describe(value) + " where the schema has " + type);
      return;
    }
    checkValue(path, value, out);
    if (type.equals("preserve")) {
      return;
    }
    if (value instanceof Map<?, ?> map) {
      walkMap(path + ".", Yaml.withMergeKeys(Yaml.asMap(map)), out);
    } else if (value instanceof List<?> list) {
      for (Object item : list) {
        walk(path + "[]", item, out);
      }
    }
  }

  private void walkMap(String prefix, Map<String, Object> map, List<String> out) {
    for (Map.Entry<String, Object> e : map.entrySet()) {
      if (prefix.isEmpty() && extensions != null && extensions.matcher(e.getKey()).find()) {
        continue;
      }
      String named = prefix + e.getKey();
      String path = fields.containsKey(named) ? named : prefix + "*";
      walk(fields.containsKey(path) ? path : named, e.getValue(), out);
    }
  }

  private void checkValue(String path, Object value, List<String> out) {
    if (enums.containsKey(path) && !((List<?>) enums.get(path)).contains(String.valueOf(value))) {
      out.add(path + ": " + value + " is not one of " + enums.get(path));
    }
    if (ranges.containsKey(path) && value instanceof Number n) {
      List<?> r = (List<?>) ranges.get(path);
      if ((r.get(0) != null && n.longValue() < ((Number) r.get(0)).longValue())
          || (r.get(1) != null && n.longValue() > ((Number) r.get(1)).longValue())) {
        out.add(path + ": " + n + " is outside " + r);
      }
    }
    if (patterns.containsKey(path) && !Pattern.matches((String) patterns.get(path), String.valueOf(value))) {
      out.add(path + ": '" + value + "' does not match " + patterns.get(path));
    }
  }

  private static boolean typeMatches(String types, Object value) {
    for (String t : types.split("\\|")) {
      boolean ok = switch (t) {
        case "string" -> value instanceof String;
        case "integer" -> value instanceof Integer || value instanceof Long;
        case "number" -> value instanceof Number;
        case "boolean" -> value instanceof Boolean;
        case "object" -> value instanceof Map;
        case "array" -> value instanceof List;
        case "null" -> value == null;
        case "int-or-string" -> value instanceof Integer || value instanceof Long || value instanceof String;
        case "preserve" -> true;
        default -> throw new IllegalArgumentException("unknown type '" + t + "' in the schema facts");
      };
      if (ok) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName() + " '" + value + "'";
  }
}
