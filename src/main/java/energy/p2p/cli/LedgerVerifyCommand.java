package energy.p2p.cli;

import energy.p2p.ledger.LedgerBreak;
import energy.p2p.ledger.LedgerReport;
import energy.p2p.ledger.LedgerVerifier;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ledger verify}: checks every feeder's hash chain and Merkle roots; exit 0 = verified, 3 = broken. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Verify the ledger: every record's hash, the chain links, no gaps, no reordering, no inserted",
        "record, every window's Merkle root. Prints each break with its line (file) or record number in",
        "read order (topic, read_committed) and exits 3 when the ledger is broken, 0 when it verifies."})
public final class LedgerVerifyCommand implements Callable<Integer> {
  static final int BROKEN = 3;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  static final class Input {
    @Option(names = "--file", description = "Ledger file (ledger.jsonl).")
    Path file;

    @Option(names = "--bootstrap-servers", description = "Kafka HOST:PORT: read the topic from the start.")
    String bootstrapServers;
  }

  @Option(names = "--topic", defaultValue = "ledger", description = "Ledger topic (default ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = "--kafka-properties", description = "Kafka client settings (security.protocol, sasl.*, ssl.*).")
  Path kafkaProperties;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    LedgerVerifier verifier = new LedgerVerifier();
    String source;
    if (input.file != null) {
      if (!Files.isRegularFile(input.file)) {
        throw new IllegalArgumentException("ledger file not found: " + input.file);
      }
      source = input.file.toString();
      try (BufferedReader r = Files.newBufferedReader(input.file, StandardCharsets.UTF_8)) {
        long n = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          verifier.add(++n, line);
        }
      }
    } else {
      source = "topic " + topic;
      readTopic(verifier);
    }
    LedgerReport report = verifier.verify();
    PrintWriter out = spec.commandLine().getOut();
    for (LedgerBreak b : report.breaks()) {
      out.println(b);
    }
    out.printf("%s: %d records, %d feeders, %d windows: %s%n", source, report.records(), report.heads().size(),
        report.windows(), report.verified() ? "VERIFIED" : report.breaks().size() + " break(s)");
    report.heads().forEach((feeder, head) -> out.printf("  head %s #%d %s%n", feeder, head.seq(), head.hash()));
    out.flush();
    return report.verified() ? 0 : BROKEN;
  }

  /** Every committed record (read_committed), partition by partition from the start to the end offsets. */
  private void readTopic(LedgerVerifier verifier) throws Exception {
    Properties p = RunCommand.loadProperties(kafkaProperties);
    p.put("bootstrap.servers", input.bootstrapServers);
    p.put("isolation.level", "read_committed");
    p.put("group.id", "ledger-verify-" + UUID.randomUUID());
    p.put("enable.auto.commit", "false");
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      if (parts.isEmpty()) {
        throw new IllegalArgumentException("topic " + topic + " not found at " + input.bootstrapServers);
      }
      var end = c.endOffsets(parts);
      c.assign(parts);
      c.seekToBeginning(parts);
      long n = 0;
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofSeconds(1))) {
          verifier.add(++n, r.value());
        }
      }
    }
  }
}
