package energy.p2p.feasibility;

import energy.p2p.grid.BackwardForwardSweep;
import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.RadialFeeder;

/**
 * The limits trades must respect on one feeder, measured against its base case: a bus or branch
 * the base load alone already takes out of limits may not be made worse by trades, but is not
 * blamed on them either (otherwise no trade set, not even "no trade", would be feasible).
 *
 * <p>Violations are measured in percent: voltage in 0.01 p.u., current in 1 % of the rating, so
 * the two kinds add up in one scale. Immutable after construction.
 */
public final class GridLimits {
  /**
   * Limits are strict (as {@code PowerFlowResult.withinLimits()}): 1.0200000000000002 p.u. over a
   * 1.02 limit is a violation, so what we publish passes any check of the same load flow.
   */
  static final double TOLERANCE = 0.0;

  private final RadialFeeder feeder;
  private final boolean baseConverged;
  private final double[] vMinPu;
  private final double[] vMaxPu;
  private final double[] iMaxA;
  private final double baseVMinPu;
  private final double baseVMaxPu;

  public GridLimits(RadialFeeder feeder, BackwardForwardSweep sweep) {
    this.feeder = feeder;
    int n = feeder.busCount();
    vMinPu = new double[n];
    vMaxPu = new double[n];
    iMaxA = new double[feeder.branchCount()];
    PowerFlowResult base = sweep.solve(null);
    baseConverged = base.converged();
    baseVMinPu = baseConverged ? base.vMinPu() : Double.NaN;
    baseVMaxPu = baseConverged ? base.vMaxPu() : Double.NaN;
    for (int k = 0; k < n; k++) {
      double v = baseConverged ? base.vPu(k) : feeder.slackVoltagePu();
      vMinPu[k] = Math.min(feeder.vMinPu(), v);
      vMaxPu[k] = Math.max(feeder.vMaxPu(), v);
    }
    for (int b = 0; b < iMaxA.length; b++) {
      double rating = feeder.branchMaxCurrentA(b);
      iMaxA[b] = baseConverged ? Math.max(rating, base.branchCurrentA(b)) : rating;
    }
  }

  public RadialFeeder feeder() {
    return feeder;
  }

  /** Whether the feeder's base case (no trades) converges at all. */
  public boolean baseConverged() {
    return baseConverged;
  }

  public double baseVMinPu() {
    return baseVMinPu;
  }

  public double baseVMaxPu() {
    return baseVMaxPu;
  }

  public double vMinPu(int bus) {
    return vMinPu[bus];
  }

  public double vMaxPu(int bus) {
    return vMaxPu[bus];
  }

  public double iMaxA(int branch) {
    return iMaxA[branch];
  }

  /** Under-voltage at a bus in percent (0 when respected). */
  public double underVoltage(PowerFlowResult r, int bus) {
    double d = vMinPu[bus] - r.vPu(bus);
    return d > TOLERANCE ? 100 * d : 0;
  }

  /** Over-voltage at a bus in percent (0 when respected). */
  public double overVoltage(PowerFlowResult r, int bus) {
    double d = r.vPu(bus) - vMaxPu[bus];
    return d > TOLERANCE ? 100 * d : 0;
  }

  /** Over-current of a branch in percent of its rating (0 when respected or unrated). */
  public double overCurrent(PowerFlowResult r, int branch) {
    if (Double.isInfinite(iMaxA[branch])) {
      return 0;
    }
    double d = r.branchCurrentA(branch) / iMaxA[branch] - 1;
    return d > TOLERANCE ? 100 * d : 0;
  }

  /**
   * Writes under-voltage, over-voltage and over-current totals (percent) into {@code out[0..2]}
   * and returns their sum; a non-converged result counts as 1000 in each.
   */
  public double violations(PowerFlowResult r, double[] out) {
    if (!r.converged()) {
      out[0] = 1000;
      out[1] = 1000;
      out[2] = 1000;
      return 3000;
    }
    double under = 0;
    double over = 0;
    for (int k = 0; k < vMinPu.length; k++) {
      under += underVoltage(r, k);
      over += overVoltage(r, k);
    }
    double current = 0;
    for (int b = 0; b < iMaxA.length; b++) {
      current += overCurrent(r, b);
    }
    out[0] = under;
    out[1] = over;
    out[2] = current;
    return under + over + current;
  }
}
