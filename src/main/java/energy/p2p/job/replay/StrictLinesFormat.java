package energy.p2p.job.replay;

import energy.p2p.io.LineReader;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Lines of a file read as bytes by {@link LineReader} (instead of Flink's TextLineInputFormat, which
 * decodes leniently and holds any line whole): valid UTF-8 lines as text; a line that is not UTF-8
 * or longer than {@code maxLineBytes} as a carried rejection naming {@code origin} and its line
 * number. Not splittable: line numbers count from the start of the file (on restore the adapter
 * re-reads the skipped records through the same reader, so they still do). With a {@link Pacing}
 * the reader reports its progress (bids) or waits for the leader's (meter readings).
 */
final class StrictLinesFormat extends SimpleStreamFormat<String> {
  /** How a reader takes part in {@link ReplayPace} for {@code runId}; {@code fileBytes} 0: not at all. */
  record Pacing(String runId, boolean leads, long fileBytes) implements java.io.Serializable {
    static final Pacing NONE = new Pacing("", false, 0);

    long ppm(long bytesRead) {
      return Math.min(ReplayPace.WHOLE, bytesRead * ReplayPace.WHOLE / fileBytes);
    }
  }

  private final String origin;
  private final int maxLineBytes;
  private final Pacing pacing;

  StrictLinesFormat(String origin, int maxLineBytes, Pacing pacing) {
    this.origin = origin;
    this.maxLineBytes = maxLineBytes;
    this.pacing = pacing;
  }

  @Override
  public Reader<String> createReader(Configuration config, FSDataInputStream stream) {
    return new LinesReader(new LineReader(stream, origin, maxLineBytes), pacing);
  }

  @Override
  public TypeInformation<String> getProducedType() {
    return Types.STRING;
  }

  private static final class LinesReader implements Reader<String> {
    private final LineReader lines;
    private final Pacing pacing;

    LinesReader(LineReader lines, Pacing pacing) {
      this.lines = lines;
      this.pacing = pacing;
    }

    @Override
    public String read() throws IOException {
      String line = lines.next();
      if (pacing.fileBytes() > 0) {
        long ppm = line == null ? ReplayPace.WHOLE : pacing.ppm(lines.bytesRead());
        if (pacing.leads()) {
          if (line == null || (lines.lineNumber() & 1023) == 0) {
            ReplayPace.lead(pacing.runId(), ppm);
          }
        } else if (line != null) {
          ReplayPace.follow(pacing.runId(), ppm);
        }
      }
      return line;
    }

    @Override
    public void close() throws IOException {
      if (pacing.fileBytes() > 0 && pacing.leads()) {
        ReplayPace.lead(pacing.runId(), ReplayPace.WHOLE); // stopped: never hold the follower
      }
      lines.close();
    }
  }
}
