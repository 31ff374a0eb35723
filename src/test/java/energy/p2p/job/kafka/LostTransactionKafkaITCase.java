package energy.p2p.job.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.job.OutputLine;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.sink.KafkaCommittable;
import org.apache.flink.connector.kafka.sink.KafkaWriterState;
import org.apache.flink.connector.kafka.sink.TwoPhaseCommittingStatefulSink;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.SupportsPostCommitTopology;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What becomes of a sink transaction the broker has already aborted when Flink commits it — the
 * case of a job down (or a checkpoint slower) than {@code transaction.timeout.ms} between the
 * checkpoint that pre-committed it and the commit. Reproduced by holding the commit back longer
 * than a 2 s transaction timeout, with the real connector (5.0) committer underneath. Finding:
 * connector 5.0 does NOT redo it — it signals a "known" failure, Flink drops the committable and
 * the job finishes normally; the records are never visible to read_committed readers. The job's
 * sinks ({@link AlertingKafkaSink}) make that loud: {@code transactionsLost} and an ERROR log
 * naming the topic, and with {@link LostTransactionPolicy#FAIL} a failed job.
 */
class LostTransactionKafkaITCase {
  static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1)
          .setConfiguration(METRICS.addToConfiguration(new Configuration())).build());

  static TestKafkaBroker kafka;

  @BeforeAll
  static void startKafka() throws Exception {
    // the broker looks for timed-out transactions every 500 ms (default: 10 s)
    kafka = TestKafkaBroker.start(Map.of("transaction.abort.timed.out.transaction.cleanup.interval.ms", "500"));
  }

  @AfterAll
  static void stopKafka() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  static KafkaOptions options(String topic, LostTransactionPolicy policy) {
    Properties client = new Properties();
    client.put("transaction.timeout.ms", "2000");
    return new KafkaOptions(kafka.bootstrapServers(), "unused-bids", topic, topic, topic, "g-" + topic,
        "tx-" + topic, client, true, true, policy);
  }

  /** Writes {@code n} lines to {@code topic} through the job's ledger sink; commits held back {@code holdMs}. */
  static JobExecutionResult write(String topic, int n, long holdMs, LostTransactionPolicy policy) throws Exception {
    kafka.createTopics(Map.of(topic, 1));
    List<OutputLine> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(new OutputLine("feeder-a", i, "", "{\"line\":" + i + "}"));
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.enableCheckpointing(60_000); // only the final checkpoint at the end of input commits
    Configuration noRestart = new Configuration();
    noRestart.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    env.configure(noRestart);
    @SuppressWarnings("unchecked")
    var sink = (AlertingKafkaSink<OutputLine>) KafkaEndpoints.lines(options(topic, policy), topic, "lines");
    env.fromData(TypeInformation.of(OutputLine.class), lines.toArray(new OutputLine[0]))
        .sinkTo(new HeldCommits<>(sink, holdMs)).name("held-" + topic);
    return env.execute("lost-transaction " + topic);
  }

  static List<String> readCommitted(String topic) {
    Properties p = kafka.consumerProperties(topic, true);
    p.put("group.id", "verify-" + UUID.randomUUID());
    List<String> out = new ArrayList<>();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
      c.subscribe(List.of(topic));
      long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
      while (System.nanoTime() < until) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          out.add(r.value());
        }
      }
    }
    return out;
  }

  static long lost(JobExecutionResult result) {
    return METRICS.findMetrics(result.getJobID(), "transactionsLost").values().stream()
        .mapToLong(m -> ((Counter) m).getCount()).sum();
  }

  @Test
  void aTransactionCommittedInTimeIsVisibleAndNothingIsCountedLost() throws Exception {
    JobExecutionResult result = write("in-time", 20, 0, LostTransactionPolicy.ALERT);
    assertEquals(20, readCommitted("in-time").size());
    assertEquals(0, lost(result));
  }

  @Test
  void aTransactionTheBrokerAbortedBeforeTheCommitIsLostAndCounted() throws Exception {
    JobExecutionResult result = write("too-late", 20, 6_000, LostTransactionPolicy.ALERT);
    assertEquals(List.of(), readCommitted("too-late"), "connector 5.0 drops it: the job ends as if all was well");
    assertEquals(1, lost(result), "transactionsLost names the loss");
  }

  @Test
  void withTheFailPolicyTheJobFailsInstead() {
    Exception e = assertThrows(Exception.class, () -> write("fail", 5, 6_000, LostTransactionPolicy.FAIL));
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    assertTrue(root.getClass().getName().startsWith("org.apache.kafka"), root.toString());
  }

  /** The sink with each commit held back {@code holdMs}: a job down that long before its commit. */
  static final class HeldCommits<T>
      implements TwoPhaseCommittingStatefulSink<T, KafkaWriterState, KafkaCommittable>,
          SupportsPostCommitTopology<KafkaCommittable> {
    private final AlertingKafkaSink<T> sink;
    private final long holdMs;

    HeldCommits(AlertingKafkaSink<T> sink, long holdMs) {
      this.sink = sink;
      this.holdMs = holdMs;
    }

    @Override
    public PrecommittingStatefulSinkWriter<T, KafkaWriterState, KafkaCommittable> createWriter(WriterInitContext c)
        throws IOException {
      return sink.createWriter(c);
    }

    @Override
    public PrecommittingStatefulSinkWriter<T, KafkaWriterState, KafkaCommittable> restoreWriter(
        WriterInitContext c, Collection<KafkaWriterState> state) throws IOException {
      return sink.restoreWriter(c, state);
    }

    @Override
    public SimpleVersionedSerializer<KafkaWriterState> getWriterStateSerializer() {
      return sink.getWriterStateSerializer();
    }

    @Override
    public Committer<KafkaCommittable> createCommitter(CommitterInitContext c) throws IOException {
      Committer<KafkaCommittable> committer = sink.createCommitter(c);
      return new Committer<>() {
        @Override
        public void commit(Collection<CommitRequest<KafkaCommittable>> requests)
            throws IOException, InterruptedException {
          Thread.sleep(holdMs);
          committer.commit(requests);
        }

        @Override
        public void close() throws Exception {
          committer.close();
        }
      };
    }

    @Override
    public SimpleVersionedSerializer<KafkaCommittable> getCommittableSerializer() {
      return sink.getCommittableSerializer();
    }

    @Override
    public void addPostCommitTopology(DataStream<CommittableMessage<KafkaCommittable>> committables) {
      sink.addPostCommitTopology(committables);
    }
  }
}
