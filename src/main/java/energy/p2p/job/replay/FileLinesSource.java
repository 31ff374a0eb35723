package energy.p2p.job.replay;

import energy.p2p.job.LineSource;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A bounded file of records, one per line (bids: JSON Lines or CSV; meter readings), read in order
 * by ONE reader at parallelism 1: event time advances as the file does, so LATE decisions and the
 * outputs are deterministic. Lines are read as bytes ({@link StrictLinesFormat}): a line that is not
 * UTF-8 or is too long becomes a rejection naming its line, the rest of the file is read normally.
 */
public final class FileLinesSource implements LineSource {
  private final String file;
  private final String uid;
  private final String name;
  private final int maxLineBytes;
  private final StrictLinesFormat.Pacing pacing;

  /** {@code maxLineBytes}: longer lines are TOO_LARGE (without being held whole in memory). */
  public FileLinesSource(java.nio.file.Path file, String uid, String name, int maxLineBytes) {
    this(file, uid, name, maxLineBytes, StrictLinesFormat.Pacing.NONE);
  }

  private FileLinesSource(java.nio.file.Path file, String uid, String name, int maxLineBytes,
      StrictLinesFormat.Pacing pacing) {
    this.file = file.toAbsolutePath().toString();
    this.uid = uid;
    this.name = name;
    this.maxLineBytes = maxLineBytes;
    this.pacing = pacing;
  }

  /** The bids file of a replay (uid {@code bids-source}); it leads the pace of run {@code runId}. */
  static FileLinesSource bids(java.nio.file.Path file, int maxRecordBytes, String runId) {
    return new FileLinesSource(file, "bids-source", "bids file", maxRecordBytes, pacing(file, runId, true));
  }

  /** The meter readings of a replay; they follow the bids' pace ({@link ReplayPace}). */
  static FileLinesSource readings(java.nio.file.Path file, int maxRecordBytes, String runId) {
    return new FileLinesSource(file, "meter-readings-source", "meter-readings-source", maxRecordBytes,
        pacing(file, runId, false));
  }

  /** Pacing by the share of the file read; none for compressed files (their sizes are not line bytes). */
  private static StrictLinesFormat.Pacing pacing(java.nio.file.Path file, String runId, boolean leads) {
    String name = file.getFileName().toString();
    long size = file.toFile().length();
    boolean compressed = name.matches(".*\\.(gz|gzip|bz2|xz|deflate|zst)$");
    return compressed || size == 0 ? StrictLinesFormat.Pacing.NONE : new StrictLinesFormat.Pacing(runId, leads, size);
  }

  @Override
  public DataStream<String> create(StreamExecutionEnvironment env) {
    String origin = java.nio.file.Path.of(file).getFileName().toString();
    FileSource<String> src = FileSource.forRecordStreamFormat(new StrictLinesFormat(origin, maxLineBytes, pacing), new Path(file))
        .build();
    // watermarks come later, from the parsed records. One reader: a text file is one split anyway,
    // and a single channel into the windows keeps LATE decisions deterministic.
    return env.fromSource(src, WatermarkStrategy.noWatermarks(), name).uid(uid).setParallelism(1);
  }
}
