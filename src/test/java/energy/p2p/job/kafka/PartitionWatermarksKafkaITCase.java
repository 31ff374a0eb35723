package energy.p2p.job.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.io.BidCodec;
import energy.p2p.job.FeederFiles;
import energy.p2p.job.JobOptions;
import energy.p2p.job.MarketJob;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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

  static TestKafkaBroker kafka;
  static String bootstrap;
  @TempDir
  static Path dir;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = TestKafkaBroker.start();
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
    kafka.createTopics(Map.of("bids-pw", 2, "allocations-pw", 1, "reports-pw", 1, "rejections-pw", 1));
    kafka.produce("bids-pw", 0, ahead);
    kafka.produce("bids-pw", 1, backlog);

    KafkaOptions k = new KafkaOptions(bootstrap, "bids-pw", "allocations-pw", "reports-pw", "rejections-pw",
        "g-pw", "tx-pw", new Properties(), false, true);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1); // one reader for both partitions
    new MarketJob(KafkaEndpoints.bids(k), KafkaEndpoints.sinks(k), FeederFiles.read(feeders),
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



  /** Everything on the topic (the job has finished: its at-least-once sinks flushed). */
  static List<String> consume(String topic, Duration quiet) {
    Properties p = kafka.consumerProperties(topic, false);
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
