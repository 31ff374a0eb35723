package energy.p2p.synth;

import energy.p2p.grid.FeederBuilder;
import energy.p2p.grid.RadialFeeder;
import java.util.SplittableRandom;

/**
 * Seeded random radial feeders for tests, benchmarks and demos: same seed, same feeder.
 *
 * <p>Shape: long main lines with laterals (each new bus continues the previous one with
 * probability {@value #CONTINUE_LINE}, else branches off a random earlier bus). Branches are
 * overhead-line-like: 0.05-0.6 km at 0.1-0.6 ohm/km, X/R between 0.4 and 2. About 80 % of the
 * buses carry a load of 5-150 kW at power factor 0.90-0.99. Loads are then scaled so that the
 * linearised voltage drop (DistFlow without losses) to the farthest bus is
 * {@link #maxVoltageDropPu(double)}: a realistically loaded feeder of any size, never one in
 * collapse. Bus numbers are distinct, shuffled and not contiguous (drawn from 1..3n), branch
 * directions and order are random, so readers and solvers cannot rely on tidy input. Optional
 * thermal ratings are 1.3-2.5 times the estimated base-case current.
 */
public final class RandomFeederGenerator {

  static final double CONTINUE_LINE = 0.75;

  private final long seed;
  private double baseKv = 12.66;
  private double maxVoltageDropPu = 0.05;
  private boolean withRatings;

  public RandomFeederGenerator(long seed) {
    this.seed = seed;
  }

  public RandomFeederGenerator baseKv(double kv) {
    if (!(kv > 0)) {
      throw new IllegalArgumentException("baseKv must be positive, got " + kv);
    }
    this.baseKv = kv;
    return this;
  }

  /** Target linearised voltage drop to the farthest bus in the base case, p.u. */
  public RandomFeederGenerator maxVoltageDropPu(double dropPu) {
    if (!(dropPu > 0 && dropPu < 0.5)) {
      throw new IllegalArgumentException("maxVoltageDropPu must be in (0, 0.5), got " + dropPu);
    }
    this.maxVoltageDropPu = dropPu;
    return this;
  }

  /** Gives every branch a thermal rating (max_current_a). */
  public RandomFeederGenerator withRatings(boolean ratings) {
    this.withRatings = ratings;
    return this;
  }

  /** A feeder of {@code busCount} buses (including the slack), limits 0.90-1.10 p.u. */
  public RadialFeeder generate(String feederId, int busCount) {
    if (busCount < 2) {
      throw new IllegalArgumentException("a feeder needs at least 2 buses, got " + busCount);
    }
    SplittableRandom random = new SplittableRandom(seed);
    int n = busCount;
    // creation order: node 0 is the slack, parent[k] < k
    int[] parent = new int[n];
    double[] rOhm = new double[n];
    double[] xOhm = new double[n];
    double[] pKw = new double[n];
    double[] qKvar = new double[n];
    parent[0] = -1;
    for (int k = 1; k < n; k++) {
      parent[k] = random.nextDouble() < CONTINUE_LINE ? k - 1 : random.nextInt(k);
      double km = 0.05 + 0.55 * random.nextDouble();
      rOhm[k] = roundOhm(km * (0.1 + 0.5 * random.nextDouble()));
      xOhm[k] = roundOhm(rOhm[k] * (0.4 + 1.6 * random.nextDouble()));
      if (random.nextDouble() < 0.8) {
        pKw[k] = 5 + 145 * random.nextDouble();
        double pf = 0.90 + 0.09 * random.nextDouble();
        qKvar[k] = pKw[k] * Math.tan(Math.acos(pf));
      }
    }
    double[] downstreamKw = new double[n];
    double[] downstreamKvar = new double[n];
    scaleLoads(parent, rOhm, xOhm, pKw, qKvar, downstreamKw, downstreamKvar);
    int[] busNumber = shuffledBusNumbers(random, n);

    FeederBuilder builder = RadialFeeder.builder(feederId, baseKv)
        .slackBus(busNumber[0])
        .voltageLimitsPu(0.90, 1.10);
    int[] order = permutation(random, n - 1);
    for (int o : order) {
      int k = o + 1;
      int a = busNumber[parent[k]];
      int b = busNumber[k];
      double ratingA = Double.POSITIVE_INFINITY;
      if (withRatings) {
        double estimateA = Math.hypot(downstreamKw[k], downstreamKvar[k]) / (Math.sqrt(3) * baseKv);
        ratingA = Math.max(1.0, Math.ceil(estimateA * (1.3 + 1.2 * random.nextDouble())));
      }
      if (random.nextBoolean()) {
        builder.branch(a, b, rOhm[k], xOhm[k], ratingA);
      } else {
        builder.branch(b, a, rOhm[k], xOhm[k], ratingA);
      }
    }
    for (int k = 1; k < n; k++) {
      if (pKw[k] != 0) {
        builder.load(busNumber[k], pKw[k], qKvar[k]);
      }
    }
    return builder.build();
  }

  /** Scales loads to the target drop; fills the downstream sums of the scaled loads. */
  private void scaleLoads(int[] parent, double[] rOhm, double[] xOhm, double[] pKw,
      double[] qKvar, double[] downstreamKw, double[] downstreamKvar) {
    int n = parent.length;
    accumulate(parent, pKw, qKvar, downstreamKw, downstreamKvar);
    // dV (p.u.) across a branch ~ (R P + X Q) / V^2 with P in MW, V in kV
    double[] dropPu = new double[n];
    double maxDrop = 0;
    for (int k = 1; k < n; k++) {
      dropPu[k] = dropPu[parent[k]] + (rOhm[k] * downstreamKw[k] + xOhm[k] * downstreamKvar[k])
          / (1000.0 * baseKv * baseKv);
      maxDrop = Math.max(maxDrop, dropPu[k]);
    }
    double scale = maxDrop > 0 ? maxVoltageDropPu / maxDrop : 1.0;
    for (int k = 1; k < n; k++) {
      pKw[k] = round(pKw[k] * scale, 1e3);
      qKvar[k] = round(qKvar[k] * scale, 1e3);
    }
    accumulate(parent, pKw, qKvar, downstreamKw, downstreamKvar);
  }

  private static void accumulate(int[] parent, double[] pKw, double[] qKvar, double[] sumKw,
      double[] sumKvar) {
    System.arraycopy(pKw, 0, sumKw, 0, pKw.length);
    System.arraycopy(qKvar, 0, sumKvar, 0, qKvar.length);
    for (int k = parent.length - 1; k > 0; k--) {
      sumKw[parent[k]] += sumKw[k];
      sumKvar[parent[k]] += sumKvar[k];
    }
  }

  /** n distinct bus numbers from 1..3n in random order. */
  private static int[] shuffledBusNumbers(SplittableRandom random, int n) {
    int[] pool = new int[3 * n];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = i + 1;
    }
    for (int i = 0; i < n; i++) { // partial Fisher-Yates: the first n are a random sample
      int j = i + random.nextInt(pool.length - i);
      int t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
    return java.util.Arrays.copyOf(pool, n);
  }

  private static int[] permutation(SplittableRandom random, int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private static double round(double value, double perUnit) {
    return Math.round(value * perUnit) / perUnit;
  }

  /** Four decimals like hand-written files, never rounded to a zero impedance. */
  private static double roundOhm(double ohm) {
    return Math.max(1e-4, round(ohm, 1e4));
  }
}
