package energy.p2p.ledger;

/**
 * One place where a ledger fails verification.
 *
 * @param kind what is wrong
 * @param line 1-based line (or record number on a topic) where it shows
 * @param feederId the chain, when known
 * @param seq the record's position in its chain, or -1
 * @param detail a sentence saying what was found
 */
public record LedgerBreak(Kind kind, long line, String feederId, long seq, String detail) {

  public enum Kind {
    /** The line is not a ledger record. */
    UNREADABLE,
    /** A record's content does not match its own hash: a field was edited. */
    EDITED,
    /** Records missing from the chain. */
    DROPPED,
    /** A record appears after one that follows it in the chain. */
    REORDERED,
    /** A second, different record claims a position of the chain. */
    INSERTED,
    /** The same record appears twice. */
    DUPLICATED,
    /** A record does not link to its predecessor's hash (the chain was re-linked). */
    BROKEN_LINK,
    /** A report's Merkle root does not match its window's trades. */
    FORGED_ROOT
  }

  @Override
  public String toString() {
    return "line " + line + ": " + kind + (feederId == null ? "" : " in " + feederId + (seq >= 0 ? " #" + seq : ""))
        + ": " + detail;
  }
}
