package energy.p2p.job;

import java.io.Serializable;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where raw bid records come from (a file for replay, Kafka in production, a list in tests). */
@FunctionalInterface
public interface BidSource extends Serializable {
  DataStream<String> create(StreamExecutionEnvironment env);
}
