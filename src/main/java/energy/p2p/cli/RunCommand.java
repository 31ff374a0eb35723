package energy.p2p.cli;

import energy.p2p.io.BidCodec;
import energy.p2p.job.FeederFiles;
import energy.p2p.job.IntegrityOptions;
import energy.p2p.job.JobOptions;
import energy.p2p.job.MarketJob;
import energy.p2p.job.MarketSinks;
import energy.p2p.job.kafka.KafkaEndpoints;
import energy.p2p.job.kafka.KafkaOptions;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run}: the production entry, Kafka in and out; also the main of a jar submitted to a cluster. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run the streaming job against Kafka: bids from --bids-topic, allocations, clearing reports",
        "and rejected bids to their topics, the hash-chained ledger to --ledger-topic and settlements against",
        "--meter-readings-topic to --settlements-topic; exactly-once (Kafka transactions) when checkpointing is on.",
        "Under java -jar it runs on an embedded MiniCluster; submitted to a Flink cluster, on the cluster."})
public final class RunCommand implements Callable<Integer> {
  @Option(names = "--bootstrap-servers", required = true, description = "Kafka HOST:PORT[,HOST:PORT...].")
  String bootstrapServers;

  @Option(names = "--feeders", required = true, description = "Folder of feeder files, read at submission.")
  Path feeders;

  @Option(names = "--bids-topic", defaultValue = "bids", description = "Default: ${DEFAULT-VALUE}.")
  String bidsTopic;

  @Option(names = "--allocations-topic", defaultValue = "allocations", description = "Default: ${DEFAULT-VALUE}.")
  String allocationsTopic;

  @Option(names = "--reports-topic", defaultValue = "clearing-reports", description = "Default: ${DEFAULT-VALUE}.")
  String reportsTopic;

  @Option(names = "--rejections-topic", defaultValue = "rejected-bids", description = "Default: ${DEFAULT-VALUE}.")
  String rejectionsTopic;

  @Option(names = "--kafka-properties", description = "Kafka client settings passed to every consumer and producer "
      + "(security.protocol, sasl.*, ssl.*, client.id, ...).")
  Path kafkaProperties;

  @Option(names = "--checkpoint-interval", defaultValue = "60s", converter = DurationConverter.class,
      description = "Checkpoint interval, e.g. 30s, 2m, 500ms; 0 disables checkpoints (and with them exactly-once). "
          + "Default: ${DEFAULT-VALUE}.")
  Duration checkpointInterval;

  @Option(names = "--group-id", defaultValue = "p2p-energy-trading", description = "Consumer group. Default: ${DEFAULT-VALUE}.")
  String groupId;

  @Option(names = "--transactional-id-prefix", defaultValue = "p2p-energy-trading",
      description = "Prefix of the sinks' Kafka transactional ids (unique per job). Default: ${DEFAULT-VALUE}.")
  String transactionalIdPrefix;

  @Option(names = "--idle-timeout", defaultValue = "30s", converter = DurationConverter.class,
      description = "A reader silent this long stops holding the watermark back; 0 = never. Default: ${DEFAULT-VALUE}.")
  Duration idleTimeout;

  @Option(names = "--parallelism", description = "Job parallelism (default: the environment's).")
  Integer parallelism;

  @Option(names = "--bounded", description = "Stop at the bids topic's end offsets at start (backfills, tests).")
  boolean bounded;

  @Option(names = "--require-signatures", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Reject bids not signed by their registered participant (needs --participants). On by default; "
          + "--no-require-signatures accepts unsigned bids.")
  boolean requireSignatures;

  @Option(names = "--ledger-topic", defaultValue = "ledger", description = "Default: ${DEFAULT-VALUE}.")
  String ledgerTopic;

  @Option(names = "--settlements-topic", defaultValue = "settlements", description = "Default: ${DEFAULT-VALUE}.")
  String settlementsTopic;

  @Option(names = "--meter-readings-topic", defaultValue = "meter-readings", description = "Default: ${DEFAULT-VALUE}.")
  String meterReadingsTopic;

  @Mixin
  JobArgs jobArgs = new JobArgs();

  @Mixin
  IntegrityArgs integrityArgs = new IntegrityArgs();

  @Override
  public Integer call() throws Exception {
    FeederFiles feederFiles = FeederFiles.read(feeders);
    JobOptions options = jobArgs.toOptions(idleTimeout);
    boolean checkpointing = !checkpointInterval.isZero();
    KafkaOptions kafka = new KafkaOptions(bootstrapServers, bidsTopic, allocationsTopic, reportsTopic,
        rejectionsTopic, groupId, transactionalIdPrefix, loadProperties(kafkaProperties), checkpointing, bounded);
    IntegrityOptions integrity = integrityArgs.toOptions(requireSignatures);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    if (parallelism != null) {
      env.setParallelism(parallelism);
    }
    if (checkpointing) {
      env.enableCheckpointing(checkpointInterval.toMillis());
    }
    MarketSinks sinks = KafkaEndpoints.sinks(kafka).withIntegrity(KafkaEndpoints.lines(kafka, ledgerTopic, "ledger"),
        KafkaEndpoints.lines(kafka, settlementsTopic, "settlements"));
    MarketJob job = new MarketJob(KafkaEndpoints.source(kafka), sinks, feederFiles, options,
        new BidCodec(options.validation().maxRecordBytes()), integrity,
        KafkaEndpoints.lines(kafka, meterReadingsTopic));
    var result = job.execute(env, "p2p-energy-trading run " + bidsTopic);
    System.err.println(result.isJobExecutionResult()
        ? "run finished after " + result.getNetRuntime() + " ms" : "submitted job " + result.getJobID());
    return 0;
  }

  static Properties loadProperties(Path file) throws IOException {
    Properties p = new Properties();
    if (file == null) {
      return p;
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("kafka properties file not found: " + file);
    }
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    }
    return p;
  }
}
