package energy.p2p.job;

import energy.p2p.io.BidCodec;
import energy.p2p.model.Allocation;
import energy.p2p.model.ClearingReport;
import energy.p2p.model.Rejection;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The market as a Flink job. It receives its source and sinks and only wires the topology:
 *
 * <pre>
 * bids → parse-validate → event time (submittedAt) → keyBy feeder → frame-clearing (gate closure)
 *      → keyBy feeder → feasibility → allocations / clearing-reports
 * rejections of parse-validate and frame-clearing → rejected-bids
 * </pre>
 *
 * Every operator has a stable uid and a name (savepoint compatibility).
 */
public final class MarketJob {
  private final BidSource source;
  private final MarketSinks sinks;
  private final FeederFiles feeders;
  private final JobOptions options;
  private final BidCodec codec;

  public MarketJob(BidSource source, MarketSinks sinks, FeederFiles feeders, JobOptions options, BidCodec codec) {
    this.source = source;
    this.sinks = sinks;
    this.feeders = feeders;
    this.options = options;
    this.codec = codec;
  }

  /** Adds the topology to {@code env}. */
  public void build(StreamExecutionEnvironment env) {
    DataStream<String> raw = source.create(env);
    // parsing and watermarking run at the source's parallelism, chained to it: with a single
    // replay reader, one channel feeds the windows and LATE depends on the file's order only
    int readers = raw.getParallelism();
    SingleOutputStreamOperator<ReceivedBid> valid = raw
        .process(new ParseValidateFunction(codec, feeders, options)).setParallelism(readers)
        .uid("parse-validate").name("parse + validate");
    SingleOutputStreamOperator<ReceivedBid> timed = valid
        .assignTimestampsAndWatermarks(SubmittedAtWatermarks.strategy(options)).setParallelism(readers)
        .uid("event-time").name("event time: submittedAt");
    SingleOutputStreamOperator<ClearedWindow> cleared = timed
        .keyBy(new FeederKeys.OfBid())
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
