package energy.p2p.job.kafka;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node KRaft broker in the test JVM (Kafka's own test kit, no Docker), with the
 * topic, producer and consumer plumbing the *KafkaITCase tests share.
 */
final class TestKafkaBroker implements AutoCloseable {
  private final KafkaClusterTestKit kafka;
  private final String bootstrap;

  private TestKafkaBroker(KafkaClusterTestKit kafka) {
    this.kafka = kafka;
    this.bootstrap = kafka.bootstrapServers();
  }

  static TestKafkaBroker start() throws Exception {
    return start(Map.of());
  }

  /** A broker with extra server settings (e.g. how often it aborts timed-out transactions). */
  static TestKafkaBroker start(Map<String, String> serverConfig) throws Exception {
    KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
            .setBootstrapMetadataVersion(MetadataVersion.latestProduction()) // the default is unreleased
            .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0");
    serverConfig.forEach(builder::setConfigProp);
    KafkaClusterTestKit kafka = builder.build();
    kafka.format();
    kafka.startup();
    kafka.waitForReadyBrokers();
    return new TestKafkaBroker(kafka);
  }

  String bootstrapServers() {
    return bootstrap;
  }

  /** Creates the topics (name → partitions) and waits for their leaders. */
  void createTopics(Map<String, Integer> partitions) throws Exception {
    createTopics(partitions, Map.of());
  }

  /** A bids topic as the live market needs it: the broker stamps every record (LogAppendTime). */
  void createBidsTopic(String name, int partitions) throws Exception {
    createTopics(Map.of(name, partitions), Map.of(name, Map.of("message.timestamp.type", "LogAppendTime")));
  }

  /** Creates the topics (name → partitions) with per-topic configs and waits for their leaders. */
  void createTopics(Map<String, Integer> partitions, Map<String, Map<String, String>> configs) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      List<NewTopic> topics = new ArrayList<>();
      partitions.forEach((t, n) -> topics.add(new NewTopic(t, n, (short) 1).configs(configs.getOrDefault(t, Map.of()))));
      admin.createTopics(topics).all().get();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      for (String t : partitions.keySet()) { // producing before leaders exist loses records
        while (!hasLeaders(admin, t)) {
          assertTrue(System.nanoTime() < deadline, "no leader for " + t);
          Thread.sleep(50);
        }
      }
    }
  }

  /** False while a new topic is unknown to the broker's metadata (on a loaded machine that takes a while). */
  private static boolean hasLeaders(Admin admin, String topic) throws Exception {
    try {
      return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
          .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
        return false;
      }
      throw e;
    }
  }

  /** Produces every line (to {@code partition}, or by the default partitioner when null), acked. */
  void produce(String topic, Integer partition, List<String> lines) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
    List<Future<?>> acks = new ArrayList<>();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      for (String line : lines) {
        acks.add(producer.send(new ProducerRecord<>(topic, partition, null, line)));
      }
      producer.flush();
      for (Future<?> f : acks) {
        f.get();
      }
    }
  }

  /** Properties of a string consumer reading {@code topic} from the start. */
  Properties consumerProperties(String topic, boolean readCommitted) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "verify-" + topic);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    if (readCommitted) {
      p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return p;
  }

  @Override
  public void close() throws Exception {
    kafka.close();
  }
}
