package energy.p2p.job;

import java.io.Serializable;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Raw text records (a file's lines, a topic's messages): meter readings, or bids before intake. */
@FunctionalInterface
public interface LineSource extends Serializable {
  DataStream<String> create(StreamExecutionEnvironment env);
}
