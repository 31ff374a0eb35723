package energy.p2p.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The deployment files under deploy/ parse as YAML, and their Flink settings are read by Flink's
 * own option definitions as intended (a misspelt key would silently fall back to a default).
 */
class DeployManifestsTest {
  private static final Path DEPLOY = Path.of("deploy");
  private static final Set<String> TOPICS = Set.of("bids", "allocations", "clearing-reports",
      "rejected-bids", "ledger", "settlements", "meter-readings");
  private static final Set<String> OUTPUTS = Set.of("allocations", "clearing-reports", "rejected-bids",
      "ledger", "settlements");

  @Test
  void flinkDeploymentRunsTheJarInApplicationModeWithSavepointUpgrades() throws IOException {
    Map<String, Object> deployment = single(DEPLOY.resolve("kubernetes/flink-deployment.yaml"));
    assertEquals("FlinkDeployment", deployment.get("kind"));
    Map<String, Object> job = map(map(deployment, "spec"), "job");
    assertEquals("local:///opt/flink/usrlib/p2p-energy-trading.jar", job.get("jarURI"));
    assertEquals("energy.p2p.cli.Main", job.get("entryClass"));
    assertEquals("run", list(job, "args").get(0));
    assertEquals("savepoint", job.get("upgradeMode"));
    assertTrue((Integer) job.get("parallelism") > 1);
    Map<String, Object> taskManager = map(map(deployment, "spec"), "taskManager");
    assertTrue(map(taskManager, "resource").containsKey("memory"));
    assertTrue(map(taskManager, "resource").containsKey("cpu"));
  }

  @Test
  void flinkDeploymentCheckpointsExactlyOnceToDurableStorage() throws IOException {
    Map<String, Object> spec = map(single(DEPLOY.resolve("kubernetes/flink-deployment.yaml")), "spec");
    Configuration conf = flinkConfiguration(map(spec, "flinkConfiguration"));
    assertProductionState(conf);
    assertTrue(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY).startsWith("s3://"));
    assertTrue(conf.get(CheckpointingOptions.SAVEPOINT_DIRECTORY).startsWith("s3://"));
    assertEquals("exponential-delay", conf.get(RestartStrategyOptions.RESTART_STRATEGY));
    assertEquals("org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
        conf.getString("metrics.reporter.prom.factory.class", null));
  }

  @Test
  void kafkaTopicsDeclareEveryTopicOfTheMarketWithBrokerStampedOutputs() throws IOException {
    Set<String> names = new TreeSet<>();
    for (Map<String, Object> topic : all(DEPLOY.resolve("kubernetes/kafka-topics.yaml"))) {
      assertEquals("KafkaTopic", topic.get("kind"));
      Map<String, Object> metadata = map(topic, "metadata");
      assertEquals("p2p-kafka", map(metadata, "labels").get("strimzi.io/cluster"));
      assertTrue((Integer) map(topic, "spec").get("partitions") > 0);
      names.add((String) metadata.get("name"));
      if (OUTPUTS.contains(metadata.get("name"))) {
        // the job's records carry event times; the broker must not refuse future ones
        assertEquals("LogAppendTime", map(map(topic, "spec"), "config").get("message.timestamp.type"));
      }
    }
    assertEquals(new TreeSet<>(TOPICS), names);
  }

  @Test
  void composeStartsKraftKafkaAndTheJobOnTheOfficialFlinkImage() throws IOException {
    Map<String, Object> compose = single(DEPLOY.resolve("compose/docker-compose.yml"));
    Map<String, Object> services = map(compose, "services");
    Map<String, Object> kafkaEnv = map(map(services, "kafka"), "environment");
    assertEquals("broker,controller", kafkaEnv.get("KAFKA_PROCESS_ROLES"));
    Map<String, Object> jobManager = map(services, "jobmanager");
    assertTrue(((String) jobManager.get("image")).startsWith("flink:2.2"));
    List<Object> command = list(jobManager, "command");
    assertEquals("standalone-job", command.get(0));
    assertTrue(command.contains("energy.p2p.cli.Main") && command.contains("run"));
    assertEquals(2, map(map(services, "taskmanager"), "deploy").get("replicas"));
    String properties = (String) map(compose, "x-flink-config").get("FLINK_PROPERTIES");
    Configuration conf = flinkConfiguration(single(properties));
    assertProductionState(conf);
    assertTrue(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY).startsWith("file:///flink-state/"));
  }

  @Test
  void localClusterConfigIsReadByFlinkWithTheWorkDirFilledIn(@TempDir Path work) throws IOException {
    String template = Files.readString(DEPLOY.resolve("local-cluster/conf/config.yaml"));
    Path conf = Files.createDirectories(work.resolve("conf"));
    Files.writeString(conf.resolve("config.yaml"), template.replace("${WORK}", work.toString())
        .replace("${REST_PORT}", "18081").replace("${RPC_PORT}", "16123"));
    Configuration loaded = GlobalConfiguration.loadConfiguration(conf.toString());
    assertProductionState(loaded);
    assertEquals("file://" + work + "/checkpoints", loaded.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
    assertEquals(18081, loaded.get(RestOptions.PORT));
    // the shaded job jar (~102 MB) must fit through POST /jars/upload
    assertTrue(loaded.get(RestOptions.SERVER_MAX_CONTENT_LENGTH) >= 200 * 1024 * 1024);
  }

  private static void assertProductionState(Configuration conf) {
    assertEquals("rocksdb", conf.get(StateBackendOptions.STATE_BACKEND));
    assertTrue(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS));
    assertEquals(CheckpointingMode.EXACTLY_ONCE, conf.get(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE));
    assertTrue(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL).compareTo(Duration.ZERO) > 0);
  }

  private static Configuration flinkConfiguration(Map<String, Object> yaml) {
    Map<String, String> flat = new HashMap<>();
    yaml.forEach((k, v) -> flat.put(k, String.valueOf(v)));
    return Configuration.fromMap(flat);
  }

  private static List<Map<String, Object>> all(Path file) throws IOException {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(file))) {
      docs.add(asMap(doc));
    }
    return docs;
  }

  private static Map<String, Object> single(Path file) throws IOException {
    List<Map<String, Object>> docs = all(file);
    assertEquals(1, docs.size(), file + " holds one document");
    return docs.get(0);
  }

  private static Map<String, Object> single(String yaml) {
    return asMap(new Load(LoadSettings.builder().build()).loadFromString(yaml));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) o;
  }

  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return asMap(parent.get(key));
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> parent, String key) {
    return (List<Object>) parent.get(key);
  }
}
