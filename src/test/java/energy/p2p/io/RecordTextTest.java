package energy.p2p.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.model.ReasonCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecordTextTest {
  static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  static byte[] concat(String a, byte[] mid, String b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(mid);
    out.writeBytes(b.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** The documented inverse of the escape: "\\" is a backslash, "\xNN" the byte NN, the rest UTF-8 text. */
  static byte[] unescape(String raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && raw.charAt(i + 1) == '\\') {
        out.write('\\');
        i++;
      } else if (c == '\\' && raw.charAt(i + 1) == 'x') {
        out.write(Integer.parseInt(raw.substring(i + 2, i + 4), 16));
        i += 3;
      } else {
        int cp = raw.codePointAt(i);
        out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(cp) - 1;
      }
    }
    return out.toByteArray();
  }

  @Test
  void decodesValidUtf8IncludingARealReplacementCharacter() {
    String text = "{\"participantId\":\"Müller ☀ 🚗 \uFFFD\"}";
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    assertEquals(text, RecordText.text(b, 0, b.length));
    assertEquals(text, RecordText.decode(b, 0, b.length, "x", 4096));
  }

  @Test
  void aLatin1ByteIsMalformedNamingTheOriginAndTheByte() {
    byte[] b = concat("{\"participantId\":\"M", bytes(0xFC), "ller\"}"); // "Müller" written as Latin-1
    assertNull(RecordText.text(b, 0, b.length));
    UnreadableRecord u = RecordText.unreadable(b, 0, b.length, "bids.jsonl line 17", 4096);
    assertEquals(ReasonCode.MALFORMED, u.reason());
    assertTrue(u.detail().startsWith("bids.jsonl line 17: not valid UTF-8: 1 byte(s)"), u.detail());
    assertTrue(u.detail().contains("the first at byte 19 (0xFC)"), u.detail());
    assertEquals("{\"participantId\":\"M\\xFCller\"}", u.raw());
  }

  @Test
  void overlongFormsEncodedSurrogatesAndTruncatedSequencesAreNotUtf8() {
    int[][] bad = {{0xC0, 0xAF}, {0xED, 0xA0, 0x80}, {0xF4, 0x90, 0x80, 0x80}, {0xE2, 0x98}, {0xFF}};
    for (int[] b : bad) {
      byte[] record = concat("a", bytes(b), "");
      assertNull(RecordText.text(record, 0, record.length), java.util.Arrays.toString(b));
      assertNotNull(RecordText.unreadable(record, 0, record.length, "o", 4096));
    }
  }

  @Test
  void theEscapedRawGivesBackTheExactBytes() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int k = 0; k < 2000; k++) {
      byte[] b = new byte[rnd.nextInt(1, 60)];
      for (int i = 0; i < b.length; i++) {
        // mostly text (with backslashes and multi-byte characters), some stray bytes
        int u = rnd.nextInt(10);
        b[i] = (byte) (u < 5 ? 'a' + rnd.nextInt(26) : u < 6 ? '\\' : u < 7 ? 'x' : rnd.nextInt(256));
      }
      UnreadableRecord u = RecordText.unreadable(b, 0, b.length, "o", 4096);
      if (u != null) {
        assertArrayEquals(b, unescape(u.raw()), u.raw());
        byte[] rawBytes = u.raw().getBytes(StandardCharsets.UTF_8);
        assertEquals(u.raw(), RecordText.text(rawBytes, 0, rawBytes.length), "the raw is valid text");
      }
    }
  }

  @Test
  void aRecordOverTheLimitIsTooLargeBeforeItIsDecoded() {
    byte[] b = concat("x".repeat(5000), bytes(0xFF), "");
    UnreadableRecord u = RecordText.unreadable(b, 0, b.length, "o", 4096);
    assertEquals(ReasonCode.TOO_LARGE, u.reason());
    assertEquals("record is 5001 bytes, the limit is 4096", u.detail());
    assertEquals("x".repeat(256) + "...", u.raw());
  }

  @Test
  void aCarriedRecordComesBackWholeAndOrdinaryTextIsNotOne() {
    UnreadableRecord u = new UnreadableRecord(ReasonCode.MALFORMED, "f line 3: not valid UTF-8", "a\\xFFb\u0000c");
    assertEquals(u, UnreadableRecord.of(u.carry()));
    assertNull(UnreadableRecord.of("{\"bidId\":\"b\"}"));
    assertNull(UnreadableRecord.of(""));
  }
}
