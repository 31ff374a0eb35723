package energy.p2p.ledger;

import energy.p2p.ledger.LedgerBreak.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks ledger records (any interleaving of feeders) and says where each chain breaks: every
 * record's own hash (EDITED), positions claimed twice (INSERTED / DUPLICATED), file order
 * (REORDERED), gaps (DROPPED), links to the predecessor (BROKEN_LINK) and every report's Merkle root
 * against its window's trades (FORGED_ROOT — this also catches a trade changed with the chain
 * re-hashed after it). Not thread-safe; one per verification.
 */
public final class LedgerVerifier {
  private final Map<String, List<Numbered>> byFeeder = new TreeMap<>();
  private final List<LedgerBreak> breaks = new ArrayList<>();
  private long records;

  private record Numbered(long line, LedgerEntry e) {}

  /** Adds the record read at {@code line} (1-based); an unreadable line is a break. */
  public void add(long line, String text) {
    if (text.isBlank()) {
      return;
    }
    records++;
    try {
      LedgerEntry e = LedgerJson.read(text);
      byFeeder.computeIfAbsent(e.feederId(), k -> new ArrayList<>()).add(new Numbered(line, e));
    } catch (IllegalArgumentException ex) {
      breaks.add(new LedgerBreak(Kind.UNREADABLE, line, null, -1, ex.getMessage()));
    }
  }

  /** Verifies everything added. */
  public LedgerReport verify() {
    Map<String, LedgerReport.Head> heads = new LinkedHashMap<>();
    int windows = 0;
    for (Map.Entry<String, List<Numbered>> f : byFeeder.entrySet()) {
      List<Numbered> chain = verifyFeeder(f.getKey(), f.getValue());
      if (!chain.isEmpty()) {
        LedgerEntry last = chain.get(chain.size() - 1).e();
        heads.put(f.getKey(), new LedgerReport.Head(last.seq(), last.hash()));
      }
      windows += (int) chain.stream().filter(n -> n.e().kind() == LedgerEntry.Kind.REPORT).count();
    }
    List<LedgerBreak> sorted = new ArrayList<>(breaks);
    sorted.sort(Comparator.comparingLong(LedgerBreak::line).thenComparing(LedgerBreak::kind));
    return new LedgerReport(records, windows, heads, sorted);
  }

  /** Checks one feeder; returns its records in chain order (without inserted or duplicated ones). */
  private List<Numbered> verifyFeeder(String feeder, List<Numbered> inFileOrder) {
    Set<Numbered> edited = new HashSet<>();
    for (Numbered n : inFileOrder) {
      if (!n.e().computeHash().equals(n.e().hash())) {
        edited.add(n);
        fail(Kind.EDITED, n, "the record's content does not match its hash: a field was edited");
      }
    }
    List<Numbered> kept = dropClaimedTwice(inFileOrder);
    checkOrder(kept);
    List<Numbered> chain = new ArrayList<>(kept);
    chain.sort(Comparator.comparingLong(n -> n.e().seq()));
    checkGapsAndLinks(feeder, chain);
    checkRoots(chain, edited);
    return chain;
  }

  /** Positions claimed by two records: the one the chain continues from stays, the other is reported. */
  private List<Numbered> dropClaimedTwice(List<Numbered> all) {
    Map<Long, List<Numbered>> bySeq = new HashMap<>();
    Set<String> prevHashes = new HashSet<>();
    for (Numbered n : all) {
      bySeq.computeIfAbsent(n.e().seq(), k -> new ArrayList<>()).add(n);
      prevHashes.add(n.e().prevHash());
    }
    Set<Numbered> out = new HashSet<>();
    for (List<Numbered> same : bySeq.values()) {
      if (same.size() < 2) {
        continue;
      }
      Numbered genuine = same.stream().filter(n -> prevHashes.contains(n.e().hash())).findFirst().orElse(same.get(0));
      for (Numbered n : same) {
        if (n == genuine) {
          continue;
        }
        out.add(n);
        if (n.e().equals(genuine.e())) {
          fail(Kind.DUPLICATED, n, "the same record as line " + genuine.line());
        } else {
          fail(Kind.INSERTED, n, "another record (line " + genuine.line() + ") holds this position and the chain "
              + "continues from that one: this record was inserted");
        }
      }
    }
    List<Numbered> kept = new ArrayList<>();
    for (Numbered n : all) {
      if (!out.contains(n)) {
        kept.add(n);
      }
    }
    return kept;
  }

  private void checkOrder(List<Numbered> kept) {
    Numbered newest = null;
    for (Numbered n : kept) {
      if (newest != null && n.e().seq() < newest.e().seq()) {
        fail(Kind.REORDERED, n, "comes after #" + newest.e().seq() + " (line " + newest.line() + ")");
      } else {
        newest = n;
      }
    }
  }

  private void checkGapsAndLinks(String feeder, List<Numbered> chain) {
    long expected = 0;
    Numbered prev = null;
    for (Numbered n : chain) {
      long seq = n.e().seq();
      if (seq > expected) {
        String between = prev == null ? "before the first record" : "between #" + prev.e().seq() + " (line "
            + prev.line() + ") and #" + seq + " (line " + n.line() + ")";
        String range = seq - 1 == expected ? "#" + expected + " is" : "#" + expected + "..#" + (seq - 1) + " are";
        breaks.add(new LedgerBreak(Kind.DROPPED, n.line(), feeder, expected, range + " missing " + between));
      } else if (prev == null ? !n.e().prevHash().equals(LedgerEntry.GENESIS)
          : !n.e().prevHash().equals(prev.e().hash())) {
        fail(Kind.BROKEN_LINK, n, prev == null ? "the first record does not start from the genesis hash"
            : "prevHash is not the hash of #" + prev.e().seq() + " (line " + prev.line() + ")");
      }
      expected = seq + 1;
      prev = n;
    }
  }

  /** Every report's root against the trades between it and the previous report. */
  private void checkRoots(List<Numbered> chain, Set<Numbered> edited) {
    List<String> trades = new ArrayList<>();
    boolean complete = true;
    long expected = 0;
    for (Numbered n : chain) {
      complete &= n.e().seq() == expected && !edited.contains(n);
      expected = n.e().seq() + 1;
      if (n.e().kind() == LedgerEntry.Kind.ALLOCATION) {
        trades.add(n.e().record());
        continue;
      }
      // a window with an edited or missing record is reported as such; its root would only add noise
      if (complete && !MerkleRoot.of(trades).equals(n.e().merkleRoot())) {
        fail(Kind.FORGED_ROOT, n, "merkleRoot does not match the " + trades.size()
            + " trade(s) of the window: the root or a trade was forged and the chain re-hashed");
      }
      trades.clear();
      complete = true;
    }
  }

  private void fail(Kind kind, Numbered n, String detail) {
    breaks.add(new LedgerBreak(kind, n.line(), n.e().feederId(), n.e().seq(), detail));
  }
}
