package energy.p2p.io;

import energy.p2p.model.ReasonCode;
import energy.p2p.model.Rejection;

/**
 * A record a reader could not hand over as text: its bytes are not valid UTF-8 ({@code MALFORMED})
 * or it is larger than the record limit ({@code TOO_LARGE}). {@code detail} names where it came from
 * and what is wrong; {@code raw} is what an output may show of it (valid text, see
 * {@link RecordText}).
 *
 * <p>Pipelines of lines (replay's file sources) carry it as a String made by {@link #carry()}: it
 * starts with U+DC00, an unpaired surrogate, which strict UTF-8 decoding never produces, so no
 * record read from bytes can be mistaken for one. {@link #of(String)} turns it back.
 */
public record UnreadableRecord(ReasonCode reason, String detail, String raw) {
  private static final char MARK = '\uDC00';
  private static final int MAX_DETAIL_CHARS = 2000;

  public UnreadableRecord {
    detail = detail.length() <= MAX_DETAIL_CHARS ? detail : detail.substring(0, MAX_DETAIL_CHARS) + "...";
  }

  /** This record as one String that {@link #of(String)} recognises. */
  public String carry() {
    return MARK + String.valueOf((char) reason.ordinal()) + (char) detail.length() + detail + raw;
  }

  /** The record {@code text} carries, or null when it is ordinary text. */
  public static UnreadableRecord of(String text) {
    if (text == null || text.length() < 3 || text.charAt(0) != MARK) {
      return null;
    }
    int reason = text.charAt(1);
    int detailEnd = 3 + text.charAt(2);
    if (reason >= ReasonCode.values().length || detailEnd > text.length()) {
      return null;
    }
    return new UnreadableRecord(ReasonCode.values()[reason], text.substring(3, detailEnd), text.substring(detailEnd));
  }

  /** As a bid rejection (nothing of the bid could be read: no id, feeder or frame). */
  public Rejection rejection() {
    return new Rejection(null, null, -1, reason, detail, raw);
  }
}
