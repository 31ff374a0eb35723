package energy.p2p.grid.limits;

import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.PowerFlowSolver;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.grid.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * The limits trades must respect on one feeder, measured against its base case: a bus or branch
 * the base load alone already takes out of limits may not be made worse by trades, but is not
 * blamed on them either (otherwise no trade set, not even "no trade", would be feasible).
 *
 * <p>Violations are measured in percent: voltage in 0.01 p.u., current in 1 % of the rating, so
 * the two kinds add up in one scale. Every limit loosened that way is listed in
 * {@link #loosened()} (the base-case violation: element, kind, base value, the feeder's limit), so
 * reports can say when and by how much. Immutable after construction.
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
  private final List<Violation> loosened;

  /** Limits of {@code solver}'s feeder, measured against its base case (one solve). */
  public GridLimits(PowerFlowSolver solver) {
    this(solver.feeder(), solver);
  }

  private GridLimits(RadialFeeder feeder, PowerFlowSolver sweep) {
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
    // PowerFlowResult lists the base case's violations against the feeder's own limits: exactly
    // the limits loosened above (a non-converged base case loosens nothing)
    loosened = baseConverged ? List.copyOf(base.violations()) : List.of();
  }

  /** A copy of {@code other} with the given per-bus voltage limits. */
  private GridLimits(GridLimits other, double[] vMinPu, double[] vMaxPu) {
    this.feeder = other.feeder;
    this.baseConverged = other.baseConverged;
    this.vMinPu = vMinPu;
    this.vMaxPu = vMaxPu;
    this.iMaxA = other.iMaxA;
    this.baseVMinPu = other.baseVMinPu;
    this.baseVMaxPu = other.baseVMaxPu;
    this.loosened = other.loosened;
  }

  /**
   * These limits with at least {@code headroomPu} of margin to the feeder's own voltage limits
   * at every bus but the substation's: [max(vMin, feeder vMin + h), min(vMax, feeder vMax − h)].
   * The ε-constraint "voltage headroom ≥ h" of a Pareto front; h may be negative (a feeder whose
   * base load is already out of its limits), and a bus the base case already takes closer than h
   * makes "no trade" infeasible (trades must then relieve it).
   */
  public GridLimits withHeadroom(double headroomPu) {
    double[] lo = vMinPu.clone();
    double[] hi = vMaxPu.clone();
    for (int k = 1; k < lo.length; k++) {
      lo[k] = Math.max(lo[k], feeder.vMinPu() + headroomPu);
      hi[k] = Math.min(hi[k], feeder.vMaxPu() - headroomPu);
    }
    return new GridLimits(this, lo, hi);
  }

  /**
   * The limits the base load alone already breaks, loosened to the base case's value (trades may
   * not make them worse): value = the base case's voltage (p.u.) or current (A), limit = the
   * feeder's. Empty when the base case is within limits (or does not converge).
   */
  public List<Violation> loosened() {
    return loosened;
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

  /**
   * The elements of {@code r} within {@code vPu} p.u. of a voltage limit or within
   * {@code currentFraction} of a rating (limits as loosened here; value = the flow's, limit = the
   * limit in force): by ascending bus number, then branches likewise.
   */
  public List<Violation> near(PowerFlowResult r, double vPu, double currentFraction) {
    List<Violation> out = new ArrayList<>();
    int n = vMinPu.length;
    for (int rank = 0; rank < n; rank++) {
      int k = feeder.indexInNumberOrder(rank);
      String bus = Integer.toString(feeder.busNumber(k));
      if (k > 0 && r.vPu(k) >= vMaxPu[k] - vPu) {
        out.add(new Violation(Violation.Kind.OVER_VOLTAGE, bus, r.vPu(k), vMaxPu[k]));
      }
      if (k > 0 && r.vPu(k) <= vMinPu[k] + vPu) {
        out.add(new Violation(Violation.Kind.UNDER_VOLTAGE, bus, r.vPu(k), vMinPu[k]));
      }
    }
    for (int rank = 0; rank < n; rank++) {
      int b = feeder.indexInNumberOrder(rank) - 1;
      if (b >= 0 && !Double.isInfinite(iMaxA[b])
          && r.branchCurrentA(b) >= iMaxA[b] * (1 - currentFraction)) {
        out.add(new Violation(Violation.Kind.OVER_CURRENT, feeder.branchName(b),
            r.branchCurrentA(b), iMaxA[b]));
      }
    }
    return out;
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
