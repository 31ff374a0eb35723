package energy.p2p.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every {@code run} option can come from the Flink configuration ({@code p2p.<option>}), an explicit
 * argument wins, and docs/operations.md's table lists exactly the options picocli knows, with their keys
 * and defaults (so the table cannot fall behind when an option is added).
 */
class RunOptionsFromConfigTest {
  private static final Path OPERATIONS = Path.of("docs/operations.md");
  private static final Map<String, String> KAFKA = Map.of("p2p.bootstrap-servers", "kafka:9092", "p2p.feeders", "/feeders");

  private static RunCommand parse(Map<String, String> conf, String... args) {
    RunCommand run = new RunCommand();
    CommandLine cli = new CommandLine(run);
    cli.setDefaultValueProvider(new FlinkConfigDefaults(Configuration.fromMap(conf)));
    cli.parseArgs(args);
    return run;
  }

  private static Map<String, String> with(Map<String, String> base, String... keyValues) {
    Map<String, String> m = new TreeMap<>(base);
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  @Test
  void requiredOptionsMayComeFromTheConfiguration() {
    RunCommand run = parse(KAFKA);
    assertEquals("kafka:9092", run.bootstrapServers);
    assertEquals(Path.of("/feeders"), run.feeders);
  }

  @Test
  void configurationSetsOptionsOfTheCommandAndOfItsMixins() {
    RunCommand run = parse(with(KAFKA, "p2p.frame-minutes", "30", "p2p.checkpoint-interval", "45s",
        "p2p.require-signatures", "false", "p2p.retail-price", "0.41", "p2p.bounded", "true"));
    assertEquals(30, run.jobArgs.frameMinutes);
    assertEquals(Duration.ofSeconds(45), run.checkpointInterval);
    assertFalse(run.requireSignatures);
    assertEquals(new BigDecimal("0.41"), run.integrityArgs.retailPrice);
    assertTrue(run.bounded);
  }

  @Test
  void explicitArgumentsWinOverTheConfiguration() {
    RunCommand run = parse(with(KAFKA, "p2p.frame-minutes", "30", "p2p.require-signatures", "false"),
        "--bootstrap-servers", "other:9092", "--frame-minutes", "5", "--require-signatures");
    assertEquals("other:9092", run.bootstrapServers);
    assertEquals(5, run.jobArgs.frameMinutes);
    assertTrue(run.requireSignatures);
  }

  @Test
  void optionsInNeitherPlaceKeepTheirAnnotatedDefaults() {
    RunCommand run = parse(KAFKA);
    assertEquals(15, run.jobArgs.frameMinutes);
    assertEquals(Duration.ofSeconds(1), run.checkpointInterval);
    assertTrue(run.requireSignatures);
    assertEquals("bids", run.bidsTopic);
  }

  @Test
  void aRequiredOptionInNeitherPlaceIsStillAnError() {
    var e = assertThrows(CommandLine.MissingParameterException.class, () -> parse(Map.of("p2p.feeders", "/f")));
    assertTrue(e.getMessage().contains("--bootstrap-servers"), e.getMessage());
  }

  @Test
  void aMisspeltKeyStopsTheJobNamingTheKey() {
    Exception e = assertThrows(Exception.class, () -> parse(with(KAFKA, "p2p.frame-minute", "30")));
    String message = rootMessage(e);
    assertTrue(message.contains("p2p.frame-minute") && message.contains("p2p.frame-minutes"), message);
  }

  @Test
  void aBadValueNamesTheOption() {
    var e = assertThrows(CommandLine.ParameterException.class,
        () -> parse(with(KAFKA, "p2p.frame-minutes", "quarter")));
    assertTrue(e.getMessage().contains("--frame-minutes") && e.getMessage().contains("quarter"), e.getMessage());
  }

  @Test
  void operationsTableListsEveryRunOptionWithItsKeyAndDefault() throws IOException {
    Map<String, List<String>> documented = documentedOptions();
    Map<String, List<String>> model = new TreeMap<>();
    for (OptionSpec o : Main.commandLine().getSubcommands().get("run").getCommandSpec().options()) {
      if (FlinkConfigDefaults.configurable(o)) {
        model.put(o.longestName(), List.of(FlinkConfigDefaults.key(o), expectedDefault(o)));
      }
    }
    assertEquals(model, documented, "docs/operations.md `run` option table vs the picocli model of run "
        + "(option -> [config key, default]); add a row for each new option");
  }

  /** What the table shows as default: "required", the annotated default, "false" for flags, else "none". */
  private static String expectedDefault(OptionSpec o) {
    if (o.required()) {
      return "required";
    }
    if (o.defaultValue() != null) {
      return o.defaultValue();
    }
    return o.type() == boolean.class ? "false" : "none";
  }

  /** Rows of the run-option table: | `--option` | `p2p.key` | `default` | what |. */
  private static Map<String, List<String>> documentedOptions() throws IOException {
    Map<String, List<String>> rows = new TreeMap<>();
    List<String> bad = new ArrayList<>();
    for (String line : Files.readAllLines(OPERATIONS)) {
      if (!line.startsWith("| `--")) {
        continue;
      }
      String[] cells = line.split("\\|");
      if (cells.length < 4) {
        bad.add(line);
        continue;
      }
      rows.put(unquote(cells[1]), List.of(unquote(cells[2]), unquote(cells[3])));
    }
    assertEquals(List.of(), bad, "malformed rows in " + OPERATIONS);
    return rows;
  }

  private static String unquote(String cell) {
    return cell.trim().replace("`", "");
  }

  private static String rootMessage(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append(" | ");
    }
    return all.toString();
  }
}
