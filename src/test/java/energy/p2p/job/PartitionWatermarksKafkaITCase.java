package energy.p2p.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.io.BidCodec;
import energy.p2p.synth.DayConfig;
import energy.p2p.synth.SampleDayGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catch-up after an outage on a REAL broker: one source subtask reads two `bids` partitions, one
 * holding bids hours ahead of the other's backlog. With event time per reader the partition ahead
 * pushed the watermark past the backlog's gate closures (valid bids rejected LATE); with one
 * watermark per partition at the source, every valid bid reaches its window.
 */
class PartitionWatermarksKafkaITCase {
  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

  static final Pattern BIDS = Pattern.compile("\"bids\":(\\d+)");

  static KafkaClusterTestKit kafka;
  static String bootstrap;
  @TempDir
  static Path dir;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
            .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
            .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .build();
    kafka.format();
    kafka.startup();
    kafka.waitForReadyBrokers();
    bootstrap = kafka.bootstrapServers();
  }

  @AfterAll
  static void stopKafka() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void partitionAheadDoesNotMakeAnotherPartitionsBacklogLate() throws Exception {
    Path feeders = dir.resolve("feeders");
    Path bids = dir.resolve("bids.jsonl");
    // 3 hours of frames from 10:00, no bad bids: every record is a valid bid
    new SampleDayGenerator(new DayConfig(2, 20, 40, 12, 0.8, 0, LocalDate.of(2026, 11, 24), 9L))
        .write(Path.of("sample-data/feeders"), "ieee33", feeders, bids);
    BidCodec codec = new BidCodec(4096);
    long split = Instant.parse("2026-11-24T12:00:00Z").toEpochMilli();
    List<String> ahead = new ArrayList<>(); // frames from 12:00: partition 0
    List<String> backlog = new ArrayList<>(); // frames 10:00-10:45: partition 1, hours behind
    for (String line : Files.readAllLines(bids)) {
      long frame = codec.parse(line).bid().frameStartMs();
      if (frame >= split) {
        ahead.add(line);
      } else if (frame < split - 75 * 60_000L) {
        backlog.add(line);
      }
    }
    assertTrue(ahead.size() > 50 && backlog.size() > 50, ahead.size() + " / " + backlog.size());
    createTopics(Map.of("bids-pw", 2, "allocations-pw", 1, "reports-pw", 1, "rejections-pw", 1));
    produce("bids-pw", 0, ahead);
    produce("bids-pw", 1, backlog);

    KafkaOptions k = new KafkaOptions(bootstrap, "bids-pw", "allocations-pw", "reports-pw", "rejections-pw",
        "g-pw", "tx-pw", new Properties(), false, true);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1); // one reader for both partitions
    new MarketJob(KafkaEndpoints.source(k), KafkaEndpoints.sinks(k), FeederFiles.read(feeders),
        JobOptions.defaults(), codec).execute(env, "partition-watermarks");

    List<String> late = consume("rejections-pw", Duration.ofSeconds(2)).stream()
        .filter(r -> r.contains("\"reason\":\"LATE\"")).toList();
    assertEquals(0, late.size(), "no valid bid is LATE; first: " + late.stream().findFirst().orElse(""));
    long accepted = 0;
    for (String report : consume("reports-pw", Duration.ofSeconds(2))) {
      Matcher m = BIDS.matcher(report);
      assertTrue(m.find(), report);
      accepted += Long.parseLong(m.group(1));
    }
    assertEquals(ahead.size() + backlog.size(), accepted, "every bid of both partitions reached its window");
  }

  static void createTopics(Map<String, Integer> partitions) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      List<NewTopic> topics = new ArrayList<>();
      partitions.forEach((t, n) -> topics.add(new NewTopic(t, n, (short) 1)));
      admin.createTopics(topics).all().get();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      for (String t : partitions.keySet()) { // producing before leaders exist loses records
        while (!admin.describeTopics(List.of(t)).allTopicNames().get().get(t).partitions().stream()
            .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
          assertTrue(System.nanoTime() < deadline, "no leader for " + t);
          Thread.sleep(50);
        }
      }
    }
  }

  static void produce(String topic, int partition, List<String> lines) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
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

  /** Everything on the topic (the job has finished: its at-least-once sinks flushed). */
  static List<String> consume(String topic, Duration quiet) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "verify-" + topic);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<String> out = new ArrayList<>();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
      c.subscribe(List.of(topic));
      long deadline = System.nanoTime() + quiet.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          out.add(r.value());
          deadline = System.nanoTime() + quiet.toNanos();
        }
      }
    }
    return out;
  }
}
