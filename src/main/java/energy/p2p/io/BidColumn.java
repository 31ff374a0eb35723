package energy.p2p.io;

/** The bid fields, in their canonical order (JSON field order and default CSV column order). */
enum BidColumn {
  BID_ID("bidId", Kind.TEXT, true),
  PARTICIPANT_ID("participantId", Kind.TEXT, true),
  FEEDER_ID("feederId", Kind.TEXT, true),
  BUS("bus", Kind.INTEGER, true),
  SIDE("side", Kind.TEXT, true),
  QUANTITY_KWH("quantityKwh", Kind.NUMBER, true),
  LIMIT_PRICE("limitPrice", Kind.NUMBER, true),
  FRAME_START("frameStart", Kind.TEXT, true),
  SUBMITTED_AT("submittedAt", Kind.TEXT, true),
  BUYER_CLASS("buyerClass", Kind.TEXT, false);

  enum Kind { TEXT, INTEGER, NUMBER }

  static final BidColumn[] ALL = values();

  final String field;
  final Kind kind;
  final boolean required;

  BidColumn(String field, Kind kind, boolean required) {
    this.field = field;
    this.kind = kind;
    this.required = required;
  }

  /** The column with this JSON/CSV name, or null. */
  static BidColumn byField(String name) {
    for (BidColumn c : ALL) {
      if (c.field.equals(name)) {
        return c;
      }
    }
    return null;
  }
}
