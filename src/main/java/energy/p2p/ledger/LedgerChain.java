package energy.p2p.ledger;

import energy.p2p.ledger.LedgerEntry.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends windows to one feeder's hash chain. The whole state is the head ({@link #nextSeq()},
 * {@link #headHash()}): the job keeps it in checkpointed keyed state, so a restart resumes the
 * chain from the checkpointed head and the transactional sink drops what came after.
 */
public final class LedgerChain {
  private final String feederId;
  private long nextSeq;
  private String headHash;

  /** A chain resuming after {@code headHash} (use 0 and {@link LedgerEntry#GENESIS} for a new one). */
  public LedgerChain(String feederId, long nextSeq, String headHash) {
    this.feederId = feederId;
    this.nextSeq = nextSeq;
    this.headHash = headHash;
  }

  public static LedgerChain start(String feederId) {
    return new LedgerChain(feederId, 0, LedgerEntry.GENESIS);
  }

  /**
   * One window: its trades (record JSON, in published order) then its report carrying the Merkle
   * root of those trades.
   */
  public List<LedgerEntry> appendWindow(long frameStartMs, List<String> allocationJsons, String reportJson) {
    List<LedgerEntry> out = new ArrayList<>(allocationJsons.size() + 1);
    for (String a : allocationJsons) {
      out.add(append(Kind.ALLOCATION, frameStartMs, a, null));
    }
    out.add(append(Kind.REPORT, frameStartMs, reportJson, MerkleRoot.of(allocationJsons)));
    return out;
  }

  private LedgerEntry append(Kind kind, long frameStartMs, String record, String root) {
    LedgerEntry e = LedgerEntry.link(feederId, nextSeq++, kind, frameStartMs, record, root, headHash);
    headHash = e.hash();
    return e;
  }

  public long nextSeq() {
    return nextSeq;
  }

  public String headHash() {
    return headHash;
  }
}
