package energy.p2p.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.ledger.LedgerBreak.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A ledger of two interleaved feeders, three windows each (2, 0 and 3 trades), tampered with in
 * every way the verifier must catch. Lines are 1-based; the file layout is:
 *
 * <pre>
 * line  1- 3  feeder-a #0-2  window 1: 2 trades + report
 * line  4- 6  feeder-b #0-2  window 1
 * line  7     feeder-a #3    window 2: report only (no trades)
 * line  8     feeder-b #3    window 2
 * line  9-12  feeder-a #4-7  window 3: 3 trades + report
 * line 13-16  feeder-b #4-7  window 3
 * </pre>
 */
class LedgerVerifierTest {
  private static final long T0 = 1_800_000_000_000L;
  private static final long FRAME = 900_000L;

  private static List<String> ledger() {
    LedgerChain a = LedgerChain.start("feeder-a");
    LedgerChain b = LedgerChain.start("feeder-b");
    List<String> lines = new ArrayList<>();
    int[] trades = {2, 0, 3};
    for (int w = 0; w < 3; w++) {
      for (LedgerChain c : List.of(a, b)) {
        String feeder = c == a ? "feeder-a" : "feeder-b";
        List<String> t = new ArrayList<>();
        for (int i = 0; i < trades[w]; i++) {
          t.add("{\"feederId\":\"" + feeder + "\",\"buyerId\":\"p" + i + "\",\"quantityKwh\":1." + i + ",\"price\":0.2}");
        }
        for (LedgerEntry e : c.appendWindow(T0 + w * FRAME, t, "{\"feederId\":\"" + feeder + "\",\"window\":" + w + "}")) {
          lines.add(LedgerJson.write(e));
        }
      }
    }
    return lines;
  }

  private static LedgerReport verify(List<String> lines) {
    LedgerVerifier v = new LedgerVerifier();
    for (int i = 0; i < lines.size(); i++) {
      v.add(i + 1, lines.get(i));
    }
    return v.verify();
  }

  private static void assertOnlyBreak(LedgerReport r, Kind kind, long line, String feeder, long seq) {
    assertEquals(1, r.breaks().size(), r.breaks().toString());
    LedgerBreak b = r.breaks().get(0);
    assertEquals(kind, b.kind(), b.toString());
    assertEquals(line, b.line(), b.toString());
    assertEquals(feeder, b.feederId(), b.toString());
    assertEquals(seq, b.seq(), b.toString());
  }

  /** Re-links feeder-a's chain from its record #fromSeq on, as a forger who rewrites the tail would. */
  private static List<String> rehashFeederA(List<String> lines, long fromSeq) {
    List<String> out = new ArrayList<>(lines);
    String prev = null;
    for (int i = 0; i < out.size(); i++) {
      LedgerEntry e = LedgerJson.read(out.get(i));
      if (!e.feederId().equals("feeder-a") || e.seq() < fromSeq) {
        continue;
      }
      LedgerEntry r = LedgerEntry.link(e.feederId(), e.seq(), e.kind(), e.frameStartMs(), e.record(), e.merkleRoot(),
          prev == null ? e.prevHash() : prev);
      prev = r.hash();
      out.set(i, LedgerJson.write(r));
    }
    return out;
  }

  @Test
  void untouchedLedgerVerifies() {
    LedgerReport r = verify(ledger());
    assertTrue(r.verified(), r.breaks().toString());
    assertEquals(16, r.records());
    assertEquals(6, r.windows());
    assertEquals(7, r.heads().get("feeder-a").seq());
  }

  @Test
  void sameWindowsGiveTheSameBytes() {
    assertEquals(ledger(), ledger());
  }

  @Test
  void editedFieldIsFoundOnItsLine() {
    List<String> l = ledger();
    l.set(9, l.get(9).replace("1.1", "9.1")); // line 10: feeder-a #5, a trade of window 3
    assertNotEquals(ledger().get(9), l.get(9));
    assertOnlyBreak(verify(l), Kind.EDITED, 10, "feeder-a", 5);
  }

  @Test
  void editedMerkleRootWithoutRehashIsAnEdit() {
    List<String> l = ledger();
    LedgerEntry e = LedgerJson.read(l.get(2));
    l.set(2, l.get(2).replace(e.merkleRoot(), MerkleRoot.EMPTY));
    assertOnlyBreak(verify(l), Kind.EDITED, 3, "feeder-a", 2);
  }

  @Test
  void droppedRecordIsFoundWhereTheGapIs() {
    List<String> l = ledger();
    l.remove(9); // feeder-a #5; the next feeder-a record (#6) is now on line 10
    LedgerReport r = verify(l);
    assertOnlyBreak(r, Kind.DROPPED, 10, "feeder-a", 5);
    assertTrue(r.breaks().get(0).detail().contains("#5 is missing"), r.breaks().toString());
  }

  @Test
  void reorderedRecordsAreFound() {
    List<String> l = ledger();
    String tmp = l.get(9);
    l.set(9, l.get(10)); // line 10 now holds feeder-a #6, line 11 #5
    l.set(10, tmp);
    assertOnlyBreak(verify(l), Kind.REORDERED, 11, "feeder-a", 5);
  }

  @Test
  void insertedRecordIsFound() {
    List<String> l = ledger();
    LedgerEntry prev = LedgerJson.read(l.get(8)); // feeder-a #4
    LedgerEntry forged = LedgerEntry.link("feeder-a", 5, LedgerEntry.Kind.ALLOCATION, prev.frameStartMs(),
        "{\"feederId\":\"feeder-a\",\"buyerId\":\"mallory\",\"quantityKwh\":50,\"price\":0.01}", null, prev.hash());
    l.add(9, LedgerJson.write(forged)); // line 10
    assertOnlyBreak(verify(l), Kind.INSERTED, 10, "feeder-a", 5);
  }

  @Test
  void duplicatedRecordIsFound() {
    List<String> l = ledger();
    l.add(5, l.get(4)); // feeder-b #1 again on line 6
    assertOnlyBreak(verify(l), Kind.DUPLICATED, 6, "feeder-b", 1);
  }

  @Test
  void forgedRootWithTheChainRehashedIsFound() {
    List<String> l = ledger();
    LedgerEntry report = LedgerJson.read(l.get(11)); // feeder-a #7, report of window 3
    LedgerEntry forged = LedgerEntry.link(report.feederId(), report.seq(), report.kind(), report.frameStartMs(),
        report.record(), MerkleRoot.of(List.of("{}")), report.prevHash());
    l.set(11, LedgerJson.write(forged));
    assertOnlyBreak(verify(l), Kind.FORGED_ROOT, 12, "feeder-a", 7);
  }

  @Test
  void tradeChangedWithTheWholeTailRehashedIsCaughtByTheRoot() {
    List<String> l = ledger();
    l.set(0, l.get(0).replace("1.0", "7.0")); // feeder-a #0
    LedgerReport r = verify(rehashFeederA(l, 0));
    assertOnlyBreak(r, Kind.FORGED_ROOT, 3, "feeder-a", 2);
  }

  @Test
  void recordRelinkedToAnotherPredecessorIsABrokenLink() {
    List<String> l = ledger();
    LedgerEntry e = LedgerJson.read(l.get(12)); // feeder-b #4
    LedgerEntry relinked = LedgerEntry.link(e.feederId(), e.seq(), e.kind(), e.frameStartMs(), e.record(),
        e.merkleRoot(), LedgerEntry.GENESIS);
    l.set(12, LedgerJson.write(relinked));
    // #5 still links to the original #4, so the rewritten one shows twice: its own link and its successor's
    LedgerReport r = verify(l);
    assertEquals(Kind.BROKEN_LINK, r.breaks().get(0).kind(), r.breaks().toString());
    assertEquals(13, r.breaks().get(0).line());
  }

  @Test
  void unreadableLineIsNamed() {
    List<String> l = ledger();
    l.set(3, "{\"feederId\":\"feeder-b\"}");
    LedgerReport r = verify(l);
    assertEquals(Kind.UNREADABLE, r.breaks().get(0).kind());
    assertEquals(4, r.breaks().get(0).line());
  }

  @Test
  void merkleRootIsOrderSensitiveAndDoesNotDuplicateOddLeaves() {
    assertNotEquals(MerkleRoot.of(List.of("a", "b")), MerkleRoot.of(List.of("b", "a")));
    assertNotEquals(MerkleRoot.of(List.of("a", "b", "c")), MerkleRoot.of(List.of("a", "b", "c", "c")));
    assertEquals(MerkleRoot.EMPTY, MerkleRoot.of(List.of()));
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", MerkleRoot.EMPTY);
  }
}
