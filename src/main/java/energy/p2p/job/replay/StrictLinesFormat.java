package energy.p2p.job.replay;

import energy.p2p.io.LineReader;
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
 * re-reads the skipped records through the same reader, so they still do).
 */
final class StrictLinesFormat extends SimpleStreamFormat<String> {
  private final String origin;
  private final int maxLineBytes;

  StrictLinesFormat(String origin, int maxLineBytes) {
    this.origin = origin;
    this.maxLineBytes = maxLineBytes;
  }

  @Override
  public Reader<String> createReader(Configuration config, FSDataInputStream stream) {
    LineReader lines = new LineReader(stream, origin, maxLineBytes);
    return new Reader<>() {
      @Override
      public String read() throws java.io.IOException {
        return lines.next();
      }

      @Override
      public void close() throws java.io.IOException {
        lines.close();
      }
    };
  }

  @Override
  public TypeInformation<String> getProducedType() {
    return Types.STRING;
  }
}
