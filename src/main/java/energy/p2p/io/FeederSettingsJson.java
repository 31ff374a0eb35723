package energy.p2p.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import energy.p2p.grid.FeederBuilder;
import energy.p2p.grid.InvalidFeederException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code ID.json}: {@code {"feederId":"ID","baseKv":12.66,"slackVoltagePu":1.0,
 * "vMinPu":0.95,"vMaxPu":1.05,"slackBus":1}}, all but {@code baseKv} optional with these
 * defaults. Unknown fields are refused (a misspelt limit must not silently fall back to its
 * default). Streaming parse, so every error has the line of the field.
 */
final class FeederSettingsJson {

  static final List<String> FIELDS =
      List.of("feederId", "baseKv", "slackVoltagePu", "vMinPu", "vMaxPu", "slackBus");

  private FeederSettingsJson() {}

  /** The settings as a builder, ready for branches and loads. */
  static FeederBuilder read(Path file, String expectedId) {
    Map<String, Object> values = new HashMap<>();
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = new JsonFactory().createParser(file.toFile())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new FeederFormatException(file, line(parser), "expected a JSON object {...}");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        int line = line(parser);
        if (!FIELDS.contains(name)) {
          throw new FeederFormatException(file, line, "unknown field '" + name + "' (known: "
              + String.join(", ", FIELDS) + ")");
        }
        if (lines.put(name, line) != null) {
          throw new FeederFormatException(file, line, "field '" + name + "' twice");
        }
        values.put(name, value(file, parser, name));
      }
      if (parser.nextToken() != null) {
        throw new FeederFormatException(file, line(parser), "content after the JSON object");
      }
    } catch (JsonProcessingException e) {
      throw new FeederFormatException(file, e.getLocation() == null ? 0
          : e.getLocation().getLineNr(), "bad JSON: " + e.getOriginalMessage());
    } catch (java.io.FileNotFoundException | NoSuchFileException e) {
      throw new FeederFormatException(file, 0, "file not found");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return builder(file, expectedId, values, lines);
  }

  private static Object value(Path file, JsonParser parser, String name) throws IOException {
    JsonToken token = parser.nextToken();
    if (name.equals("feederId")) {
      if (token != JsonToken.VALUE_STRING) {
        throw new FeederFormatException(file, line(parser), "feederId must be a string");
      }
      return parser.getText();
    }
    if (name.equals("slackBus")) {
      if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType()
          != JsonParser.NumberType.INT) {
        throw new FeederFormatException(file, line(parser), "slackBus must be an integer bus"
            + " number, got " + parser.getText());
      }
      return parser.getIntValue();
    }
    if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
      throw new FeederFormatException(file, line(parser), name + " must be a number, got "
          + parser.getText());
    }
    return parser.getDoubleValue();
  }

  private static FeederBuilder builder(Path file, String expectedId, Map<String, Object> values,
      Map<String, Integer> lines) {
    String id = (String) values.getOrDefault("feederId", expectedId);
    if (!id.equals(expectedId)) {
      throw new FeederFormatException(file, lines.get("feederId"), "feederId '" + id
          + "' differs from the file name '" + expectedId + "'");
    }
    if (!values.containsKey("baseKv")) {
      throw new FeederFormatException(file, 0, "missing field 'baseKv' (kV, line to line)");
    }
    String field = "baseKv";
    try {
      FeederBuilder builder = new FeederBuilder(id, (Double) values.get("baseKv"));
      field = "slackBus";
      builder.slackBus((Integer) values.getOrDefault(field, 1));
      field = "slackVoltagePu";
      builder.slackVoltagePu((Double) values.getOrDefault(field, 1.0));
      field = values.containsKey("vMaxPu") ? "vMaxPu" : "vMinPu";
      builder.voltageLimitsPu((Double) values.getOrDefault("vMinPu", 0.95),
          (Double) values.getOrDefault("vMaxPu", 1.05));
      return builder;
    } catch (InvalidFeederException e) {
      throw new FeederFormatException(file, lines.getOrDefault(field, 0), e.problem());
    }
  }

  private static int line(JsonParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }
}
