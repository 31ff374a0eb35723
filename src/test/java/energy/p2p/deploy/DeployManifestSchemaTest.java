package energy.p2p.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/**
 * Every field path, type and enum value used in deploy/kubernetes/*.yaml and deploy/compose/docker-compose.yml
 * is one the schema of a named release has (FlinkDeployment of the Flink Kubernetes Operator, Strimzi's
 * KafkaTopic, the Prometheus Operator's PodMonitor, the Compose specification), as written down in
 * src/test/resources/deploy/schema with the repository, path and commit each fact was read from.
 */
class DeployManifestSchemaTest {
  private static final Path KUBERNETES = Path.of("deploy/kubernetes");

  @Test
  void flinkDeploymentUsesOnlyFieldsOfTheOperatorCrd() throws IOException {
    assertConforms(KUBERNETES.resolve("flink-deployment.yaml"), "flinkdeployment-v1beta1.yaml");
  }

  @Test
  void kafkaTopicsUseOnlyFieldsOfStrimzisCrdAndRealTopicConfigs() throws IOException {
    assertConforms(KUBERNETES.resolve("kafka-topics.yaml"), "kafkatopic-v1beta2.yaml");
    Set<String> topicConfigs = kafkaTopicConfigKeys();
    List<String> unknown = new ArrayList<>();
    for (Map<String, Object> topic : Yaml.all(KUBERNETES.resolve("kafka-topics.yaml"))) {
      for (String key : Yaml.mapOrEmpty(Yaml.map(topic, "spec"), "config").keySet()) {
        if (!topicConfigs.contains(key)) {
          unknown.add(Yaml.map(topic, "metadata").get("name") + ": spec.config." + key);
        }
      }
    }
    assertEquals(List.of(), unknown, "not Kafka topic configs (org.apache.kafka.common.config.TopicConfig)");
  }

  @Test
  void podMonitorUsesOnlyFieldsOfThePrometheusOperatorCrd() throws IOException {
    assertConforms(KUBERNETES.resolve("pod-monitor.yaml"), "podmonitor-v1.yaml");
  }

  @Test
  void composeFileUsesOnlyKeysOfTheComposeSpecification() throws IOException {
    SchemaFacts compose = SchemaFacts.load("compose-spec.yaml");
    assertEquals(List.of(), compose.violations(Yaml.single(Path.of("deploy/compose/docker-compose.yml"))),
        "deploy/compose/docker-compose.yml vs " + compose.source());
  }

  @Test
  void theFactsCatchAMisspeltFieldAWrongTypeAndAValueOutsideTheEnum() throws IOException {
    SchemaFacts crd = SchemaFacts.load("flinkdeployment-v1beta1.yaml");
    Map<String, Object> bad = Yaml.parse("""
        apiVersion: flink.apache.org/v1beta1
        kind: FlinkDeployment
        spec:
          flinkVersion: v2_9
          job: {jarUri: local:///x.jar, parallelism: four}
          flinkConfiguration: {taskmanager.numberOfTaskSlots: 2}
        """);
    List<String> v = crd.violations(bad);
    assertTrue(v.stream().anyMatch(s -> s.startsWith("spec.flinkVersion: v2_9 is not one of")), v.toString());
    assertTrue(v.stream().anyMatch(s -> s.startsWith("spec.job.jarUri: not a field")), v.toString());
    assertTrue(v.stream().anyMatch(s -> s.startsWith("spec.job.parallelism: String 'four'")), v.toString());
    assertTrue(v.stream().anyMatch(s -> s.startsWith("spec.flinkConfiguration.*: Integer '2'")), v.toString());
    SchemaFacts compose = SchemaFacts.load("compose-spec.yaml");
    List<String> c = compose.violations(Yaml.parse("""
        services:
          jm: {image: flink, depends_on: {kafka: {condition: service_ready}}, restart_policy: always}
        """));
    assertEquals(2, c.size(), c.toString());
  }

  private static void assertConforms(Path manifest, String factsFile) throws IOException {
    SchemaFacts facts = SchemaFacts.load(factsFile);
    List<String> violations = new ArrayList<>();
    for (Map<String, Object> doc : Yaml.all(manifest)) {
      violations.addAll(facts.violations(doc));
    }
    assertEquals(List.of(), violations, manifest + " vs " + facts.source());
  }

  /** The topic-level configs Kafka defines: the String constants TopicConfig.*_CONFIG. */
  private static Set<String> kafkaTopicConfigKeys() {
    Set<String> keys = new TreeSet<>();
    for (Field f : TopicConfig.class.getFields()) {
      if (f.getName().endsWith("_CONFIG") && f.getType() == String.class) {
        try {
          keys.add((String) f.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return keys;
  }
}
