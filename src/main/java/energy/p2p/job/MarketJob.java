package energy.p2p.job;

import energy.p2p.ingest.BidValidator;
import energy.p2p.io.BidCodec;
import energy.p2p.model.Allocation;
import energy.p2p.model.ClearingReport;
import energy.p2p.model.Rejection;
import energy.p2p.settlement.MeterReading;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The market as a Flink job. It receives its source and sinks and only wires the topology:
 *
 * <pre>
 * bids (each record read once by intake: in the Kafka deserializer, or after the file reader)
 *      → parse-validate (jump rule, feeder clocks) → event time (replay: submittedAt here; run: the
 *        source's, per partition) → keyBy feeder → frame-clearing (gate closure) → keyBy feeder
 *      → feasibility → allocations / clearing-reports
 * rejections of parse-validate and frame-clearing → rejected-bids
 * published windows → keyBy feeder → ledger (hash chain per feeder)                → ledger
 * published windows + meter readings → keyBy feeder → settlement (event time)      → settlements
 * gate clock (run, receipt time): heartbeat → gate ticks appended to the bids topic
 * </pre>
 *
 * The ledger and the settlement are wired when their sinks are given (and, for the settlement, a
 * meter-readings source); the gate clock when a {@link GateTickWriter} is given.
 *
 * Every operator has a stable uid and a name (savepoint compatibility).
 */
public final class MarketJob {
  private final BidSource source;
  private final MarketSinks sinks;
  private final FeederFiles feeders;
  private final JobOptions options;
  private final BidCodec codec;
  private final IntegrityOptions integrity;
  private final LineSource readings;
  private final GateTickWriter gateTicks;

  public MarketJob(BidSource source, MarketSinks sinks, FeederFiles feeders, JobOptions options, BidCodec codec) {
    this(source, sinks, feeders, options, codec, IntegrityOptions.defaults(), null, null);
  }

  /** {@code readings}: raw meter-reading records, or null (no settlement). */
  public MarketJob(BidSource source, MarketSinks sinks, FeederFiles feeders, JobOptions options, BidCodec codec,
      IntegrityOptions integrity, LineSource readings) {
    this(source, sinks, feeders, options, codec, integrity, readings, null);
  }

  /** {@code gateTicks}: the live gate clock's writer (receipt time), or null (no gate clock). */
  public MarketJob(BidSource source, MarketSinks sinks, FeederFiles feeders, JobOptions options, BidCodec codec,
      IntegrityOptions integrity, LineSource readings, GateTickWriter gateTicks) {
    this.source = source;
    this.sinks = sinks;
    this.feeders = feeders;
    this.options = options;
    this.codec = codec;
    this.integrity = integrity;
    this.readings = readings;
    this.gateTicks = gateTicks;
  }

  /** How every bid record is read: codec, validation, receipt-time lateness, signature. */
  public static BidIntake intake(BidCodec codec, FeederFiles feeders, JobOptions options, IntegrityOptions integrity) {
    return new BidIntake(codec, new BidValidator(feeders.feeders(), options.validation()),
        integrity.signatureCheck(), options.timeModel());
  }

  /** Adds the topology to {@code env}. */
  public void build(StreamExecutionEnvironment env) {
    // run (Kafka): event time is taken at the source, one watermark per partition; replay: after
    // parse + validate, by the single reader (file order)
    boolean atSource = source.watermarksPerSplit();
    DataStream<IntakeRecord> records =
        source.create(env, intake(codec, feeders, options, integrity), EventTime.atSource(options));
    // parse-validate runs at the source's parallelism, chained to it: with a single replay
    // reader, one channel feeds the windows and LATE depends on the file's order only
    int readers = records.getParallelism();
    SingleOutputStreamOperator<WindowInput> valid = records
        .process(new ParseValidateFunction(feeders, options)).setParallelism(readers)
        .uid("parse-validate").name("parse + validate");
    // same uid either way (stateless): in run it only forwards the source's timestamps and watermarks
    SingleOutputStreamOperator<WindowInput> timed = atSource
        ? valid.filter(b -> true).setParallelism(readers)
            .uid("event-time").name("event time: per partition (at the source)")
        : valid.assignTimestampsAndWatermarks(EventTime.replay(options)).setParallelism(readers)
            .uid("event-time").name("event time: submittedAt");
    SingleOutputStreamOperator<ClearedWindow> cleared = timed
        .keyBy(new FeederKeys.OfInput())
        .process(new FrameClearingFunction(feeders, options))
        .uid("frame-clearing").name("frame windows + NSGA-II clearing");
    SingleOutputStreamOperator<ClearingReport> reports = cleared
        .keyBy(new FeederKeys.OfWindow())
        .process(new FeasibilityFunction(feeders, options))
        .uid("feasibility").name("AC feasibility + curtailment");
    DataStream<Allocation> allocations = reports.getSideOutput(OutputTags.ALLOCATIONS);
    DataStream<Rejection> rejections = valid.getSideOutput(OutputTags.REJECTIONS)
        .union(cleared.getSideOutput(OutputTags.REJECTIONS));

    sink(allocations, sinks.allocations(), "allocations");
    sink(reports, sinks.reports(), "clearing-reports");
    sink(rejections, sinks.rejections(), "rejected-bids");

    DataStream<PublishedWindow> published = reports.getSideOutput(OutputTags.PUBLISHED);
    if (sinks.ledger() != null) {
      DataStream<OutputLine> ledger = published
          .keyBy(new FeederKeys.OfPublished())
          .process(new LedgerFunction())
          .uid("ledger").name("ledger: hash chain per feeder");
      sink(ledger, sinks.ledger(), "ledger");
    }
    if (gateTicks != null) {
      addGateClock(env);
    }
    if (sinks.settlements() != null && readings != null) {
      DataStream<String> rawReadings = readings.create(env);
      // like the bids: parsed and watermarked at the source's parallelism (one replay reader keeps order)
      SingleOutputStreamOperator<MeterReading> parsed = rawReadings
          .process(new ParseReadingFunction(feeders, options, integrity.settlement())).setParallelism(rawReadings.getParallelism())
          .uid("parse-readings").name("parse meter readings");
      DataStream<MeterReading> timedReadings = parsed
          .assignTimestampsAndWatermarks(ReadingWatermarks.strategy(integrity.readingsOutOfOrderness(),
              options.idleTimeout())).setParallelism(rawReadings.getParallelism())
          .uid("readings-event-time").name("event time: readingAt");
      DataStream<OutputLine> settlements = published.keyBy(new FeederKeys.OfPublished())
          .connect(timedReadings.keyBy(new FeederKeys.OfReading()))
          .process(new SettlementFunction(integrity.settlement(), options.validation().frameMinutes()))
          .uid("settlement").name("settlement against meter readings")
          .union(parsed.getSideOutput(OutputTags.READING_NOTES));
      sink(settlements, sinks.settlements(), "settlements");
    }
  }

  /** The live gate clock: a one-per-second heartbeat keeps it alive; its timers tick the gates. */
  private void addGateClock(StreamExecutionEnvironment env) {
    env.fromSource(new DataGeneratorSource<>(n -> n, Long.MAX_VALUE, RateLimiterStrategy.perSecond(1), Types.LONG),
            WatermarkStrategy.noWatermarks(), "gate clock heartbeat").setParallelism(1).uid("gate-clock-heartbeat")
        .keyBy(new GateClockFunction.SingleKey())
        .process(new GateClockFunction(gateTicks, options.validation(), options.gateGrace().toMillis()))
        .setParallelism(1).uid("gate-clock").name("gate clock: ticks into the bids topic")
        .sinkTo(new DiscardingSink<>()).setParallelism(1).uid("gate-clock-sink").name("gate closures ticked");
  }

  /** Builds and runs the job (blocking for bounded sources). */
  public JobExecutionResult execute(StreamExecutionEnvironment env, String jobName) throws Exception {
    build(env);
    return env.execute(jobName);
  }

  private <T> void sink(DataStream<T> stream, Sink<T> sink, String name) {
    DataStreamSink<T> s = stream.sinkTo(sink).uid(name + "-sink").name(name);
    if (sinks.parallelism() > 0) {
      s.setParallelism(sinks.parallelism());
    }
  }
}
