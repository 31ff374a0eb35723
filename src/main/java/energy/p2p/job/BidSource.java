package energy.p2p.job;

import java.io.Serializable;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where bid records come from (a file for replay, Kafka in production, a list in tests). */
public interface BidSource extends Serializable {
  /**
   * The records, each read once by {@code intake}. When {@link #watermarksPerSplit()}, with event
   * time from {@code eventTime} tracked per split (Kafka partition); otherwise {@code eventTime} is
   * ignored and the job assigns event time after parse + validate.
   */
  DataStream<IntakeRecord> create(StreamExecutionEnvironment env, BidIntake intake,
      WatermarkStrategy<IntakeRecord> eventTime);

  /**
   * True when the source takes event time itself, one watermark per split; false (the default):
   * the job assigns event time after parse + validate, per reader (replay: one reader, the file's order).
   */
  default boolean watermarksPerSplit() {
    return false;
  }

  /** Text records from {@code lines}, read by intake at the lines' parallelism (chained). */
  static BidSource of(LineSource lines) {
    return (env, intake, eventTime) -> {
      DataStream<String> raw = lines.create(env);
      return raw.map(new IntakeMap(intake)).setParallelism(raw.getParallelism()).uid("intake").name("read bids");
    };
  }
}
