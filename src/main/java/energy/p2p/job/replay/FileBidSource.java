package energy.p2p.job.replay;

import energy.p2p.job.LineSource;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Bounded replay input: the lines of one bids file (JSON Lines or CSV), read in order by a single
 * reader at parallelism 1, so event time advances as the file does and replays are deterministic.
 */
public final class FileBidSource implements LineSource {
  private final String file;

  public FileBidSource(java.nio.file.Path file) {
    this.file = file.toAbsolutePath().toString();
  }

  @Override
  public DataStream<String> create(StreamExecutionEnvironment env) {
    FileSource<String> src = FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(file)).build();
    // watermarks come later, from the parsed submittedAt. One reader: a text file is one split
    // anyway, and a single channel into the windows keeps LATE decisions deterministic.
    return env.fromSource(src, WatermarkStrategy.noWatermarks(), "bids file").uid("bids-source").setParallelism(1);
  }
}
