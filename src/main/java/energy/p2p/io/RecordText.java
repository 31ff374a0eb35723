package energy.p2p.io;

import energy.p2p.model.ReasonCode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes of one record (a file line, a Kafka message value) to text, strictly: bytes that are not
 * valid UTF-8 are never replaced silently. Such a record becomes an {@link UnreadableRecord}
 * ({@code MALFORMED}) whose detail names where it came from and the first bad byte, and whose
 * {@code raw} is the record in a lossless, readable escape: valid UTF-8 as text, each byte that is
 * not part of a valid UTF-8 sequence as {@code \xNN} (hex), and a backslash as {@code \\} (so the
 * exact bytes can be restored). A record larger than the limit is {@code TOO_LARGE} before it is
 * decoded, as {@link BidCodec} rejects it. Flink-free and thread-safe.
 */
public final class RecordText {
  private RecordText() {}

  /**
   * The text of {@code bytes[offset, offset + length)}, or — when they are longer than
   * {@code maxBytes} or not valid UTF-8 — the {@link UnreadableRecord#carry() carried} rejection;
   * {@code origin} (e.g. {@code "bids.jsonl line 17"}, {@code "bids partition 3 offset 1234"})
   * starts its detail.
   */
  public static String decode(byte[] bytes, int offset, int length, String origin, int maxBytes) {
    UnreadableRecord u = unreadable(bytes, offset, length, origin, maxBytes);
    return u != null ? u.carry() : text(bytes, offset, length);
  }

  /**
   * Why these bytes cannot be read as one record (TOO_LARGE, or MALFORMED: not UTF-8), or null
   * when they can ({@link #text} then decodes them).
   */
  public static UnreadableRecord unreadable(byte[] bytes, int offset, int length, String origin, int maxBytes) {
    if (length > maxBytes) {
      return tooLarge(length, maxBytes, bytes, offset, Math.min(length, 4 * BidCodec.RAW_KEPT_CHARS));
    }
    String text = text(bytes, offset, length);
    return text != null ? null : notUtf8(bytes, offset, length, origin);
  }

  /** The text of valid UTF-8 bytes, or null when they are not valid UTF-8. */
  public static String text(byte[] bytes, int offset, int length) {
    String s = new String(bytes, offset, length, StandardCharsets.UTF_8); // fast; replaces bad bytes with U+FFFD
    if (s.indexOf('\uFFFD') < 0) {
      return s;
    }
    try { // a real U+FFFD in the input, or a replaced bad byte: ask a strict decoder
      return strictDecoder().decode(ByteBuffer.wrap(bytes, offset, length)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * A record of {@code totalBytes} over the {@code maxBytes} limit, of which {@code prefixLength}
   * bytes are at hand: detail and raw (its first 256 characters + "...") as {@link BidCodec} writes
   * them for a record given as text.
   */
  static UnreadableRecord tooLarge(long totalBytes, int maxBytes, byte[] prefix, int offset, int prefixLength) {
    String start = new String(prefix, offset, prefixLength, StandardCharsets.UTF_8);
    String kept = start.substring(0, Math.min(start.length(), BidCodec.RAW_KEPT_CHARS)) + "...";
    return new UnreadableRecord(ReasonCode.TOO_LARGE, "record is " + totalBytes + " bytes, the limit is " + maxBytes, kept);
  }

  private static UnreadableRecord notUtf8(byte[] bytes, int offset, int length, String origin) {
    StringBuilder raw = new StringBuilder(length + 16);
    int[] firstBad = {-1, 0};
    int badBytes = escape(bytes, offset, length, raw, firstBad);
    String detail = origin + ": not valid UTF-8: " + badBytes + " byte(s) outside valid UTF-8 sequences, the first at byte "
        + firstBad[0] + " (0x" + String.format("%02X", firstBad[1]) + "); raw shows each as \\xNN and a backslash as \\\\";
    return new UnreadableRecord(ReasonCode.MALFORMED, detail, raw.toString());
  }

  /**
   * Appends the escaped form of the bytes to {@code out}; returns the number of bytes that are not
   * part of a valid sequence; {@code firstBad} receives the 0-based offset and value of the first.
   */
  static int escape(byte[] bytes, int offset, int length, StringBuilder out, int[] firstBad) {
    CharsetDecoder d = strictDecoder();
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
    CharBuffer chars = CharBuffer.allocate(length + 1);
    int bad = 0;
    while (true) {
      CoderResult r = d.decode(in, chars, true);
      appendEscapingBackslashes(chars, out);
      if (r.isUnderflow()) {
        break;
      }
      if (r.isOverflow()) {
        continue; // cannot happen (a byte gives at most one char), but never spin on it
      }
      for (int i = 0; i < r.length(); i++) {
        int b = bytes[in.position()] & 0xFF;
        if (bad++ == 0) {
          firstBad[0] = in.position() - offset;
          firstBad[1] = b;
        }
        out.append("\\x").append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
        in.position(in.position() + 1);
      }
    }
    return bad;
  }

  private static void appendEscapingBackslashes(CharBuffer chars, StringBuilder out) {
    chars.flip();
    while (chars.hasRemaining()) {
      char c = chars.get();
      out.append(c);
      if (c == '\\') {
        out.append('\\');
      }
    }
    chars.clear();
  }

  private static CharsetDecoder strictDecoder() {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }
}
