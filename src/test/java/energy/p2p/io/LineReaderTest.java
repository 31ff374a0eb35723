package energy.p2p.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.model.ReasonCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  static List<String> lines(byte[] file, int maxBytes) throws IOException {
    List<String> out = new ArrayList<>();
    try (LineReader r = new LineReader(new ByteArrayInputStream(file), "f.jsonl", maxBytes)) {
      for (String l; (l = r.next()) != null; ) {
        out.add(l);
        assertEquals(out.size(), r.lineNumber());
      }
    }
    return out;
  }

  @Test
  void splitsLinesAsBufferedReaderDoes() throws IOException {
    assertEquals(List.of("a", "b", "", "c", "d"), lines("a\nb\r\n\nc\rd".getBytes(), 4096));
    assertEquals(List.of("a"), lines("a\n".getBytes(), 4096));
    assertEquals(List.of("a", ""), lines("a\r\r\n".getBytes(), 4096));
    assertEquals(List.of(), lines(new byte[0], 4096));
  }

  @Test
  void aLineThatIsNotUtf8IsRejectedByNumberAndTheNextLinesAreRead() throws IOException {
    byte[] file = RecordTextTest.concat("{\"ok\":1}\n{\"p\":\"M", RecordTextTest.bytes(0xFC), "ller\"}\n{\"ok\":3}\n");
    List<String> got = lines(file, 4096);
    assertEquals(3, got.size());
    assertEquals("{\"ok\":1}", got.get(0));
    assertEquals("{\"ok\":3}", got.get(2));
    UnreadableRecord u = UnreadableRecord.of(got.get(1));
    assertEquals(ReasonCode.MALFORMED, u.reason());
    assertTrue(u.detail().startsWith("f.jsonl line 2: not valid UTF-8"), u.detail());
    assertEquals("{\"p\":\"M\\xFCller\"}", u.raw());
  }

  @Test
  void aHugeLineIsTooLargeWithoutBeingHeldWhole() throws IOException {
    // 64 MiB without a newline, streamed: the reader keeps a few KiB of it
    long huge = 64L << 20;
    InputStream endless = new InputStream() {
      long n;

      @Override
      public int read() {
        return n < huge ? (n++ % 100 == 0 ? '{' : 'x') : n++ == huge ? '\n' : n == huge + 2 ? 'z' : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        int i = 0;
        for (int c; i < len && (c = read()) >= 0; i++) {
          b[off + i] = (byte) c;
        }
        return i == 0 ? -1 : i;
      }
    };
    List<String> got = new ArrayList<>();
    try (LineReader r = new LineReader(endless, "f", 4096)) {
      for (String l; (l = r.next()) != null; ) {
        got.add(l);
      }
    }
    UnreadableRecord u = UnreadableRecord.of(got.get(0));
    assertEquals(ReasonCode.TOO_LARGE, u.reason());
    assertEquals("record is " + huge + " bytes, the limit is 4096", u.detail());
    assertEquals(259, u.raw().length());
    assertEquals("z", got.get(1));
  }

  @Test
  void aLongLineOfSpacesIsStillBlankAndALongLineBelowTheLimitIsText() throws IOException {
    assertEquals(List.of("", "ok"), lines((" ".repeat(10_000) + "\nok").getBytes(), 4096));
    String long4k = "y".repeat(4096);
    assertEquals(List.of(long4k), lines(long4k.getBytes(), 4096));
  }
}
