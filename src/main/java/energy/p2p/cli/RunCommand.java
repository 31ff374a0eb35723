package energy.p2p.cli;

import energy.p2p.io.BidCodec;
import energy.p2p.job.FeederFiles;
import energy.p2p.job.IntegrityOptions;
import energy.p2p.job.JobOptions;
import energy.p2p.job.MarketJob;
import energy.p2p.job.MarketSinks;
import energy.p2p.job.TimeModel;
import energy.p2p.job.kafka.BidsTopic;
import energy.p2p.job.kafka.KafkaEndpoints;
import energy.p2p.job.kafka.LostTransactionPolicy;
import energy.p2p.job.kafka.KafkaOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run}: the production entry, Kafka in and out; also the main of a jar submitted to a cluster. */
@Command(name = "run", mixinStandardHelpOptions = true, defaultValueProvider = FlinkConfigDefaults.class,
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

  @Option(names = "--checkpoint-interval", defaultValue = "1s", converter = DurationConverter.class,
      description = "Checkpoint interval, e.g. 500ms, 1s, 30s; outputs become visible to read_committed readers at "
          + "each checkpoint, so this bounds the latency after gate closure (docs/operations.md). 0 disables "
          + "checkpoints (and with them exactly-once). Default: ${DEFAULT-VALUE}.")
  Duration checkpointInterval;

  @Option(names = "--checkpoint-dir", description = "Where checkpoints are kept (a path or URI: file:///..., s3://...). "
      + "Default: the cluster's execution.checkpointing.dir, else ./checkpoints (durable under java -jar; retained "
      + "on cancellation).")
  String checkpointDir;

  @Option(names = "--resume-from", description = "Start from this retained checkpoint or savepoint (a path or URI), "
      + "e.g. after stopping a java -jar run.")
  String resumeFrom;

  @Option(names = "--event-time", defaultValue = "receipt", converter = TimeModelConverter.class,
      description = "Which clock closes gates and judges LATE: 'receipt' (the live market: the Kafka record timestamp, "
          + "stamped by the broker, and a gate clock that ticks every partition at each gate closure) or "
          + "'submitted-at' (backfills of historical bids: the bids' submittedAt, as replay). Default: ${DEFAULT-VALUE}.")
  TimeModel eventTime;

  @Option(names = "--gate-grace", defaultValue = "200ms", converter = DurationConverter.class,
      description = "Receipt time: the gate clock ticks this long after each gate closure (wall clock), which is when "
          + "the window is cleared; it covers the clock offset to the broker and never admits a bid the broker "
          + "received at or after gate closure. 0..2s typical. Default: ${DEFAULT-VALUE}.")
  Duration gateGrace;

  @Option(names = "--gate-clock", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Receipt time: write the gate ticks (needs write access to the bids topic). --no-gate-clock when "
          + "another job already ticks the topic, or to audit a recorded topic (--bounded never ticks).")
  boolean gateClock;

  @Option(names = "--trust-create-time", description = "Receipt time with a bids topic whose records keep the "
      + "producer's timestamp (message.timestamp.type=CreateTime): only when every producer is the market's own "
      + "gateway, never a participant. Default: refused.")
  boolean trustCreateTime;

  @Option(names = "--on-lost-transaction", defaultValue = "alert", converter = LostTransactionPolicyConverter.class,
      description = "When the broker aborted a sink transaction before its commit (the job down longer than "
          + "transaction.timeout.ms): 'alert' (count transactionsLost, log an ERROR, keep clearing) or 'fail' (fail "
          + "the job until an operator acts). Default: ${DEFAULT-VALUE}.")
  LostTransactionPolicy onLostTransaction;

  @Option(names = "--group-id", defaultValue = "p2p-energy-trading", description = "Consumer group. Default: ${DEFAULT-VALUE}.")
  String groupId;

  @Option(names = "--transactional-id-prefix", defaultValue = "p2p-energy-trading",
      description = "Prefix of the sinks' Kafka transactional ids (unique per job). Default: ${DEFAULT-VALUE}.")
  String transactionalIdPrefix;

  @Option(names = "--idle-timeout", defaultValue = "30s", converter = DurationConverter.class,
      description = "Submitted-at time and meter readings: a reader silent this long stops holding the watermark "
          + "back; 0 = never (receipt time needs none: gate ticks reach every partition). Default: ${DEFAULT-VALUE}.")
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

  @Spec
  CommandSpec spec;

  @Mixin
  JobArgs jobArgs = new JobArgs();

  @Mixin
  IntegrityArgs integrityArgs = new IntegrityArgs();

  @Override
  public Integer call() throws Exception {
    FeederFiles feederFiles = FeederFiles.read(feeders);
    JobOptions options = jobArgs.toOptions(idleTimeout);
    if (eventTime == TimeModel.RECEIPT) {
      options = options.withReceiptTime(gateGrace);
    }
    options.rules().requireFeeders(feederFiles.feeders().keySet(), feeders.toString());
    boolean checkpointing = !checkpointInterval.isZero();
    KafkaOptions kafka = new KafkaOptions(bootstrapServers, bidsTopic, allocationsTopic, reportsTopic,
        rejectionsTopic, groupId, transactionalIdPrefix, loadProperties(kafkaProperties), checkpointing, bounded,
        onLostTransaction);
    BidsTopic topic = BidsTopic.inspect(kafka);
    checkReceiptTime(topic);
    IntegrityOptions integrity = integrityArgs.toOptions(requireSignatures);
    StreamExecutionEnvironment env = new RunEnvironment(checkpointInterval, checkpointDir, resumeFrom, kafka.transactionTimeout()).create();
    if (parallelism != null) {
      env.setParallelism(parallelism);
    }
    MarketSinks sinks = KafkaEndpoints.sinks(kafka).withIntegrity(KafkaEndpoints.lines(kafka, ledgerTopic, "ledger"),
        KafkaEndpoints.lines(kafka, settlementsTopic, "settlements"));
    boolean ticking = eventTime == TimeModel.RECEIPT && gateClock && !bounded;
    MarketJob job = new MarketJob(KafkaEndpoints.bids(kafka, topic.partitions()), sinks, feederFiles, options,
        new BidCodec(options.validation().maxRecordBytes()), integrity,
        KafkaEndpoints.lines(kafka, meterReadingsTopic), ticking ? KafkaEndpoints.gateTicks(kafka) : null);
    PrintWriter err = spec.commandLine().getErr();
    err.println("run: " + describe(options, topic, ticking, err));
    var settlement = integrity.settlement();
    RunEnvironment.heapStateWarning(env, settlement.deadline().plus(settlement.correctionHorizon()))
        .ifPresent(w -> err.println("run: WARNING " + w));
    err.flush();
    var result = job.execute(env, "p2p-energy-trading run " + bidsTopic);
    err.println(result.isJobExecutionResult()
        ? "run finished after " + result.getNetRuntime() + " ms" : "submitted job " + result.getJobID());
    err.flush();
    return 0;
  }

  /** Receipt time needs the broker, not a producer, to stamp the bids. */
  private void checkReceiptTime(BidsTopic topic) {
    if (eventTime != TimeModel.RECEIPT || topic.logAppendTime() || trustCreateTime) {
      return;
    }
    throw new IllegalArgumentException("bids topic '" + topic.name() + "' keeps the producers' timestamps "
        + "(message.timestamp.type=CreateTime), so a participant's clock would judge gate closure. Set "
        + "message.timestamp.type=LogAppendTime on the topic (kafka-configs.sh --alter --entity-type topics "
        + "--entity-name " + topic.name() + " --add-config message.timestamp.type=LogAppendTime), or pass "
        + "--trust-create-time if only the market's own gateway produces to it.");
  }

  private String describe(JobOptions options, BidsTopic topic, boolean ticking, PrintWriter err) {
    if (options.timeModel() == TimeModel.SUBMITTED_AT) {
      return "event time = submittedAt (out-of-orderness " + options.outOfOrderness().toSeconds() + " s), "
          + topic.partitions() + " partitions";
    }
    if (jobArgs.outOfOrdernessSeconds != JobArgs.DEFAULT_OUT_OF_ORDERNESS_SECONDS) {
      err.println("run: --out-of-orderness-seconds is ignored with --event-time receipt "
          + "(the broker's receipt time judges lateness; it applies to --event-time submitted-at and replay)");
    }
    return "event time = receipt (Kafka record timestamp, " + (topic.logAppendTime() ? "LogAppendTime" : "CreateTime")
        + "), " + topic.partitions() + " partitions, gate clock " + (ticking ? "ticking " + gateGrace.toMillis()
        + " ms after each gate closure" : "off");
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
