package energy.p2p.job.replay;

import energy.p2p.job.LineSource;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** A bounded text file read in order by one reader (replay's meter readings), with its own uid. */
public final class FileLinesSource implements LineSource {
  private final String file;
  private final String uid;

  public FileLinesSource(java.nio.file.Path file, String uid) {
    this.file = file.toAbsolutePath().toString();
    this.uid = uid;
  }

  @Override
  public DataStream<String> create(StreamExecutionEnvironment env) {
    FileSource<String> src = FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(file)).build();
    return env.fromSource(src, WatermarkStrategy.noWatermarks(), uid).uid(uid).setParallelism(1);
  }
}
