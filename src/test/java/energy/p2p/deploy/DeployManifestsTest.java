package energy.p2p.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    Map<String, Object> deployment = Yaml.single(DEPLOY.resolve("kubernetes/flink-deployment.yaml"));
    assertEquals("FlinkDeployment", deployment.get("kind"));
    Map<String, Object> job = Yaml.map(Yaml.map(deployment, "spec"), "job");
    assertEquals("local:///opt/flink/usrlib/p2p-energy-trading-job.jar", job.get("jarURI"));
    assertTrue(Files.readString(DEPLOY.resolve("kubernetes/Dockerfile"))
        .contains("COPY --chown=flink:flink target/p2p-energy-trading-job.jar /opt/flink/usrlib/p2p-energy-trading-job.jar"));
    assertEquals("energy.p2p.cli.Main", job.get("entryClass"));
    assertEquals("run", Yaml.list(job, "args").get(0));
    assertEquals("savepoint", job.get("upgradeMode"));
    assertTrue((Integer) job.get("parallelism") > 1);
    Map<String, Object> taskManager = Yaml.map(Yaml.map(deployment, "spec"), "taskManager");
    assertTrue(Yaml.map(taskManager, "resource").containsKey("memory"));
    assertTrue(Yaml.map(taskManager, "resource").containsKey("cpu"));
  }

  @Test
  void flinkDeploymentCheckpointsExactlyOnceToDurableStorage() throws IOException {
    Map<String, Object> spec = Yaml.map(Yaml.single(DEPLOY.resolve("kubernetes/flink-deployment.yaml")), "spec");
    Configuration conf = flinkConfiguration(Yaml.map(spec, "flinkConfiguration"));
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
    for (Map<String, Object> topic : Yaml.all(DEPLOY.resolve("kubernetes/kafka-topics.yaml"))) {
      assertEquals("KafkaTopic", topic.get("kind"));
      Map<String, Object> metadata = Yaml.map(topic, "metadata");
      assertEquals("p2p-kafka", Yaml.map(metadata, "labels").get("strimzi.io/cluster"));
      assertTrue((Integer) Yaml.map(topic, "spec").get("partitions") > 0);
      names.add((String) metadata.get("name"));
      if (OUTPUTS.contains(metadata.get("name"))) {
        // the job's records carry event times; the broker must not refuse future ones
        assertEquals("LogAppendTime", Yaml.map(Yaml.map(topic, "spec"), "config").get("message.timestamp.type"));
      }
    }
    assertEquals(new TreeSet<>(TOPICS), names);
  }

  @Test
  void composeStartsKraftKafkaAndTheJobOnTheOfficialFlinkImage() throws IOException {
    Map<String, Object> compose = Yaml.single(DEPLOY.resolve("compose/docker-compose.yml"));
    Map<String, Object> services = Yaml.map(compose, "services");
    Map<String, Object> kafkaEnv = Yaml.map(Yaml.map(services, "kafka"), "environment");
    assertEquals("broker,controller", kafkaEnv.get("KAFKA_PROCESS_ROLES"));
    Map<String, Object> jobManager = Yaml.map(services, "jobmanager");
    assertTrue(((String) jobManager.get("image")).startsWith("flink:2.2"));
    List<Object> command = Yaml.list(jobManager, "command");
    assertEquals("standalone-job", command.get(0));
    assertTrue(command.contains("energy.p2p.cli.Main") && command.contains("run"));
    assertEquals(2, Yaml.map(Yaml.map(services, "taskmanager"), "deploy").get("replicas"));
    assertTrue(Yaml.list(jobManager, "volumes").contains(
        "../../target/p2p-energy-trading-job.jar:/opt/flink/usrlib/p2p-energy-trading-job.jar:ro"));
    String properties = (String) Yaml.map(compose, "x-flink-config").get("FLINK_PROPERTIES");
    Configuration conf = flinkConfiguration(Yaml.parse(properties));
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
}
