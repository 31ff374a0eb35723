package energy.p2p.job.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code run}'s checks of the bids topic before the job starts, against a real broker. */
class RunCommandKafkaITCase {
  static TestKafkaBroker kafka;
  final StringWriter err = new StringWriter();

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = TestKafkaBroker.start();
    Map<String, Integer> others = new java.util.TreeMap<>();
    for (String t : new String[] {"allocations", "clearing-reports", "rejected-bids", "ledger", "settlements",
        "meter-readings"}) {
      others.put(t, 1);
    }
    kafka.createTopics(others);
  }

  @AfterAll
  static void stopKafka() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  int run(String topic, String... more) {
    CommandLine cli = Main.commandLine().setErr(new PrintWriter(err, true)).setOut(new PrintWriter(new StringWriter()));
    String[] base = {"run", "--bootstrap-servers", kafka.bootstrapServers(), "--feeders", "sample-data/feeders",
        "--bids-topic", topic, "--no-require-signatures", "--bounded", "--checkpoint-interval", "0"};
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return cli.execute(args);
  }

  @Test
  void refusesABidsTopicWhoseTimestampsTheProducersSet() throws Exception {
    kafka.createTopics(Map.of("bids-create-time", 1));
    assertEquals(1, run("bids-create-time"));
    assertTrue(err.toString().contains("bids topic 'bids-create-time' keeps the producers' timestamps "
        + "(message.timestamp.type=CreateTime)"), err.toString());
    assertTrue(err.toString().contains("message.timestamp.type=LogAppendTime"), "says how to fix it");
  }

  @Test
  void refusesABidsTopicThatDoesNotExist() {
    assertEquals(1, run("no-such-bids"));
    assertTrue(err.toString().contains("bids topic 'no-such-bids' does not exist on " + kafka.bootstrapServers()),
        err.toString());
  }

  @Test
  void runsOnACreateTimeTopicOnlyWhenToldItsProducersAreTrusted() throws Exception {
    kafka.createTopics(Map.of("bids-gateway", 2));
    assertEquals(0, run("bids-gateway", "--trust-create-time"), err.toString());
    assertTrue(err.toString().contains("event time = receipt (Kafka record timestamp, CreateTime), 2 partitions"),
        err.toString());
  }

  @Test
  void aBackfillOfHistoryNeedsNeitherLogAppendTimeNorAGateClock() throws Exception {
    kafka.createTopics(Map.of("bids-history", 1));
    assertEquals(0, run("bids-history", "--event-time", "submitted-at"), err.toString());
    assertTrue(err.toString().contains("event time = submittedAt"), err.toString());
  }

  @Test
  void namesTheWrongValueOfAnEnumOption() throws Exception {
    kafka.createBidsTopic("bids-enum", 1);
    assertEquals(2, run("bids-enum", "--event-time", "wallclock"));
    assertTrue(err.toString().contains("--event-time: 'wallclock' is not one of submitted-at, receipt"), err.toString());
  }
}
