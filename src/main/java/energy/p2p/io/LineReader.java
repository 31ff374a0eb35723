package energy.p2p.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a file of records line by line as bytes, so that one line that is not valid UTF-8 or is
 * far too long spoils only itself: such a line comes back as a {@link UnreadableRecord#carry()
 * carried} rejection naming it ({@code ORIGIN line N}), and reading goes on. Lines end at
 * {@code \n}, {@code \r\n} or a lone {@code \r} (as {@link java.io.BufferedReader#readLine()}), the
 * last one may lack its terminator. Memory is bounded: of a line longer than {@code maxBytes} only
 * its start is kept (it is TOO_LARGE; a line of only whitespace stays a blank line).
 */
public final class LineReader implements Closeable {
  private final InputStream in;
  private final String origin;
  private final int maxBytes;
  private final int keepBytes;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private boolean skipLf;
  private byte[] line = new byte[512];
  private int kept;
  private long total;
  private boolean droppedBlank;
  private long lineNumber;
  private long filled;

  /** {@code origin}: how the file is named in details (e.g. its file name). */
  public LineReader(InputStream in, String origin, int maxBytes) {
    this.in = in;
    this.origin = origin;
    this.maxBytes = maxBytes;
    this.keepBytes = Math.max(maxBytes, 4 * BidCodec.RAW_KEPT_CHARS); // enough for a TOO_LARGE rejection's raw
  }

  /** The next line: its text, or a carried {@link UnreadableRecord}; null at the end of the input. */
  public String next() throws IOException {
    kept = 0;
    total = 0;
    droppedBlank = true;
    boolean started = false;
    while (true) {
      if (pos == limit && !fill()) {
        if (!started) {
          return null;
        }
        break;
      }
      if (skipLf) {
        skipLf = false;
        if (buf[pos] == '\n') {
          pos++;
          continue;
        }
      }
      started = true;
      int start = pos;
      while (pos < limit && buf[pos] != '\n' && buf[pos] != '\r') {
        pos++;
      }
      keep(start, pos);
      if (pos < limit) {
        skipLf = buf[pos] == '\r';
        pos++;
        break;
      }
    }
    lineNumber++;
    return text();
  }

  /** The 1-based number of the line {@link #next()} returned last. */
  public long lineNumber() {
    return lineNumber;
  }

  /** Bytes of the input consumed so far (lines and their terminators). */
  public long bytesRead() {
    return filled - (limit - pos);
  }

  private String text() {
    if (total > maxBytes) {
      if (droppedBlank && BidCodec.isBlank(new String(line, 0, kept, java.nio.charset.StandardCharsets.UTF_8))) {
        return ""; // a blank line holds no record, however long
      }
      return RecordText.tooLarge(total, maxBytes, line, 0, Math.min(kept, 4 * BidCodec.RAW_KEPT_CHARS)).carry();
    }
    return RecordText.decode(line, 0, kept, origin + " line " + lineNumber, maxBytes);
  }

  private void keep(int start, int end) {
    int n = end - start;
    total += n;
    int room = keepBytes - kept;
    int copy = Math.min(n, room);
    if (copy > 0) {
      if (kept + copy > line.length) {
        line = Arrays.copyOf(line, Math.min(keepBytes, Math.max(2 * line.length, kept + copy)));
      }
      System.arraycopy(buf, start, line, kept, copy);
      kept += copy;
    }
    if (copy < n && droppedBlank) {
      droppedBlank = isBlank(buf, start + copy, end);
    }
  }

  /** ASCII whitespace only (what a padded line is made of; good enough for the dropped tail). */
  private static boolean isBlank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\f' && b[i] != 0x0B) {
        return false;
      }
    }
    return true;
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    while (n == 0) {
      n = in.read(buf, 0, buf.length);
    }
    pos = 0;
    limit = Math.max(n, 0);
    filled += limit;
    return n > 0;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
