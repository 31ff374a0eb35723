package energy.p2p.job.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.job.OutputLine;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Rejection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The external sort against an in-memory stable sort with the sinks' former comparators (typed,
 * written independently of the key encoding): the same bytes with one run, with hundreds of runs
 * (several merge passes), with ties, nulls and non-ASCII (also beyond the BMP) in keys.
 */
class ExternalSorterTest {
  @TempDir
  Path dir;

  static final String[] FEEDERS = {"feeder-a", "feeder-b", "feeder-ä", "feeder-\uD83D\uDE97", "feeder-\uFFFF"};

  static <T> String reference(List<T> records, Comparator<T> comparator, SortedJsonLinesSink.Order<T> order) {
    List<T> sorted = new ArrayList<>(records);
    sorted.sort(comparator); // stable
    StringBuilder sb = new StringBuilder();
    sorted.forEach(r -> sb.append(order.json(r)).append('\n'));
    return sb.toString();
  }

  <T> String external(List<T> records, SortedJsonLinesSink.Order<T> order, long runBytes, int[] runs)
      throws IOException {
    Path out = dir.resolve("out-" + runBytes + ".jsonl");
    Path spill = dir.resolve(".spill-" + runBytes);
    try (ExternalSorter s = new ExternalSorter(spill, runBytes, order.keyParts(), order.jsonBreaksTies())) {
      for (T r : records) {
        s.add(order.key(r), order.json(r));
      }
      s.writeTo(out);
      runs[0] = s.spilledRuns();
    }
    assertFalse(Files.exists(spill), "run files deleted");
    return Files.readString(out, java.nio.charset.StandardCharsets.UTF_8);
  }

  static List<Rejection> rejections(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Rejection> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String feeder = rnd.nextInt(8) == 0 ? null : FEEDERS[rnd.nextInt(FEEDERS.length)];
      String bid = rnd.nextInt(5) == 0 ? null : "b-" + rnd.nextInt(20);
      ReasonCode reason = ReasonCode.values()[rnd.nextInt(4)];
      // raw repeats often, so whole keys tie and the arrival order (kept in the detail) must decide
      out.add(new Rejection(bid, feeder, rnd.nextInt(3) * 900_000L - 1, reason, "arrival " + i, "raw-" + rnd.nextInt(3)));
    }
    return out;
  }

  @Test
  void rejectionsSortAsTheFormerStableComparatorWithOneRunAndWithHundreds() throws IOException {
    Comparator<String> text = Comparator.nullsFirst(Comparator.naturalOrder());
    // the detail is unique here, so only the key parts before it may tie: feeder, frame, bid, reason, raw
    Comparator<Rejection> former = Comparator.comparing(Rejection::feederId, text)
        .thenComparingLong(Rejection::frameStartMs).thenComparing(Rejection::bidId, text)
        .thenComparing(Rejection::reason).thenComparing(Rejection::raw, text);
    List<Rejection> records = rejections(20_000, 3);
    var order = new SortedJsonLinesSink.RejectionOrder();
    String expected = reference(records, former.thenComparing(Rejection::detail, text), order);
    int[] runs = new int[1];
    assertEquals(expected, external(records, order, Long.MAX_VALUE, runs));
    assertEquals(0, runs[0], "everything in memory");
    assertEquals(expected, external(records, order, 20_000, runs));
    assertTrue(runs[0] > 3 * ExternalSorter.FAN_IN, "several merge passes: " + runs[0] + " runs");
  }

  @Test
  void equalKeysKeepArrivalOrderAcrossRunsAsTheStableSortDid() throws IOException {
    SplittableRandom rnd = new SplittableRandom(9);
    List<OutputLine> records = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      records.add(new OutputLine(FEEDERS[rnd.nextInt(2)], rnd.nextInt(4), "", "{\"n\":" + rnd.nextInt(10) + "}"));
    }
    var order = new SortedJsonLinesSink.LineOrder();
    Comparator<OutputLine> former = Comparator.comparing(OutputLine::key).thenComparingLong(OutputLine::order)
        .thenComparing(OutputLine::sortKey).thenComparing(OutputLine::json);
    int[] runs = new int[1];
    assertEquals(reference(records, former, order), external(records, order, 3_000, runs));
    assertTrue(runs[0] > ExternalSorter.FAN_IN, runs[0] + " runs");
  }
}
