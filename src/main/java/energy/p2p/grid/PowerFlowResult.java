package energy.p2p.grid;

import java.util.ArrayList;
import java.util.List;

/**
 * The state of a feeder after a power-flow solve: status, complex bus voltages and what follows
 * from them (branch currents, losses, extremes, limit checks). A solver owns one instance and
 * overwrites it on every solve; {@link #copy()} keeps one.
 *
 * <p>Branch currents and losses are derived from the voltages alone (I = (V_parent - V_child) / Z),
 * so results of different solvers are comparable quantity by quantity.
 */
public final class PowerFlowResult {

  private final RadialFeeder feeder;
  private final double[] vRePu;
  private final double[] vImPu;
  private final double[] vPu;
  private final double[] currentA;
  private PowerFlowStatus status = PowerFlowStatus.DIVERGED;
  private int iterations;
  private double pLossKw;
  private double qLossKvar;
  private double substationKw;
  private double substationKvar;
  private int vMinIndex;
  private int vMaxIndex;
  private boolean withinLimits;

  PowerFlowResult(RadialFeeder feeder) {
    this.feeder = feeder;
    int n = feeder.busCount();
    vRePu = new double[n];
    vImPu = new double[n];
    vPu = new double[n];
    currentA = new double[n - 1];
  }

  private PowerFlowResult(PowerFlowResult other) {
    feeder = other.feeder;
    vRePu = other.vRePu.clone();
    vImPu = other.vImPu.clone();
    vPu = other.vPu.clone();
    currentA = other.currentA.clone();
    status = other.status;
    iterations = other.iterations;
    pLossKw = other.pLossKw;
    qLossKvar = other.qLossKvar;
    substationKw = other.substationKw;
    substationKvar = other.substationKvar;
    vMinIndex = other.vMinIndex;
    vMaxIndex = other.vMaxIndex;
    withinLimits = other.withinLimits;
  }

  /**
   * Called by a solver after writing the voltages (rectangular, p.u.) into {@link #vRePu} /
   * {@link #vImPu}: derives everything else without allocating.
   */
  void complete(PowerFlowStatus status, int iterations) {
    this.status = status;
    this.iterations = iterations;
    int n = vPu.length;
    double lossP = 0;
    double lossQ = 0;
    double slackP = 0;
    double slackQ = 0;
    boolean ok = status == PowerFlowStatus.CONVERGED;
    double iBaseA = feeder.iBaseA;
    int minIdx = 0;
    int maxIdx = 0;
    vPu[0] = Math.sqrt(vRePu[0] * vRePu[0] + vImPu[0] * vImPu[0]);
    for (int i = 1; i < n; i++) {
      double v = Math.sqrt(vRePu[i] * vRePu[i] + vImPu[i] * vImPu[i]);
      vPu[i] = v;
      if (v < vPu[minIdx]) {
        minIdx = i;
      }
      if (v > vPu[maxIdx]) {
        maxIdx = i;
      }
      int b = i - 1;
      int p = feeder.parentIndex(i);
      double dRe = vRePu[p] - vRePu[i];
      double dIm = vImPu[p] - vImPu[i];
      double g = feeder.gPu[b];
      double s = feeder.bPu[b];
      double iRe = g * dRe - s * dIm;
      double iIm = g * dIm + s * dRe;
      double i2 = iRe * iRe + iIm * iIm;
      lossP += feeder.rPu[b] * i2;
      lossQ += feeder.xPu[b] * i2;
      if (p == 0) { // S = V_slack conj(I) for each branch leaving the slack
        slackP += vRePu[0] * iRe + vImPu[0] * iIm;
        slackQ += vImPu[0] * iRe - vRePu[0] * iIm;
      }
      double amps = Math.sqrt(i2) * iBaseA;
      currentA[b] = amps;
      ok &= amps <= feeder.branchMaxCurrentA(b);
    }
    vMinIndex = minIdx;
    vMaxIndex = maxIdx;
    pLossKw = lossP * RadialFeeder.S_BASE_KVA;
    qLossKvar = lossQ * RadialFeeder.S_BASE_KVA;
    substationKw = slackP * RadialFeeder.S_BASE_KVA;
    substationKvar = slackQ * RadialFeeder.S_BASE_KVA;
    withinLimits = ok && vPu[minIdx] >= feeder.vMinPu() && vPu[maxIdx] <= feeder.vMaxPu();
  }

  /** Real parts of the bus voltages, p.u.; solvers write here. */
  double[] vRePu() {
    return vRePu;
  }

  /** Imaginary parts of the bus voltages, p.u.; solvers write here. */
  double[] vImPu() {
    return vImPu;
  }

  public RadialFeeder feeder() {
    return feeder;
  }

  public PowerFlowStatus status() {
    return status;
  }

  public boolean converged() {
    return status == PowerFlowStatus.CONVERGED;
  }

  /** Sweeps (BFS) or Jacobian solves (Newton-Raphson) done. */
  public int iterations() {
    return iterations;
  }

  /** Voltage magnitude at a bus index, p.u. */
  public double vPu(int busIndex) {
    return vPu[busIndex];
  }

  /** Voltage angle at a bus index relative to the slack, degrees. */
  public double angleDeg(int busIndex) {
    return Math.toDegrees(Math.atan2(vImPu[busIndex], vRePu[busIndex]));
  }

  public double vMinPu() {
    return vPu[vMinIndex];
  }

  /** Bus NUMBER of the lowest voltage (the first in index order on ties). */
  public int vMinBus() {
    return feeder.busNumber(vMinIndex);
  }

  public double vMaxPu() {
    return vPu[vMaxIndex];
  }

  /** Bus NUMBER of the highest voltage. */
  public int vMaxBus() {
    return feeder.busNumber(vMaxIndex);
  }

  /** Magnitude of the current in branch b (feeding bus index b + 1), A. */
  public double branchCurrentA(int b) {
    return currentA[b];
  }

  /** Active losses in all branches, kW. */
  public double pLossKw() {
    return pLossKw;
  }

  /** Reactive losses in all branches, kvar. */
  public double qLossKvar() {
    return qLossKvar;
  }

  /**
   * Active power the feeder draws from the substation (slack bus), kW: loads minus injections
   * plus losses. Negative when the feeder exports (reverse power flow).
   */
  public double substationKw() {
    return substationKw;
  }

  /** Reactive power the feeder draws from the substation, kvar. */
  public double substationKvar() {
    return substationKvar;
  }

  /** Converged, every bus voltage within [vMinPu, vMaxPu], every rated branch within its rating. */
  public boolean withinLimits() {
    return withinLimits;
  }

  /**
   * Every broken limit: voltages by ascending bus number, then currents by ascending number of the
   * bus each branch feeds. Allocates: for reports.
   */
  public List<Violation> violations() {
    List<Violation> out = new ArrayList<>();
    int n = vPu.length;
    for (int rank = 0; rank < n; rank++) {
      int i = feeder.indexInNumberOrder(rank);
      String bus = Integer.toString(feeder.busNumber(i));
      if (vPu[i] < feeder.vMinPu()) {
        out.add(new Violation(Violation.Kind.UNDER_VOLTAGE, bus, vPu[i], feeder.vMinPu()));
      } else if (vPu[i] > feeder.vMaxPu()) {
        out.add(new Violation(Violation.Kind.OVER_VOLTAGE, bus, vPu[i], feeder.vMaxPu()));
      }
    }
    for (int rank = 0; rank < n; rank++) {
      int b = feeder.indexInNumberOrder(rank) - 1;
      if (b >= 0 && currentA[b] > feeder.branchMaxCurrentA(b)) {
        out.add(new Violation(Violation.Kind.OVER_CURRENT, feeder.branchName(b), currentA[b],
            feeder.branchMaxCurrentA(b)));
      }
    }
    return out;
  }

  /** An independent snapshot that later solves do not touch. */
  public PowerFlowResult copy() {
    return new PowerFlowResult(this);
  }
}
