package energy.p2p.ingest;

import energy.p2p.grid.RadialFeeder;
import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Rejection;
import energy.p2p.model.Side;
import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything that can be judged from one bid alone: known feeder, a load bus of that feeder (not
 * the substation), side and buyer class, quantity and price ranges, frame alignment, plausible
 * timestamps and submission before gate closure (a bid submitted at or after it is LATE, also when
 * submitted inside or after its frame). Window-level checks (DUPLICATE, CAPACITY, LATE by
 * watermark) belong to the streaming job. Immutable and thread-safe; the {@code clear} command and
 * the job use the same instance type so they accept exactly the same bids.
 */
public final class BidValidator implements Serializable {
  /** Instants before this are not plausible bids (BAD_TIMESTAMP). */
  static final long EARLIEST_MS = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
  /** Instants from this on are not plausible bids (BAD_TIMESTAMP). */
  static final long LATEST_MS = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();

  private final Map<String, FeederBuses> feeders;
  private final ValidationConfig config;

  /** A validator for the given loaded feeders (by id). */
  public BidValidator(Map<String, RadialFeeder> feeders, ValidationConfig config) {
    this(busesOf(feeders), config);
  }

  private static TreeMap<String, FeederBuses> busesOf(Map<String, RadialFeeder> feeders) {
    TreeMap<String, FeederBuses> m = new TreeMap<>();
    feeders.forEach((id, f) -> m.put(id, FeederBuses.of(f)));
    return m;
  }

  /** A validator for the given feeders (by id), described by their buses only. */
  public static BidValidator of(Map<String, FeederBuses> feeders, ValidationConfig config) {
    return new BidValidator(new TreeMap<>(feeders), config);
  }

  private BidValidator(TreeMap<String, FeederBuses> feeders, ValidationConfig config) {
    this.feeders = feeders;
    this.config = config;
  }

  public ValidationConfig config() {
    return config;
  }

  /** The rejection of {@code bid} (carrying {@code raw}), or empty when the bid is valid. */
  public Optional<Rejection> validate(Bid bid, String raw) {
    String problem;
    FeederBuses feeder = feeders.get(bid.feederId());
    if (feeder == null) {
      return reject(bid, raw, ReasonCode.UNKNOWN_FEEDER, "feederId '" + bid.feederId() + "' is not a loaded feeder");
    }
    if (bid.bus() == feeder.slackBus()) {
      return reject(bid, raw, ReasonCode.UNKNOWN_BUS,
          "bus " + bid.bus() + " is the substation (slack) bus of feeder " + bid.feederId());
    }
    if (!feeder.hasBus(bid.bus())) {
      return reject(bid, raw, ReasonCode.UNKNOWN_BUS, "bus " + bid.bus() + " is not on feeder " + bid.feederId());
    }
    if (bid.side() == Side.SELL && bid.buyerClass() != BuyerClass.STANDARD) {
      return reject(bid, raw, ReasonCode.BAD_SIDE,
          "buyerClass " + bid.buyerClass() + " on a SELL offer (buyer classes are for BUY bids)");
    }
    if ((problem = quantityProblem(bid.quantityKwh())) != null) {
      return reject(bid, raw, ReasonCode.INVALID_QUANTITY, problem);
    }
    if ((problem = priceProblem(bid.limitPrice())) != null) {
      return reject(bid, raw, ReasonCode.INVALID_PRICE, problem);
    }
    if ((problem = timestampProblem(bid)) != null) {
      return reject(bid, raw, ReasonCode.BAD_TIMESTAMP, problem);
    }
    if (Math.floorMod(bid.frameStartMs(), config.frameMillis()) != 0) {
      return reject(bid, raw, ReasonCode.FRAME_NOT_ALIGNED, "frameStart " + Instant.ofEpochMilli(bid.frameStartMs())
          + " is not aligned to " + config.frameMinutes() + "-minute frames");
    }
    if (bid.submittedAtMs() >= config.gateClosureMs(bid.frameStartMs())) {
      return reject(bid, raw, ReasonCode.LATE, lateDetail(bid));
    }
    return Optional.empty();
  }

  /** Names how late: after gate closure, and also when the frame had already started or ended. */
  private String lateDetail(Bid bid) {
    String detail = "submittedAt " + Instant.ofEpochMilli(bid.submittedAtMs()) + " is at or after gate closure "
        + Instant.ofEpochMilli(config.gateClosureMs(bid.frameStartMs()));
    long frameEndMs = bid.frameStartMs() + config.frameMillis();
    if (bid.submittedAtMs() >= frameEndMs) {
      return detail + " (after its frame ended, " + Instant.ofEpochMilli(frameEndMs) + ")";
    }
    return bid.submittedAtMs() >= bid.frameStartMs() ? detail + " (inside its frame)" : detail;
  }

  private String quantityProblem(double kwh) {
    if (!Double.isFinite(kwh)) {
      return "quantityKwh must be a finite number, got " + kwh;
    }
    if (kwh <= 0) {
      return "quantityKwh must be > 0, got " + kwh;
    }
    return kwh > config.maxQuantityKwh()
        ? "quantityKwh " + kwh + " exceeds the maximum " + config.maxQuantityKwh() : null;
  }

  private String priceProblem(double price) {
    if (!Double.isFinite(price)) {
      return "limitPrice must be a finite number, got " + price;
    }
    if (price < 0) {
      return "limitPrice must be >= 0, got " + price;
    }
    return price > config.maxPrice() ? "limitPrice " + price + " exceeds the maximum " + config.maxPrice() : null;
  }

  private String timestampProblem(Bid bid) {
    for (String field : new String[] {"frameStart", "submittedAt"}) {
      long t = field.equals("frameStart") ? bid.frameStartMs() : bid.submittedAtMs();
      if (t < EARLIEST_MS || t >= LATEST_MS) {
        return field + " " + Instant.ofEpochMilli(t) + " is outside the plausible range 2000..2099";
      }
    }
    // submitted at or after the frame started is simply late (LATE, judged below), not a bad clock
    long aheadMs = bid.frameStartMs() - bid.submittedAtMs();
    if (aheadMs > config.maxSubmitAheadMinutes() * 60_000L) {
      return "submittedAt is " + aheadMs / 3_600_000L + " h before frameStart (at most "
          + config.maxSubmitAheadMinutes() / 60 + " h accepted)";
    }
    return null;
  }

  private static Optional<Rejection> reject(Bid bid, String raw, ReasonCode reason, String detail) {
    return Optional.of(new Rejection(bid.bidId(), bid.feederId(), bid.frameStartMs(), reason, detail, raw));
  }
}
