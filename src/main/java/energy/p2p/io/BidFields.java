package energy.p2p.io;

import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.Ids;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Rejection;
import energy.p2p.model.Side;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The textual values of one record, by column, and their conversion to a {@link Bid}. Shared by
 * the JSON and CSV readers so both formats accept and reject exactly the same values.
 */
final class BidFields {
  /** Longest accepted id (bidId, participantId, feederId). */
  static final int MAX_ID_CHARS = 128;

  final String[] values = new String[BidColumn.ALL.length];
  /** The optional {@code signature} field (not a bid column: it is not part of the bid). */
  String signature;
  private final String raw;

  BidFields(String raw) {
    this.raw = raw;
  }

  ParsedBid toBid() {
    String bidId = values[BidColumn.BID_ID.ordinal()];
    String feederId = values[BidColumn.FEEDER_ID.ordinal()];
    for (BidColumn c : BidColumn.ALL) {
      String v = values[c.ordinal()];
      if (c.required && (v == null || v.isBlank())) {
        return reject(ReasonCode.MALFORMED, "missing field " + c.field, -1);
      }
    }
    for (BidColumn c : new BidColumn[] {BidColumn.BID_ID, BidColumn.PARTICIPANT_ID, BidColumn.FEEDER_ID}) {
      if (values[c.ordinal()].length() > MAX_ID_CHARS) {
        return reject(ReasonCode.MALFORMED, c.field + " longer than " + MAX_ID_CHARS + " characters", -1);
      }
      String problem = Ids.problem(c.field, values[c.ordinal()]);
      if (problem != null) {
        return reject(ReasonCode.MALFORMED, problem, -1);
      }
    }
    long frameStartMs;
    long submittedAtMs;
    try {
      frameStartMs = instant(BidColumn.FRAME_START);
      submittedAtMs = instant(BidColumn.SUBMITTED_AT);
    } catch (FieldException e) {
      return reject(e.reason, e.getMessage(), -1);
    }
    int bus;
    try {
      bus = Integer.parseInt(values[BidColumn.BUS.ordinal()]);
    } catch (NumberFormatException e) {
      return reject(ReasonCode.MALFORMED, "bus must be an integer bus number, got '"
          + clip(values[BidColumn.BUS.ordinal()]) + "'", frameStartMs);
    }
    Side side;
    try {
      side = Side.valueOf(values[BidColumn.SIDE.ordinal()]);
    } catch (IllegalArgumentException e) {
      return reject(ReasonCode.BAD_SIDE, "side must be BUY or SELL, got '"
          + clip(values[BidColumn.SIDE.ordinal()]) + "'", frameStartMs);
    }
    BuyerClass buyerClass = BuyerClass.STANDARD;
    String cls = values[BidColumn.BUYER_CLASS.ordinal()];
    if (cls != null && !cls.isBlank()) {
      try {
        buyerClass = BuyerClass.valueOf(cls);
      } catch (IllegalArgumentException e) {
        return reject(ReasonCode.MALFORMED,
            "buyerClass must be STANDARD, HIGH or ULTRA_HIGH, got '" + clip(cls) + "'", frameStartMs);
      }
    }
    double quantityKwh;
    double limitPrice;
    try {
      quantityKwh = number(BidColumn.QUANTITY_KWH, ReasonCode.INVALID_QUANTITY);
      limitPrice = number(BidColumn.LIMIT_PRICE, ReasonCode.INVALID_PRICE);
    } catch (FieldException e) {
      return reject(e.reason, e.getMessage(), frameStartMs);
    }
    Bid bid = new Bid(bidId, values[BidColumn.PARTICIPANT_ID.ordinal()], feederId, bus, side,
        quantityKwh, limitPrice, frameStartMs, submittedAtMs, buyerClass);
    return ParsedBid.ok(bid, raw, signature);
  }

  private long instant(BidColumn c) throws FieldException {
    String v = values[c.ordinal()];
    long fast = IsoInstants.epochMillis(v);
    if (fast != IsoInstants.NOT_FAST) {
      return fast;
    }
    Instant t;
    try {
      t = Instant.parse(v);
    } catch (DateTimeException e) {
      try {
        t = OffsetDateTime.parse(v).toInstant();
      } catch (DateTimeException e2) {
        throw new FieldException(ReasonCode.MALFORMED,
            c.field + " must be an ISO-8601 instant like 2026-11-24T10:00:00Z, got '" + clip(v) + "'");
      }
    }
    try {
      return t.toEpochMilli();
    } catch (ArithmeticException e) {
      throw new FieldException(ReasonCode.BAD_TIMESTAMP, c.field + " is out of range: " + clip(v));
    }
  }

  private double number(BidColumn c, ReasonCode nonFinite) throws FieldException {
    String v = values[c.ordinal()];
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new FieldException(ReasonCode.MALFORMED, c.field + " must be a number, got '" + clip(v) + "'");
    }
    if (!Double.isFinite(d)) {
      throw new FieldException(nonFinite, c.field + " must be a finite number, got " + clip(v));
    }
    return d;
  }

  private ParsedBid reject(ReasonCode reason, String detail, long frameStartMs) {
    String bidId = values[BidColumn.BID_ID.ordinal()];
    String feederId = values[BidColumn.FEEDER_ID.ordinal()];
    return ParsedBid.rejected(new Rejection(blankToNull(bidId), blankToNull(feederId), frameStartMs,
        reason, detail, raw));
  }

  /** An id fit to name the rejection: null when absent, too long, or holding refused characters. */
  static String blankToNull(String s) {
    return s == null || s.isBlank() || s.length() > MAX_ID_CHARS || Ids.problem("id", s) != null ? null : s;
  }

  /**
   * A value quoted in a detail message, cut short so details stay small. An unpaired surrogate (a
   * JSON escape such as \uDC00 can make one) is shown as that escape: outputs stay valid UTF-8.
   */
  static String clip(String v) {
    if (v == null) {
      return "null";
    }
    String s = v.length() <= 40 ? v : v.substring(0, 40) + "...";
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
      if (paired) {
        out.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A field's problem, with the reason code it earns. */
  static final class FieldException extends Exception {
    final ReasonCode reason;

    FieldException(ReasonCode reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }
  }
}
