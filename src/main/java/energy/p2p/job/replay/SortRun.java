package energy.p2p.job.replay;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One sorted run of {@link ExternalSorter} on disk: entries (key parts + JSON line) in order.
 * Strings round-trip exactly (also unpaired surrogates), so keys compare after a spill as before:
 * ASCII as bytes, anything else as UTF-16. Own buffers, no per-byte locking.
 */
final class SortRun {
  private static final byte NULL = 0;
  private static final byte ASCII = 1;
  private static final byte UTF16 = 2;
  private static final byte LONG = 3;
  private static final int BUFFER = 1 << 16;

  private SortRun() {}

  /** Writes entries to a new run file. */
  static final class Writer implements Closeable {
    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private int n;

    Writer(Path file) throws IOException {
      out = Files.newOutputStream(file);
    }

    void write(ExternalSorter.Entry e) throws IOException {
      for (Object part : e.key()) {
        if (part == null) {
          put(NULL);
        } else if (part instanceof Long l) {
          put(LONG);
          putLong(l);
        } else {
          string((String) part);
        }
      }
      string(e.json());
    }

    private void string(String s) throws IOException {
      boolean ascii = true;
      for (int i = 0; i < s.length() && ascii; i++) {
        ascii = s.charAt(i) < 0x80;
      }
      byte[] b = s.getBytes(ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_16BE);
      put(ascii ? ASCII : UTF16);
      putLong(b.length);
      if (b.length > buf.length - n) {
        drain();
        if (b.length > buf.length) {
          out.write(b);
          return;
        }
      }
      System.arraycopy(b, 0, buf, n, b.length);
      n += b.length;
    }

    private void put(byte b) throws IOException {
      if (n == buf.length) {
        drain();
      }
      buf[n++] = b;
    }

    private void putLong(long v) throws IOException {
      for (int shift = 56; shift >= 0; shift -= 8) {
        put((byte) (v >>> shift));
      }
    }

    private void drain() throws IOException {
      out.write(buf, 0, n);
      n = 0;
    }

    @Override
    public void close() throws IOException {
      drain();
      out.close();
    }
  }

  /** Reads a run's entries back in order; {@link #current()} is the entry at hand. */
  static final class Reader implements Closeable {
    final int index;
    private final InputStream in;
    private final int parts;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private ExternalSorter.Entry current;

    Reader(Path file, int parts, int index) throws IOException {
      this.in = Files.newInputStream(file);
      this.parts = parts;
      this.index = index;
    }

    ExternalSorter.Entry current() {
      return current;
    }

    /** Moves to the next entry; false at the end of the run. */
    boolean advance() throws IOException {
      if (pos == limit && !fill()) {
        current = null;
        return false;
      }
      Object[] key = new Object[parts];
      for (int i = 0; i < parts; i++) {
        byte tag = get();
        key[i] = tag == NULL ? null : tag == LONG ? getLong() : string(tag);
      }
      current = new ExternalSorter.Entry(key, string(get()));
      return true;
    }

    private String string(byte tag) throws IOException {
      byte[] b = new byte[(int) getLong()];
      for (int off = 0; off < b.length; ) {
        if (pos == limit && !fill()) {
          throw new EOFException("sort run cut short");
        }
        int k = Math.min(b.length - off, limit - pos);
        System.arraycopy(buf, pos, b, off, k);
        pos += k;
        off += k;
      }
      return new String(b, tag == ASCII ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_16BE);
    }

    private byte get() throws IOException {
      if (pos == limit && !fill()) {
        throw new EOFException("sort run cut short");
      }
      return buf[pos++];
    }

    private long getLong() throws IOException {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (get() & 0xFF);
      }
      return v;
    }

    private boolean fill() throws IOException {
      int k = in.read(buf, 0, buf.length);
      pos = 0;
      limit = Math.max(k, 0);
      return k > 0;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
