package energy.p2p.synth;

import energy.p2p.grid.RadialFeeder;
import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.Side;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded books of one (feeder, frame) window: n buyers and m sellers on random load buses with
 * household-sized quantities for a 15-min frame and overlapping price ranges, so the supply and
 * demand curves cross. The same options and seed always give the same bids.
 *
 * <p>Quantities (kWh per frame): STANDARD buyers 0.2–3, HIGH 2–8, ULTRA_HIGH 10–40, sellers
 * 0.5–6 (× {@code sellerScale}). Prices per kWh: buyers 0.15–0.35, sellers 0.05–0.25.
 */
public final class RandomBookGenerator {

  /**
   * @param buyers number of BUY bids
   * @param sellers number of SELL bids
   * @param highShare fraction of buyers in class HIGH
   * @param ultraHighShare fraction of buyers in class ULTRA_HIGH
   * @param farEndSellers put every seller on the feeder's electrically farthest buses (the
   *     classic over-voltage case: PV crowded at the end of a lightly loaded feeder)
   * @param sellerScale multiplies seller quantities
   */
  public record Options(int buyers, int sellers, double highShare, double ultraHighShare,
      boolean farEndSellers, double sellerScale) {
    public Options {
      if (buyers < 0 || sellers < 0) {
        throw new IllegalArgumentException("buyers and sellers must be >= 0");
      }
      if (highShare < 0 || ultraHighShare < 0 || highShare + ultraHighShare > 1) {
        throw new IllegalArgumentException("class shares must be >= 0 and add up to <= 1");
      }
      if (!(sellerScale > 0)) {
        throw new IllegalArgumentException("sellerScale must be > 0");
      }
    }

    /** n buyers (10 % HIGH, 5 % ULTRA_HIGH), m sellers anywhere, household sizes. */
    public static Options of(int buyers, int sellers) {
      return new Options(buyers, sellers, 0.10, 0.05, false, 1.0);
    }

    public Options withFarEndSellers(double scale) {
      return new Options(buyers, sellers, highShare, ultraHighShare, true, scale);
    }

    public Options withClassShares(double high, double ultraHigh) {
      return new Options(buyers, sellers, high, ultraHigh, farEndSellers, sellerScale);
    }
  }

  private static final int FAR_END_BUSES = 3;
  private static final long SUBMIT_LEAD_MS = 10 * 60_000L;

  private final RadialFeeder feeder;

  public RandomBookGenerator(RadialFeeder feeder) {
    if (feeder.busCount() < 2) {
      throw new IllegalArgumentException("feeder " + feeder.feederId() + " has no load bus");
    }
    this.feeder = feeder;
  }

  /** The bids of one window, buyers first (ids b-00001…), then sellers (s-00001…). */
  public List<Bid> generate(Options o, long frameStartMs, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] farEnd = farEndBuses();
    List<Bid> bids = new ArrayList<>(o.buyers() + o.sellers());
    for (int k = 1; k <= o.buyers(); k++) {
      double u = random.nextDouble();
      BuyerClass c = u < o.ultraHighShare() ? BuyerClass.ULTRA_HIGH
          : u < o.ultraHighShare() + o.highShare() ? BuyerClass.HIGH : BuyerClass.STANDARD;
      double qty = switch (c) {
        case STANDARD -> uniform(random, 0.2, 3.0);
        case HIGH -> uniform(random, 2.0, 8.0);
        case ULTRA_HIGH -> uniform(random, 10.0, 40.0);
      };
      bids.add(bid(String.format("b-%05d", k), Side.BUY, anyLoadBus(random), qty,
          uniform(random, 0.15, 0.35), frameStartMs, random, c));
    }
    for (int k = 1; k <= o.sellers(); k++) {
      int bus = o.farEndSellers() ? feeder.busNumber(farEnd[random.nextInt(farEnd.length)])
          : anyLoadBus(random);
      bids.add(bid(String.format("s-%05d", k), Side.SELL, bus,
          o.sellerScale() * uniform(random, 0.5, 6.0), uniform(random, 0.05, 0.25), frameStartMs,
          random, BuyerClass.STANDARD));
    }
    return bids;
  }

  private Bid bid(String id, Side side, int bus, double qty, double price, long frameStartMs,
      SplittableRandom random, BuyerClass c) {
    long submitted = frameStartMs - SUBMIT_LEAD_MS - random.nextLong(20 * 60_000L);
    return new Bid(id, "p-" + id, feeder.feederId(), bus, side, round(qty, 3), round(price, 4),
        frameStartMs, submitted, c);
  }

  private int anyLoadBus(SplittableRandom random) {
    return feeder.busNumber(1 + random.nextInt(feeder.busCount() - 1));
  }

  /** Indices of the buses with the largest path resistance from the slack. */
  private int[] farEndBuses() {
    Integer[] buses = new Integer[feeder.busCount() - 1];
    for (int k = 0; k < buses.length; k++) {
      buses[k] = k + 1;
    }
    Arrays.sort(buses, Comparator.comparingDouble((Integer b) -> -feeder.pathResistanceOhm(0, b))
        .thenComparingInt(b -> b));
    int count = Math.min(FAR_END_BUSES, buses.length);
    int[] out = new int[count];
    for (int k = 0; k < count; k++) {
      out[k] = buses[k];
    }
    return out;
  }

  private static double uniform(SplittableRandom random, double lo, double hi) {
    return lo + (hi - lo) * random.nextDouble();
  }

  private static double round(double x, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.max(1.0 / scale, Math.round(x * scale) / scale);
  }
}
