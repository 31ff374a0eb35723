package energy.p2p.model;

/** Why a bid was not cleared as submitted. Every rejected bid carries exactly one. */
public enum ReasonCode {
  /** Not JSON/CSV, a missing field or a field of the wrong type. */
  MALFORMED,
  /** Record larger than the accepted maximum size. */
  TOO_LARGE,
  /** Quantity not a finite number in (0, max]. */
  INVALID_QUANTITY,
  /** Price not a finite number in [0, max]. */
  INVALID_PRICE,
  /** Feeder id not loaded. */
  UNKNOWN_FEEDER,
  /** Bus not on the bid's feeder (or the substation bus). */
  UNKNOWN_BUS,
  /** Side neither BUY nor SELL, or a buyer class on a SELL that is not STANDARD. */
  BAD_SIDE,
  /** frameStart not aligned to the frame length. */
  FRAME_NOT_ALIGNED,
  /** Timestamp implausible: outside 2000..2099, or submitted more than 7 days before its frame. */
  BAD_TIMESTAMP,
  /** Submitted (or, in the streaming job, arrived) at or after the gate closure of its frame, also inside or after the frame. */
  LATE,
  /** Same bidId seen before; the first wins. */
  DUPLICATE,
  /** The window already holds the maximum number of bids. */
  CAPACITY,
  /** Signatures required and the bid's is missing, malformed or does not verify over its fields. */
  BAD_SIGNATURE,
  /** Signatures required and the participant is not in the participants registry. */
  UNKNOWN_PARTICIPANT
}
