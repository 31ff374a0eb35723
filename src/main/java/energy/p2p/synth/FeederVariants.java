package energy.p2p.synth;

import energy.p2p.grid.FeederBuilder;
import energy.p2p.grid.RadialFeeder;

/** Copies of a feeder with another base load or other limits (what-if cases, tests, benches). */
public final class FeederVariants {
  private FeederVariants() {}

  /**
   * The same topology and impedances, base load × {@code loadScale}, voltage limits
   * [vMinPu, vMaxPu], and every branch rated {@code maxCurrentA} (POSITIVE_INFINITY keeps the
   * original ratings).
   */
  public static RadialFeeder scaled(RadialFeeder f, double loadScale, double vMinPu,
      double vMaxPu, double maxCurrentA) {
    FeederBuilder b = RadialFeeder.builder(f.feederId(), f.baseKv())
        .slackBus(f.slackBusNumber())
        .slackVoltagePu(f.slackVoltagePu())
        .voltageLimitsPu(vMinPu, vMaxPu);
    for (int k = 1; k < f.busCount(); k++) {
      int branch = k - 1;
      double rating = Double.isInfinite(maxCurrentA) ? f.branchMaxCurrentA(branch) : maxCurrentA;
      int from = f.busNumber(f.parentIndex(k));
      if (Double.isInfinite(rating)) {
        b.branch(from, f.busNumber(k), f.branchROhm(branch), f.branchXOhm(branch));
      } else {
        b.branch(from, f.busNumber(k), f.branchROhm(branch), f.branchXOhm(branch), rating);
      }
    }
    for (int k = 0; k < f.busCount(); k++) {
      if (f.baseLoadKw(k) != 0 || f.baseLoadKvar(k) != 0) {
        b.load(f.busNumber(k), loadScale * f.baseLoadKw(k), loadScale * f.baseLoadKvar(k));
      }
    }
    return b.build();
  }
}
