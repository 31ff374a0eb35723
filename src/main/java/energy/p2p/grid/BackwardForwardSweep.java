package energy.p2p.grid;

import java.util.Arrays;

/**
 * AC Backward-Forward Sweep (current summation) on a {@link RadialFeeder}.
 *
 * <p>Each iteration: (1) load currents I_i = conj(S_i / V_i) from the constant-power loads minus
 * injections; (2) backward sweep, children before parents (descending index), summing each
 * bus's current into its parent: the sum at bus i is the current of the branch feeding i;
 * (3) forward sweep, parents before children: V_i = V_parent - Z_branch * I_branch. It stops when
 * no voltage moves by more than the tolerance (p.u., per real/imaginary part).
 *
 * <p>Everything is in flat arrays built once; {@link #solve} allocates nothing. Every solve starts
 * from the flat profile (slack voltage everywhere), so results never depend on earlier solves.
 * Voltage collapse is reported as {@link PowerFlowStatus#DIVERGED} (a voltage fell below
 * {@value #COLLAPSE_PU} p.u. or an update exceeded {@value #RUNAWAY_PU} p.u.) or
 * {@link PowerFlowStatus#MAX_ITERATIONS}, with the last finite iterate kept in the result.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class BackwardForwardSweep implements PowerFlowSolver {

  public static final double DEFAULT_TOLERANCE_PU = 1e-10;
  public static final int DEFAULT_MAX_ITERATIONS = 100;
  /** Below this magnitude a constant-power load current is meaningless: the feeder collapsed. */
  static final double COLLAPSE_PU = 0.01;
  /** An update larger than this is not convergence any more. */
  static final double RUNAWAY_PU = 10.0;

  private final RadialFeeder feeder;
  private final double tolerancePu;
  private final int maxIterations;
  private final int n;
  private final int[] parent;
  private final double[] rPu;
  private final double[] xPu;
  private final double[] loadPPu;
  private final double[] loadQPu;
  // two voltage buffers: the sweep writes the new iterate next to the old one, so a runaway
  // iterate can be dropped and the last finite one reported
  private double[] vRe;
  private double[] vIm;
  private double[] vReNext;
  private double[] vImNext;
  private final double[] iRe;
  private final double[] iIm;
  private final PowerFlowResult result;

  public BackwardForwardSweep(RadialFeeder feeder) {
    this(feeder, DEFAULT_TOLERANCE_PU, DEFAULT_MAX_ITERATIONS);
  }

  public BackwardForwardSweep(RadialFeeder feeder, double tolerancePu, int maxIterations) {
    PowerFlowSolver.checkStoppingRule(tolerancePu, maxIterations);
    this.feeder = feeder;
    this.tolerancePu = tolerancePu;
    this.maxIterations = maxIterations;
    this.n = feeder.busCount();
    this.parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = feeder.parentIndex(i);
    }
    // shifted so that rPu[i] is the branch feeding bus i: the hot loops index by bus only
    this.rPu = new double[n];
    this.xPu = new double[n];
    System.arraycopy(feeder.rPu, 0, rPu, 1, n - 1);
    System.arraycopy(feeder.xPu, 0, xPu, 1, n - 1);
    this.loadPPu = feeder.loadPPu.clone();
    this.loadQPu = feeder.loadQPu.clone();
    this.vRe = new double[n];
    this.vIm = new double[n];
    this.vReNext = new double[n];
    this.vImNext = new double[n];
    this.iRe = new double[n];
    this.iIm = new double[n];
    this.result = new PowerFlowResult(feeder);
  }

  @Override
  public RadialFeeder feeder() {
    return feeder;
  }

  @Override
  public PowerFlowResult solve(double[] injectionKw, double[] injectionKvar) {
    PowerFlowSolver.checkInjection(feeder, injectionKw, "injectionKw");
    PowerFlowSolver.checkInjection(feeder, injectionKvar, "injectionKvar");
    double vSlack = feeder.slackVoltagePu();
    Arrays.fill(vRe, vSlack);
    Arrays.fill(vIm, 0.0);
    vReNext[0] = vSlack;
    vImNext[0] = 0.0;
    PowerFlowStatus status = PowerFlowStatus.MAX_ITERATIONS;
    int iteration = 0;
    while (iteration < maxIterations) {
      if (!loadCurrents(injectionKw, injectionKvar)) {
        status = PowerFlowStatus.DIVERGED;
        break;
      }
      iteration++;
      backwardSweep();
      double maxStepPu = forwardSweep();
      if (!(maxStepPu <= RUNAWAY_PU)) { // also catches NaN
        status = PowerFlowStatus.DIVERGED;
        break;
      }
      swapBuffers();
      if (maxStepPu < tolerancePu) {
        status = PowerFlowStatus.CONVERGED;
        break;
      }
    }
    System.arraycopy(vRe, 0, result.vRePu(), 0, n);
    System.arraycopy(vIm, 0, result.vImPu(), 0, n);
    result.complete(status, iteration);
    return result;
  }

  /** I_i = conj(S_i / V_i) with S_i = load - injection (p.u.); false if a voltage collapsed. */
  private boolean loadCurrents(double[] injectionKw, double[] injectionKvar) {
    final double perKw = 1.0 / RadialFeeder.S_BASE_KVA;
    iRe[0] = 0.0;
    iIm[0] = 0.0;
    for (int i = 1; i < n; i++) {
      double p = loadPPu[i];
      double q = loadQPu[i];
      if (injectionKw != null) {
        p -= injectionKw[i] * perKw;
      }
      if (injectionKvar != null) {
        q -= injectionKvar[i] * perKw;
      }
      double vr = vRe[i];
      double vi = vIm[i];
      double v2 = vr * vr + vi * vi;
      if (!(v2 >= COLLAPSE_PU * COLLAPSE_PU)) {
        return false;
      }
      double inv = 1.0 / v2;
      iRe[i] = (p * vr + q * vi) * inv;
      iIm[i] = (p * vi - q * vr) * inv;
    }
    return true;
  }

  /** Children before parents: afterwards iRe/iIm[i] is the current of the branch feeding bus i. */
  private void backwardSweep() {
    for (int i = n - 1; i > 0; i--) {
      int p = parent[i];
      iRe[p] += iRe[i];
      iIm[p] += iIm[i];
    }
  }

  /** Parents before children: V_i = V_parent - Z I. Returns the largest change of a component. */
  private double forwardSweep() {
    double maxStep = 0.0;
    for (int i = 1; i < n; i++) {
      int p = parent[i];
      double r = rPu[i];
      double x = xPu[i];
      double ir = iRe[i];
      double ii = iIm[i];
      double nr = vReNext[p] - (r * ir - x * ii);
      double ni = vImNext[p] - (r * ii + x * ir);
      vReNext[i] = nr;
      vImNext[i] = ni;
      // Math.max propagates NaN, so a NaN anywhere shows in the returned step
      maxStep = Math.max(maxStep, Math.max(Math.abs(nr - vRe[i]), Math.abs(ni - vIm[i])));
    }
    return maxStep;
  }

  private void swapBuffers() {
    double[] t = vRe;
    vRe = vReNext;
    vReNext = t;
    t = vIm;
    vIm = vImNext;
    vImNext = t;
  }
}
