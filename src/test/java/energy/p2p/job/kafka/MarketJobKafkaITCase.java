package energy.p2p.job.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.io.BidCodec;
import energy.p2p.job.BidIntake;
import energy.p2p.job.BidSource;
import energy.p2p.job.IntakeRecord;
import energy.p2p.job.FeederFiles;
import energy.p2p.job.IntegrityOptions;
import energy.p2p.job.JobOptions;
import energy.p2p.job.MarketJob;
import energy.p2p.job.MarketSinks;
import energy.p2p.job.replay.ReplayRun;
import energy.p2p.job.replay.ReplayTally;
import energy.p2p.synth.DayConfig;
import energy.p2p.synth.SampleDayGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
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
 * The job against a REAL Kafka broker (Kafka's own test kit, in this JVM): bids produced to a fresh
 * topic, exactly-once sinks with checkpoints and a task failure injected mid-stream, allocations
 * read back read_committed — each one exactly once, equal to a file replay of the same bids.
 */
class MarketJobKafkaITCase {
  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static TestKafkaBroker kafka;
  static String bootstrap;
  @TempDir
  static Path dir;

  static final AtomicInteger SEEN = new AtomicInteger();
  static final AtomicBoolean FAILED = new AtomicBoolean();

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
  void exactlyOnceAllocationsSurviveATaskFailure() throws Exception {
    Path feeders = dir.resolve("feeders");
    Path bids = dir.resolve("bids.jsonl");
    new SampleDayGenerator(new DayConfig(2, 30, 44, 6, 0.8, 0, LocalDate.of(2026, 11, 24), 5L))
        .write(Path.of("sample-data/feeders"), "ieee33", feeders, bids);
    Path readings = dir.resolve("readings.jsonl"); // signs the bids too (signatures are not required here)
    new energy.p2p.synth.IntegrityDay(5L, 0).write(bids, dir.resolve("participants.csv"), readings, 15);
    List<String> lines = Files.readAllLines(bids);
    kafka.createTopics(Map.of("bids-eos", 1, "allocations-eos", 2, "reports-eos", 2, "rejections-eos", 2, "ledger-eos", 2,
        "readings-eos", 1, "settlements-eos", 2));
    kafka.produce("bids-eos", null, lines);
    kafka.produce("readings-eos", null, Files.readAllLines(readings));

    KafkaOptions k = new KafkaOptions(bootstrap, "bids-eos", "allocations-eos", "reports-eos", "rejections-eos",
        "g-eos", "tx-eos", new Properties(), true, true);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(300);
    BidSource kafkaBids = KafkaEndpoints.bids(k);
    int failAt = lines.size() / 2;
    BidSource failingOnce = new BidSource() {
      @Override
      public DataStream<IntakeRecord> create(StreamExecutionEnvironment e, BidIntake intake,
          WatermarkStrategy<IntakeRecord> eventTime) {
        return kafkaBids.create(e, intake, eventTime).map(new FailOnce(failAt)).name("inject failure");
      }

      @Override
      public boolean watermarksPerSplit() {
        return true;
      }
    };
    MarketSinks sinks = KafkaEndpoints.sinks(k).withIntegrity(KafkaEndpoints.lines(k, "ledger-eos", "ledger"),
        KafkaEndpoints.lines(k, "settlements-eos", "settlements"));
    new MarketJob(failingOnce, sinks, FeederFiles.read(feeders), JobOptions.defaults(), new BidCodec(4096),
        IntegrityOptions.defaults(), KafkaEndpoints.lines(k, "readings-eos")).execute(env, "kafka-eos");
    assertTrue(FAILED.get(), "a failure was injected");

    Path out = Files.createDirectories(dir.resolve("replay"));
    StreamExecutionEnvironment replayEnv = StreamExecutionEnvironment.getExecutionEnvironment();
    replayEnv.setParallelism(2);
    new ReplayRun(bids, FeederFiles.read(feeders), out, JobOptions.defaults(), new BidCodec(4096), "kafka-ref",
        IntegrityOptions.defaults(), readings).execute(replayEnv);
    ReplayTally.release("kafka-ref");
    List<String> expected = Files.readAllLines(out.resolve(ReplayRun.ALLOCATIONS));
    assertTrue(expected.size() > 20, "the day trades: " + expected.size());

    List<String> committed = consume("allocations-eos", expected.size(), Duration.ofSeconds(20));
    assertEquals(counts(expected), counts(committed), "every allocation exactly once");
    long windows = Files.lines(out.resolve(ReplayRun.REPORTS)).count();
    assertEquals(windows, consume("reports-eos", (int) windows, Duration.ofSeconds(10)).size(), "one report per window");

    // the ledger chain resumed from the checkpointed head: no gap, no duplicate, same records as a replay
    List<String> replayLedger = Files.readAllLines(out.resolve(ReplayRun.LEDGER));
    List<String> ledger = consume("ledger-eos", replayLedger.size(), Duration.ofSeconds(10));
    energy.p2p.ledger.LedgerVerifier verifier = new energy.p2p.ledger.LedgerVerifier();
    for (int i = 0; i < ledger.size(); i++) {
      verifier.add(i + 1, ledger.get(i));
    }
    energy.p2p.ledger.LedgerReport report = verifier.verify();
    assertTrue(report.verified(), report.breaks().toString());
    assertEquals(counts(replayLedger), counts(ledger), "the committed ledger is the replay's, exactly once");
    assertEquals(0, energy.p2p.cli.Main.commandLine().execute("ledger", "verify", "--bootstrap-servers", bootstrap,
        "--topic", "ledger-eos"), "ledger verify reads the topic read_committed and verifies it");

    // settlement state restored with the checkpoint: every settlement line exactly once, as in the replay
    List<String> replaySettlements = Files.readAllLines(out.resolve(ReplayRun.SETTLEMENTS));
    assertTrue(replaySettlements.stream().anyMatch(l -> l.contains("\"revision\":1,")), "the day has corrections");
    assertEquals(counts(replaySettlements), counts(consume("settlements-eos", replaySettlements.size(),
        Duration.ofSeconds(10))), "settlements exactly once");
  }

  static Map<String, Long> counts(List<String> records) {
    return records.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  /** Throws once when the n-th record passes (then Flink restores from the last checkpoint). */
  static final class FailOnce implements MapFunction<IntakeRecord, IntakeRecord> {
    private final int n;

    FailOnce(int n) {
      this.n = n;
    }

    @Override
    public IntakeRecord map(IntakeRecord line) throws Exception {
      Thread.sleep(5); // let checkpoints complete while records flow
      if (SEEN.incrementAndGet() == n && FAILED.compareAndSet(false, true)) {
        throw new RuntimeException("injected failure");
      }
      return line;
    }
  }



  static List<String> consume(String topic, int expected, Duration timeout) {
    Properties p = kafka.consumerProperties(topic, true);
    List<String> out = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
      c.subscribe(List.of(topic));
      while (System.nanoTime() < deadline && out.size() < expected) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          out.add(r.value());
        }
      }
      long extra = System.nanoTime() + Duration.ofSeconds(1).toNanos(); // a little longer, to catch duplicates
      while (System.nanoTime() < extra) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          out.add(r.value());
        }
      }
    }
    return out;
  }
}
