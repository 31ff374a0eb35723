package energy.p2p.job.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.io.BidCodec;
import energy.p2p.job.FeederFiles;
import energy.p2p.job.IntegrityOptions;
import energy.p2p.job.JobOptions;
import energy.p2p.job.MarketJob;
import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.Side;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live market against a real broker on the wall clock (1-minute frames, gate at frame start):
 * the job runs unbounded with its gate clock, bids are produced while it runs, and after the gate
 * closure nobody sends another bid. The bids topic has three partitions: one with the bids, one
 * that stays silent and one that only ever receives garbage; five feeders, one of them trading.
 */
class LiveMarketKafkaITCase {
  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(2).setNumberSlotsPerTaskManager(2).build());

  static final FeederFiles FEEDERS = FeederFiles.read(Path.of("sample-data/feeders"));
  static final JobOptions OPTIONS = new JobOptions(
      JobOptions.defaults().validation().withFrameMinutes(1).withGateLeadMinutes(0),
      JobOptions.defaults().clearing().withFrameMinutes(1), Duration.ZERO, Duration.ZERO, Duration.ofDays(1), false)
      .withReceiptTime(Duration.ofMillis(200));

  static TestKafkaBroker kafka;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = TestKafkaBroker.start();
  }

  @AfterAll
  static void stopKafka() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  static KafkaOptions topics(String run, String bids, boolean bounded) {
    return new KafkaOptions(kafka.bootstrapServers(), bids, "allocations-" + run, "reports-" + run,
        "rejections-" + run, "g-" + run, "tx-" + run, new Properties(), true, bounded);
  }

  void createTopics(String bids, String... runs) throws Exception {
    kafka.createBidsTopic(bids, 3);
    Map<String, Integer> outputs = new TreeMap<>();
    for (String run : runs) {
      for (String t : List.of("allocations-", "reports-", "rejections-")) {
        outputs.put(t + run, 2);
      }
    }
    kafka.createTopics(outputs);
  }

  static JobClient start(MarketJob job, int parallelism) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(parallelism);
    env.enableCheckpointing(500);
    job.build(env);
    return env.executeAsync("live");
  }

  /** The recorded bids topic through the job again, bounded (no gate clock), into the run's own topics. */
  static void replayTopic(String bids, String run, int parallelism) throws Exception {
    KafkaOptions k = topics(run, bids, true);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(parallelism);
    env.enableCheckpointing(500);
    new MarketJob(KafkaEndpoints.bids(k), KafkaEndpoints.sinks(k), FEEDERS, OPTIONS, new BidCodec(4096))
        .execute(env, run);
  }

  /** A frame (1 min) whose gate closure is at least 10 s away, so its bids can be produced in time. */
  static long nextFrame() {
    long now = System.currentTimeMillis();
    long frame = (now / 60_000L + 1) * 60_000L;
    return frame - now < 10_000L ? frame + 60_000L : frame;
  }

  static List<String> bids(String prefix, long frame, int n) {
    return bids(prefix, frame, n, System.currentTimeMillis());
  }

  static List<String> bids(String prefix, long frame, int n, long submittedAtMs) {
    List<String> out = new ArrayList<>();
    long now = submittedAtMs;
    for (int i = 0; i < n; i++) {
      Side side = i % 2 == 0 ? Side.SELL : Side.BUY;
      out.add(BidCodec.toJson(new Bid(prefix + i, "p-" + prefix + i, "feeder-a", 2 + i % 30, side, 1 + i % 3,
          side == Side.SELL ? 0.08 + 0.001 * i : 0.30 - 0.001 * i, frame, now, BuyerClass.STANDARD)));
    }
    return out;
  }

  static void sleepUntil(long epochMs) throws InterruptedException {
    long ms = epochMs - System.currentTimeMillis();
    if (ms > 0) {
      Thread.sleep(ms);
    }
  }

  /** Reports of {@code frame} read read_committed as they appear: feederId → wall-clock time seen. */
  static Map<String, Long> watchReports(String topic, long frame, int feeders, Duration timeout) {
    Map<String, Long> seen = new TreeMap<>();
    String frameField = "\"frameStart\":\"" + Instant.ofEpochMilli(frame) + "\"";
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(reader(topic))) {
      c.subscribe(List.of(topic));
      while (seen.size() < feeders && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(50))) {
          if (r.value().contains(frameField)) {
            seen.putIfAbsent(r.key(), System.currentTimeMillis());
          }
        }
      }
    }
    return seen;
  }

  /** A read_committed consumer of its own (a fresh group: every reader sees the topic from the start). */
  static Properties reader(String topic) {
    Properties p = kafka.consumerProperties(topic, true);
    p.put("group.id", "verify-" + topic + "-" + java.util.UUID.randomUUID());
    return p;
  }

  /** Everything committed to {@code topic} about frames up to {@code lastFrame}. */
  static Map<String, Long> committed(String topic, long lastFrame) {
    List<String> all = new ArrayList<>();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(reader(topic))) {
      c.subscribe(List.of(topic));
      long quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      while (System.nanoTime() < quietUntil) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          all.add(r.value());
          quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        }
      }
    }
    return all.stream().filter(v -> frameOf(v) <= lastFrame)
        .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
  }

  static long frameOf(String json) {
    int i = json.indexOf("\"frameStart\":\"");
    return i < 0 ? Long.MIN_VALUE : Instant.parse(json.substring(i + 14, json.indexOf('"', i + 14))).toEpochMilli();
  }

  @Test
  void everyWindowClearsSecondsAfterItsGateWithSilentAndGarbagePartitionsAndAReplayOfTheTopicAgrees()
      throws Exception {
    createTopics("bids-live", "live", "audit");
    KafkaOptions live = topics("live", "bids-live", false);
    JobClient job = start(new MarketJob(KafkaEndpoints.bids(live), KafkaEndpoints.sinks(live), FEEDERS, OPTIONS,
        new BidCodec(4096), IntegrityOptions.defaults(), null, KafkaEndpoints.gateTicks(live)), 2);
    long frame = nextFrame();
    kafka.produce("bids-live", 0, bids("b", frame, 40));
    kafka.produce("bids-live", 2, List.of("garbage", "{\"bidId\":", "\u0000\u0001", "x,y,z"));
    sleepUntil(frame - 3_000);
    kafka.produce("bids-live", 2, List.of("more garbage")); // the garbage partition keeps talking to the end
    // from the gate closure on, nobody produces anything
    Map<String, Long> seen = watchReports("reports-live", frame, FEEDERS.feeders().size(), Duration.ofSeconds(60));
    assertEquals(FEEDERS.feeders().keySet(), seen.keySet(), "a report for every feeder, the quiet ones included");
    long slowestMs = seen.values().stream().mapToLong(t -> t - frame).max().orElseThrow();
    System.out.println("live: reports visible read_committed " + seen.values().stream().map(t -> (t - frame) + " ms")
        .toList() + " after gate closure");
    assertTrue(slowestMs < 15_000, "reports long after gate closure: " + slowestMs + " ms");

    // claims to be submitted in time; the broker received it after the gate closure
    kafka.produce("bids-live", 0, bids("late", frame, 1, frame - 5_000));
    sleepUntil(System.currentTimeMillis() + 3_000);
    job.cancel().get();
    List<String> late = committed("rejections-live", frame).keySet().stream()
        .filter(r -> r.contains("\"reason\":\"LATE\"")).toList();
    assertEquals(1, late.size(), late.toString());
    assertTrue(late.get(0).contains("\"bidId\":\"late0\"") && late.get(0).contains("\"detail\":\"received at "), late.get(0));

    // the auditor: the recorded topic replayed (bounded, its gate ticks included, no clock of its own)
    replayTopic("bids-live", "audit", 1);
    for (String output : List.of("reports-", "allocations-", "rejections-")) {
      Map<String, Long> replayed = committed(output + "audit", frame);
      assertEquals(replayed, committed(output + "live", frame), output + ": the live job decided as the replay");
    }
    assertTrue(committed("allocations-live", frame).size() > 5, "the window traded");
  }

  @Test
  void theTaskManagersLostRightAfterTheGateLeaveTheLiveOutputExactlyOnce(@InjectMiniCluster MiniCluster cluster)
      throws Exception {
    createTopics("bids-fail", "fail", "ref");
    KafkaOptions live = topics("fail", "bids-fail", false);
    long frame = nextFrame();
    JobClient job = start(new MarketJob(KafkaEndpoints.bids(live), KafkaEndpoints.sinks(live), FEEDERS, OPTIONS,
        new BidCodec(4096), IntegrityOptions.defaults(), null, KafkaEndpoints.gateTicks(live)), 2);
    kafka.produce("bids-fail", 0, bids("f", frame, 60));
    // just after the gate tick: the window is being cleared, its output not yet committed (500 ms checkpoints)
    sleepUntil(frame + 400);
    cluster.terminateTaskManager(0).get(); // both TaskManagers: whichever ran the tasks is lost
    cluster.terminateTaskManager(1).get();
    cluster.startTaskManager();
    cluster.startTaskManager();
    Map<String, Long> seen = watchReports("reports-fail", frame, FEEDERS.feeders().size(), Duration.ofSeconds(90));
    var graph = cluster.getExecutionGraph(job.getJobID()).get();
    assertTrue(java.util.stream.StreamSupport.stream(graph.getAllExecutionVertices().spliterator(), false)
        .allMatch(v -> v.getCurrentExecutionAttempt().getAttemptNumber() > 0),
        "every task was lost with the TaskManagers and restarted from the last checkpoint");
    assertEquals(FEEDERS.feeders().keySet(), seen.keySet());
    sleepUntil(System.currentTimeMillis() + 2_000);
    job.cancel().get();

    replayTopic("bids-fail", "ref", 2); // the same topic, uninterrupted
    for (String output : List.of("reports-", "allocations-")) {
      Map<String, Long> uninterrupted = committed(output + "ref", frame);
      assertTrue(uninterrupted.values().stream().allMatch(n -> n == 1));
      assertEquals(uninterrupted, committed(output + "fail", frame), output + ": exactly once, as without the failure");
    }
    assertTrue(committed("allocations-fail", frame).size() > 5, "the window traded");
  }
}
