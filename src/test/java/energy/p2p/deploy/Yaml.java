package energy.p2p.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** YAML documents of the deploy files as plain maps and lists (snakeyaml-engine, YAML 1.2). */
final class Yaml {
  private Yaml() {}

  static List<Map<String, Object>> all(Path file) throws IOException {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(file))) {
      docs.add(asMap(doc));
    }
    return docs;
  }

  static Map<String, Object> single(Path file) throws IOException {
    List<Map<String, Object>> docs = all(file);
    if (docs.size() != 1) {
      throw new IllegalStateException(file + " holds " + docs.size() + " documents, expected one");
    }
    return docs.get(0);
  }

  static Map<String, Object> parse(String yaml) {
    return asMap(new Load(LoadSettings.builder().build()).loadFromString(yaml));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) o;
  }

  static Map<String, Object> map(Map<String, Object> parent, String key) {
    return asMap(parent.get(key));
  }

  static Map<String, Object> mapOrEmpty(Map<String, Object> parent, String key) {
    return parent.containsKey(key) ? map(parent, key) : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Map<String, Object> parent, String key) {
    return (List<Object>) parent.get(key);
  }

  /**
   * YAML 1.1 merge keys ({@code <<: *anchor}), which Docker Compose honours and YAML 1.2 parsers keep as
   * a plain "<<" key: the anchored map's entries, under the map's own.
   */
  static Map<String, Object> withMergeKeys(Map<String, Object> map) {
    if (!map.containsKey("<<")) {
      return map;
    }
    Map<String, Object> merged = new LinkedHashMap<>();
    Object from = map.get("<<");
    for (Object m : from instanceof List<?> l ? l : List.of(from)) {
      merged.putAll(asMap(m));
    }
    map.forEach((k, v) -> {
      if (!k.equals("<<")) {
        merged.put(k, v);
      }
    });
    return merged;
  }

  /** A nested YAML map flattened to Flink's dotted keys ({@code a: {b: 1}} becomes {@code a.b = "1"}). */
  static Map<String, String> flatten(Map<String, Object> yaml) {
    Map<String, String> flat = new LinkedHashMap<>();
    flatten("", yaml, flat);
    return flat;
  }

  private static void flatten(String prefix, Map<String, Object> yaml, Map<String, String> out) {
    yaml.forEach((k, v) -> {
      if (v instanceof Map<?, ?> m) {
        flatten(prefix + k + ".", asMap(m), out);
      } else {
        out.put(prefix + k, String.valueOf(v));
      }
    });
  }
}
