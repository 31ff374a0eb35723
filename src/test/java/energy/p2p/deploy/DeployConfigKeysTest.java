package energy.p2p.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.cli.FlinkConfigDefaults;
import energy.p2p.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.util.TimeUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every key of every Flink configuration under deploy/ — the FlinkDeployment's flinkConfiguration, the compose
 * file's FLINK_PROPERTIES, deploy/local-cluster/conf/config.yaml — is a real Flink 2.2 ConfigOption
 * (enumerated by reflection from the Flink jars on the test classpath) whose value parses as that option's
 * type, an operator key of the named operator release, or a p2p.* key of {@code run}. A misspelt key fails.
 */
class DeployConfigKeysTest {
  private static FlinkOptions flink;
  private static Map<String, String> operatorKeys;
  private static Set<String> runKeys;

  @BeforeAll
  static void catalogue() throws IOException {
    flink = FlinkOptions.fromClasspath();
    Map<String, Object> facts = Yaml.single(Path.of("src/test/resources/deploy/schema/flink-operator-config.yaml"));
    operatorKeys = new TreeMap<>();
    Yaml.map(facts, "keys").forEach((k, v) -> operatorKeys.put(k, (String) v));
    runKeys = Main.commandLine().getSubcommands().get("run").getCommandSpec().options().stream()
        .filter(FlinkConfigDefaults::configurable).map(FlinkConfigDefaults::key).collect(Collectors.toSet());
  }

  @Test
  void theCatalogueHoldsFlinksOptions() {
    assertTrue(flink.size() > 500, "only " + flink.size() + " ConfigOptions found on the classpath");
    assertTrue(flink.knows("execution.checkpointing.interval") && flink.knows("state.backend.rocksdb.localdir"));
  }

  @Test
  void flinkDeploymentConfigurationKeysAreReal() throws IOException {
    Map<String, Object> spec = Yaml.map(Yaml.single(Path.of("deploy/kubernetes/flink-deployment.yaml")), "spec");
    assertNoProblems("flink-deployment.yaml spec.flinkConfiguration", stringValues(Yaml.map(spec, "flinkConfiguration")));
  }

  @Test
  void composeFlinkPropertiesKeysAreReal() throws IOException {
    Map<String, Object> compose = Yaml.single(Path.of("deploy/compose/docker-compose.yml"));
    String properties = (String) Yaml.map(compose, "x-flink-config").get("FLINK_PROPERTIES");
    assertNoProblems("docker-compose.yml FLINK_PROPERTIES", Yaml.flatten(Yaml.parse(properties)));
  }

  @Test
  void localClusterConfigKeysAreReal() throws IOException {
    String template = Files.readString(Path.of("deploy/local-cluster/conf/config.yaml"))
        .replace("${WORK}", "/tmp/work").replace("${REST_PORT}", "18081").replace("${RPC_PORT}", "16123");
    assertNoProblems("deploy/local-cluster/conf/config.yaml", Yaml.flatten(Yaml.parse(template)));
  }

  @Test
  void aMisspeltKeyADeprecatedKeyAndABadValueAreCaught() {
    List<String> p = problems(Map.of("execution.checkpointing.intervall", "10s", "state.checkpoints.dir", "file:///x",
        "execution.checkpointing.interval", "ten seconds", "kubernetes.operator.periodic.savepoint.intervall", "6h",
        "p2p.frame-minute", "15", "metrics.reporter.prom.prot", "9249"));
    assertEquals(6, p.size(), p.toString());
  }

  private static void assertNoProblems(String where, Map<String, String> conf) {
    assertEquals(List.of(), problems(conf), where);
  }

  private static List<String> problems(Map<String, String> conf) {
    List<String> out = new ArrayList<>();
    new TreeMap<>(conf).forEach((key, value) -> problem(key, value).ifPresent(out::add));
    return out;
  }

  private static Optional<String> problem(String key, String value) {
    if (key.startsWith(FlinkConfigDefaults.PREFIX)) {
      return runKeys.contains(key) ? Optional.empty() : Optional.of(key + ": not an option of run " + runKeys);
    }
    if (key.startsWith("kubernetes.operator.")) {
      String type = operatorKeys.get(key);
      return type == null ? Optional.of(key + ": not an operator option in the facts") : operatorValue(key, type, value);
    }
    return flink.problem(key, value);
  }

  private static Optional<String> operatorValue(String key, String type, String value) {
    try {
      switch (type) {
        case "duration" -> TimeUtils.parseDuration(value);
        case "integer" -> Integer.parseInt(value);
        case "boolean" -> {
          if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("not true/false");
          }
        }
        default -> throw new IllegalArgumentException("unknown type " + type);
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(key + ": '" + value + "' is not a " + type);
    }
  }

  private static Map<String, String> stringValues(Map<String, Object> yaml) {
    Map<String, String> out = new TreeMap<>();
    yaml.forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

}
