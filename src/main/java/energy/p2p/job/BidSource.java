package energy.p2p.job;

import java.io.Serializable;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where raw bid records come from (a file for replay, Kafka in production, a list in tests). */
@FunctionalInterface
public interface BidSource extends Serializable {
  DataStream<String> create(StreamExecutionEnvironment env);

  /**
   * True when the source takes event time itself, one watermark per split (Kafka partition), with
   * {@link #create(StreamExecutionEnvironment, WatermarkStrategy)}; false (the default): the job
   * assigns event time after parse + validate, per reader (replay: one reader, the file's order).
   */
  default boolean watermarksPerSplit() {
    return false;
  }

  /** The records with event time and watermarks from {@code eventTime}, tracked per split. */
  default DataStream<String> create(StreamExecutionEnvironment env, WatermarkStrategy<String> eventTime) {
    throw new UnsupportedOperationException("this source does not take event time at the source");
  }
}
