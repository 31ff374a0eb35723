package energy.p2p.clearing.rules;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import energy.p2p.clearing.ClearingConfig;
import energy.p2p.clearing.CompromiseRule;
import energy.p2p.clearing.Objective;
import energy.p2p.clearing.ObjectiveSet;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a rules file (docs/formats.md, "Rules file"): one JSON object whose keys are rule names,
 * plus {@code "feeders": {"ID": {…}}} for per-feeder overrides and {@code "_comment"} (a string,
 * ignored) at any level, since JSON has no comments. Strict: an unknown key, a repeated key, a
 * value of the wrong type or out of range is refused with the file, line and key. The hash in
 * every report is SHA-256 over the canonical form ({@link #canonical}): keys sorted, comments
 * dropped, no whitespace, numbers in Java's shortest form, so reformatting or commenting a file
 * does not change it.
 */
public final class RulesFile {
  /** The rule keys, in canonical (sorted) order. */
  public static final List<String> KEYS = List.of("compromiseRule", "compromiseWeights",
      "convergenceGenerations", "convergenceTolerance", "gridFeePerKwhPerOhm", "maxEvaluations",
      "maxWelfareLossPercent", "minShareHigh", "minShareStandard", "minShareUltraHigh",
      "objectives", "populationSize");
  static final String WEIGHTS = "compromiseWeights";
  static final String FEEDERS = "feeders";
  static final String COMMENT = "_comment";
  private static final JsonFactory JSON = new JsonFactory()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private RulesFile() {}

  /** Reads and checks a rules file. */
  public static MarketRules read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("rules file not found: " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("rules " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /** Parses rules text; {@code source} names it in errors. */
  public static MarketRules parse(String text, String source) {
    Map<String, Object> top;
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new RulesException(source, line(p), null, "a rules file is one JSON object");
      }
      top = object(p, source, true);
      if (p.nextToken() != null) {
        throw new RulesException(source, line(p), null, "text after the rules object");
      }
    } catch (JsonParseException e) {
      throw new RulesException(source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
          null, "bad JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RuleValues defaults = values(top, source, "");
    Map<String, RuleValues> feeders = new TreeMap<>();
    @SuppressWarnings("unchecked")
    Map<String, Object> perFeeder = (Map<String, Object>) top.get(FEEDERS);
    if (perFeeder != null) {
      for (Map.Entry<String, Object> e : perFeeder.entrySet()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> own = (Map<String, Object>) e.getValue();
        feeders.put(e.getKey(), values(own, source, FEEDERS + "." + e.getKey() + "."));
      }
    }
    String canonical = canonical(defaults, feeders);
    MarketRules rules = new MarketRules(sha256(canonical), defaults, feeders);
    // every combination must make a valid configuration (shares adding up, budget vs population)
    check(rules, null, source);
    for (String id : feeders.keySet()) {
      check(rules, id, source);
    }
    return rules;
  }

  /** A parsed value with the line of its key. */
  private record At(Object value, int line) {}

  /**
   * An object's entries (key → {@link At}); nested {@code feeders} objects are read as maps of
   * feeder id → entries. Comments are checked (must be strings) and dropped.
   */
  private static Map<String, Object> object(JsonParser p, String source, boolean top)
      throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      int line = line(p);
      JsonToken t = p.nextToken();
      if (key.startsWith(COMMENT)) {
        if (t != JsonToken.VALUE_STRING) {
          throw new RulesException(source, line, key, "a comment must be a string");
        }
        continue;
      }
      if (top && key.equals(FEEDERS)) {
        out.put(key, feeders(p, source, line));
        continue;
      }
      if (!KEYS.contains(key)) {
        throw new RulesException(source, line, key, "unknown key (rule keys: " + KEYS
            + (top ? ", \"feeders\"" : "") + ", \"_comment\")");
      }
      out.put(key, new At(scalarOrArray(p, t, source, line, key), line));
    }
    return out;
  }

  private static Map<String, Object> feeders(JsonParser p, String source, int line)
      throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new RulesException(source, line, FEEDERS, "must be an object {\"FEEDER_ID\": {...}}");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String id = p.currentName();
      int at = line(p);
      JsonToken t = p.nextToken();
      if (id.startsWith(COMMENT) && t == JsonToken.VALUE_STRING) {
        continue;
      }
      if (t != JsonToken.START_OBJECT) {
        throw new RulesException(source, at, FEEDERS + "." + id, "must be an object of rules");
      }
      out.put(id, object(p, source, false));
    }
    return out;
  }

  private static Object scalarOrArray(JsonParser p, JsonToken t, String source, int line,
      String key) throws IOException {
    switch (t) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT:
        return p.getDecimalValue();
      case VALUE_STRING:
        return p.getText();
      case START_OBJECT:
        if (!key.equals(WEIGHTS)) {
          throw new RulesException(source, line, key, "must be a number, a name or an array of"
              + " names, got an object");
        }
        return weights(p, source);
      case START_ARRAY:
        List<Object> items = new ArrayList<>();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          if (e != JsonToken.VALUE_STRING) {
            throw new RulesException(source, line(p), key, "must be an array of names");
          }
          items.add(p.getText());
        }
        return items;
      default:
        throw new RulesException(source, line, key, "must be a number, a name or an array of"
            + " names, got " + p.getText());
    }
  }

  /** {"OBJECTIVE": number, …} as given (names and values are checked in {@link #values}). */
  private static Map<String, At> weights(JsonParser p, String source) throws IOException {
    Map<String, At> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      int line = line(p);
      JsonToken t = p.nextToken();
      if (name.startsWith(COMMENT) && t == JsonToken.VALUE_STRING) {
        continue;
      }
      if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
        throw new RulesException(source, line, WEIGHTS + "." + name, "must be a number >= 0,"
            + " got " + (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY
                ? "a " + t : p.getText()));
      }
      out.put(name, new At(p.getDecimalValue(), line));
    }
    return out;
  }

  private static RuleValues values(Map<String, Object> m, String source, String prefix) {
    return new RuleValues(
        number(m, "gridFeePerKwhPerOhm", source, prefix, 0, Double.MAX_VALUE, "a number >= 0"),
        number(m, "minShareStandard", source, prefix, 0, 1, "a share in [0, 1]"),
        number(m, "minShareHigh", source, prefix, 0, 1, "a share in [0, 1]"),
        number(m, "minShareUltraHigh", source, prefix, 0, 1, "a share in [0, 1]"),
        compromise(m, source, prefix),
        integer(m, "populationSize", source, prefix, 4, "an even whole number >= 4", true),
        integer(m, "maxEvaluations", source, prefix, 4, "a whole number >= populationSize", false),
        integer(m, "convergenceGenerations", source, prefix, 1, "a whole number >= 1", false),
        number(m, "convergenceTolerance", source, prefix, 0, Math.nextDown(1.0),
            "a number in [0, 1)"),
        objectives(m, source, prefix),
        weights(m, source, prefix),
        number(m, "maxWelfareLossPercent", source, prefix, 0, 100, "a percentage in [0, 100]"));
  }

  private static Map<Objective, Double> weights(Map<String, Object> m, String source,
      String prefix) {
    At at = (At) m.get(WEIGHTS);
    if (at == null) {
      return null;
    }
    @SuppressWarnings("unchecked")
    Map<String, At> given = (Map<String, At>) at.value();
    Map<Objective, Double> out = new EnumMap<>(Objective.class);
    for (Map.Entry<String, At> e : given.entrySet()) {
      String key = prefix + WEIGHTS + "." + e.getKey();
      Objective o = objective(e.getKey(), source, e.getValue().line(), key);
      double w = ((java.math.BigDecimal) e.getValue().value()).doubleValue();
      if (!(w >= 0) || !Double.isFinite(w)) {
        throw new RulesException(source, e.getValue().line(), key, "must be a number >= 0, got "
            + e.getValue().value());
      }
      out.put(o, w);
    }
    if (out.isEmpty()) {
      throw new RulesException(source, at.line(), prefix + WEIGHTS, "names no objective (leave"
          + " it out for equal weights)");
    }
    return out;
  }

  private static Objective objective(Object name, String source, int line, String key) {
    return Arrays.stream(Objective.values()).filter(v -> v.name().equals(name)).findFirst()
        .orElseThrow(() -> new RulesException(source, line, key, "unknown objective " + name
            + " (objectives: " + Arrays.toString(Objective.values()) + ")"));
  }

  private static Double number(Map<String, Object> m, String key, String source, String prefix,
      double min, double max, String what) {
    At at = (At) m.get(key);
    if (at == null) {
      return null;
    }
    if (!(at.value() instanceof java.math.BigDecimal d)) {
      throw new RulesException(source, at.line(), prefix + key, "must be " + what + ", got \""
          + at.value() + "\"");
    }
    double v = d.doubleValue();
    if (!(v >= min && v <= max) || !Double.isFinite(v)) {
      throw new RulesException(source, at.line(), prefix + key, "must be " + what + ", got " + d);
    }
    return v;
  }

  private static Integer integer(Map<String, Object> m, String key, String source, String prefix,
      int min, String what, boolean even) {
    At at = (At) m.get(key);
    if (at == null) {
      return null;
    }
    if (!(at.value() instanceof java.math.BigDecimal d) || d.stripTrailingZeros().scale() > 0
        || d.compareTo(java.math.BigDecimal.valueOf(min)) < 0
        || d.compareTo(java.math.BigDecimal.valueOf(10_000_000)) > 0
        || (even && d.intValue() % 2 != 0)) {
      throw new RulesException(source, at.line(), prefix + key, "must be " + what + ", got "
          + at.value());
    }
    return d.intValue();
  }

  private static CompromiseRule compromise(Map<String, Object> m, String source, String prefix) {
    At at = (At) m.get("compromiseRule");
    if (at == null) {
      return null;
    }
    for (CompromiseRule r : CompromiseRule.values()) {
      if (r.name().equals(at.value())) {
        return r;
      }
    }
    throw new RulesException(source, at.line(), prefix + "compromiseRule", "must be one of "
        + Arrays.toString(CompromiseRule.values()) + ", got " + at.value());
  }

  private static List<Objective> objectives(Map<String, Object> m, String source, String prefix) {
    At at = (At) m.get("objectives");
    if (at == null) {
      return null;
    }
    String key = prefix + "objectives";
    if (!(at.value() instanceof List<?> names)) {
      throw new RulesException(source, at.line(), key, "must be an array of objective names");
    }
    List<Objective> out = new ArrayList<>();
    for (Object name : names) {
      out.add(objective(name, source, at.line(), key));
    }
    String problem = ObjectiveSet.problem(out);
    if (problem != null) {
      throw new RulesException(source, at.line(), key, problem);
    }
    return out;
  }

  private static void check(MarketRules rules, String feederId, String source) {
    try {
      rules.clearingFor(ClearingConfig.defaults(), feederId);
    } catch (IllegalArgumentException e) {
      String where = feederId == null ? "" : FEEDERS + "." + feederId;
      throw new RulesException(source, 0, where.isEmpty() ? null : where,
          e.getMessage().replaceFirst("^clearing config: ", "")
              + " (with the built-in defaults for keys not set)");
    }
  }

  /**
   * The canonical JSON: {rule keys sorted, then "feeders" with ids sorted, each with its keys
   * sorted}; only keys that are set; no comments, no whitespace.
   */
  static String canonical(RuleValues defaults, Map<String, RuleValues> feeders) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      fields(g, defaults);
      if (!feeders.isEmpty()) {
        g.writeObjectFieldStart(FEEDERS);
        for (Map.Entry<String, RuleValues> e : new TreeMap<>(feeders).entrySet()) {
          g.writeObjectFieldStart(e.getKey());
          fields(g, e.getValue());
          g.writeEndObject();
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void fields(JsonGenerator g, RuleValues v) throws IOException {
    // alphabetical, as KEYS
    if (v.compromiseRule() != null) {
      g.writeStringField("compromiseRule", v.compromiseRule().name());
    }
    if (v.compromiseWeights() != null) {
      g.writeObjectFieldStart(WEIGHTS);
      for (Map.Entry<String, Objective> e : byName(v.compromiseWeights()).entrySet()) {
        g.writeNumberField(e.getKey(), v.compromiseWeights().get(e.getValue()));
      }
      g.writeEndObject();
    }
    if (v.convergenceGenerations() != null) {
      g.writeNumberField("convergenceGenerations", v.convergenceGenerations());
    }
    if (v.convergenceTolerance() != null) {
      g.writeNumberField("convergenceTolerance", v.convergenceTolerance());
    }
    if (v.gridFeePerKwhPerOhm() != null) {
      g.writeNumberField("gridFeePerKwhPerOhm", v.gridFeePerKwhPerOhm());
    }
    if (v.maxEvaluations() != null) {
      g.writeNumberField("maxEvaluations", v.maxEvaluations());
    }
    if (v.maxWelfareLossPercent() != null) {
      g.writeNumberField("maxWelfareLossPercent", v.maxWelfareLossPercent());
    }
    if (v.minShareHigh() != null) {
      g.writeNumberField("minShareHigh", v.minShareHigh());
    }
    if (v.minShareStandard() != null) {
      g.writeNumberField("minShareStandard", v.minShareStandard());
    }
    if (v.minShareUltraHigh() != null) {
      g.writeNumberField("minShareUltraHigh", v.minShareUltraHigh());
    }
    if (v.objectives() != null) {
      g.writeArrayFieldStart("objectives");
      for (Objective o : v.objectives()) {
        g.writeString(o.name());
      }
      g.writeEndArray();
    }
    if (v.populationSize() != null) {
      g.writeNumberField("populationSize", v.populationSize());
    }
  }

  /** Objective name → objective (sorted by name for the canonical form). */
  private static Map<String, Objective> byName(Map<Objective, Double> weights) {
    Map<String, Objective> out = new TreeMap<>();
    weights.keySet().forEach(o -> out.put(o.name(), o));
    return out;
  }

  /** The canonical JSON of loaded rules (what {@link MarketRules#hash()} is computed over). */
  public static String canonical(MarketRules rules) {
    Map<String, RuleValues> feeders = new TreeMap<>();
    for (String id : rules.feederIds()) {
      feeders.put(id, rules.overrides(id));
    }
    return canonical(rules.defaults(), feeders);
  }

  static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static int line(JsonParser p) {
    return p.currentLocation().getLineNr();
  }
}
