package energy.p2p.report;

import energy.p2p.io.BidCodec;
import energy.p2p.io.LineReader;
import energy.p2p.io.ParsedBid;
import energy.p2p.model.Bid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The bus of every bid of a bids file, keyed by (feeder, frame, bid id): allocations name bids,
 * not buses, so the voltage profile of a frame's trades needs the replay's input. As in the
 * streaming job, the first bid with an id in a window wins; unreadable records are skipped (they
 * were rejected and carry no trade).
 */
final class BidBuses {

  private final Map<String, Integer> busByKey = new HashMap<>();

  static BidBuses read(Path bidsFile) {
    BidBuses buses = new BidBuses();
    BidCodec codec = new BidCodec(1 << 20);
    // as bytes, like replay: a line that is not UTF-8 (rejected by the replay) is no bid here either
    try (LineReader in = new LineReader(Files.newInputStream(bidsFile), bidsFile.getFileName().toString(), 1 << 20)) {
      String line;
      while ((line = in.next()) != null) {
        if (BidCodec.isCsvHeader(line)) {
          codec = codec.withCsvHeader(line);
          continue;
        }
        if (BidCodec.isBlank(line)) {
          continue;
        }
        ParsedBid parsed = codec.parse(line);
        if (parsed.isBid()) {
          Bid b = parsed.bid();
          buses.busByKey.putIfAbsent(key(b.feederId(), b.frameStartMs(), b.bidId()), b.bus());
        }
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(bidsFile + ": file not found (--bids)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + bidsFile + ": " + e.getMessage(), e);
    }
    return buses;
  }

  /** The bus number of a bid, or -1 when the file does not hold it. */
  int bus(String feederId, long frameStartMs, String bidId) {
    return busByKey.getOrDefault(key(feederId, frameStartMs, bidId), -1);
  }

  private static String key(String feederId, long frameStartMs, String bidId) {
    return feederId + '\u0000' + frameStartMs + '\u0000' + bidId;
  }
}
