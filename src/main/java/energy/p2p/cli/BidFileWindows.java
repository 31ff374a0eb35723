package energy.p2p.cli;

import energy.p2p.ingest.BidValidator;
import energy.p2p.ingest.GateCalendar;
import energy.p2p.ingest.ValidationConfig;
import energy.p2p.io.BidCodec;
import energy.p2p.io.LineReader;
import energy.p2p.io.ParsedBid;
import energy.p2p.model.Bid;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Rejection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A bid file read the way the streaming job reads it: blank lines and CSV headers skipped, every
 * other line parsed ({@link BidCodec}) and validated ({@link BidValidator}); then, per (feeder,
 * frame) window in file order, a repeated bidId is DUPLICATE (the first wins) and bids beyond the
 * window limit are CAPACITY. Offline there is no watermark, so LATE only comes from the validator
 * (submitted at or after gate closure). As in the job's replay, every feeder gets a window (empty,
 * reported NO_BIDS) for each frame between the earliest and the latest frame of the valid bids (a gap
 * of more than a day keeps only its last day: {@link GateCalendar}).
 */
final class BidFileWindows {
  /** A rejected line with its 1-based line number. */
  record Skipped(long line, Rejection rejection) {}

  /** (feederId, frameStartMs), ordered by feeder then frame. */
  record Window(String feederId, long frameStartMs) implements Comparable<Window> {
    @Override
    public int compareTo(Window o) {
      int c = feederId.compareTo(o.feederId);
      return c != 0 ? c : Long.compare(frameStartMs, o.frameStartMs);
    }
  }

  final TreeMap<Window, List<Bid>> windows = new TreeMap<>();
  final List<Skipped> skipped = new ArrayList<>();
  long records;
  private final List<String> feederIds;
  private final GateCalendar calendar;
  private final java.util.TreeSet<Long> framesWithBids = new java.util.TreeSet<>();

  private BidFileWindows(List<String> feederIds, ValidationConfig config) {
    this.feederIds = feederIds;
    this.calendar = new GateCalendar(config);
  }

  static BidFileWindows read(Path file, BidValidator validator, ValidationConfig config, List<String> feederIds)
      throws IOException {
    BidFileWindows out = new BidFileWindows(feederIds, config);
    BidCodec codec = new BidCodec(config.maxRecordBytes());
    Map<Window, Set<String>> ids = new TreeMap<>();
    // read as bytes: a line that is not UTF-8 (or far too long) is skipped with its reason, not fatal
    try (LineReader r = new LineReader(Files.newInputStream(file), file.getFileName().toString(),
        config.maxRecordBytes())) {
      String line;
      while ((line = r.next()) != null) {
        long number = r.lineNumber();
        if (BidCodec.isBlank(line)) {
          continue;
        }
        if (BidCodec.isCsvHeader(line)) {
          codec = codec.withCsvHeader(line);
          continue;
        }
        out.records++;
        out.accept(number, line, codec, validator, config, ids);
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("bids file not found: " + file);
    }
    out.addSpanWindows(config);
    return out;
  }

  private void accept(long number, String line, BidCodec codec, BidValidator validator,
      ValidationConfig config, Map<Window, Set<String>> ids) {
    ParsedBid parsed = codec.parse(line);
    if (!parsed.isBid()) {
      skipped.add(new Skipped(number, parsed.rejection()));
      return;
    }
    Bid bid = parsed.bid();
    var invalid = validator.validate(bid, line);
    if (invalid.isPresent()) {
      skipped.add(new Skipped(number, invalid.get()));
      return;
    }
    framesWithBids.add(bid.frameStartMs());
    Window w = new Window(bid.feederId(), bid.frameStartMs());
    Set<String> seen = ids.computeIfAbsent(w, k -> new HashSet<>());
    if (seen.contains(bid.bidId())) {
      skipped.add(new Skipped(number, reject(bid, line, ReasonCode.DUPLICATE,
          "bidId " + bid.bidId() + " already accepted for this feeder and frame")));
      return;
    }
    if (seen.size() >= config.maxBidsPerWindow()) {
      skipped.add(new Skipped(number, reject(bid, line, ReasonCode.CAPACITY,
          "window already holds the maximum of " + config.maxBidsPerWindow() + " bids")));
      return;
    }
    seen.add(bid.bidId());
    windows.computeIfAbsent(w, k -> new ArrayList<>()).add(bid);
  }

  /** The job's feeder clocks over the file: every frame of the span, gaps over a day capped as the job caps them. */
  private void addSpanWindows(ValidationConfig config) {
    Long previous = null;
    for (long frame : framesWithBids) {
      long from = previous == null ? config.gateClosureMs(frame) - 1 : config.gateClosureMs(previous);
      GateCalendar.Range span = calendar.closed(from, config.gateClosureMs(frame));
      for (long f = span.first(); f <= span.last(); f += span.frameMs()) {
        for (String feederId : feederIds) {
          windows.computeIfAbsent(new Window(feederId, f), k -> new ArrayList<>());
        }
      }
      previous = frame;
    }
  }

  private static Rejection reject(Bid b, String raw, ReasonCode reason, String detail) {
    return new Rejection(b.bidId(), b.feederId(), b.frameStartMs(), reason, detail, raw);
  }
}
