package energy.p2p.grid;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.interfaces.linsol.LinearSolverSparse;
import org.ejml.sparse.FillReducing;
import org.ejml.sparse.csc.factory.LinearSolverFactory_DSCC;

/**
 * Full Newton-Raphson power flow in polar coordinates with a sparse Jacobian ({@link
 * PolarJacobian}) and EJML's sparse LU: independent of the sweep (nodal equations, not branch
 * currents), so it cross-checks {@link BackwardForwardSweep} in tests and from the CLI. Stops when
 * the largest P or Q mismatch is below the tolerance (p.u. of {@link RadialFeeder#S_BASE_KVA}).
 *
 * <p>Allocates per iteration (EJML conversion and factorisation): for checks, not for the
 * optimiser's inner loop. Not thread-safe.
 */
public final class NewtonRaphsonSolver implements PowerFlowSolver {

  public static final double DEFAULT_TOLERANCE_PU = 1e-10;
  public static final int DEFAULT_MAX_ITERATIONS = 30;

  private final RadialFeeder feeder;
  private final double tolerancePu;
  private final int maxIterations;
  private final int n;
  private final PolarJacobian jacobian;
  private final LinearSolverSparse<DMatrixSparseCSC, DMatrixRMaj> lu =
      LinearSolverFactory_DSCC.lu(FillReducing.NONE);
  private final double[] vm;
  private final double[] va;
  private final DMatrixRMaj mismatch;
  private final DMatrixRMaj step;
  private final PowerFlowResult result;

  public NewtonRaphsonSolver(RadialFeeder feeder) {
    this(feeder, DEFAULT_TOLERANCE_PU, DEFAULT_MAX_ITERATIONS);
  }

  public NewtonRaphsonSolver(RadialFeeder feeder, double tolerancePu, int maxIterations) {
    PowerFlowSolver.checkStoppingRule(tolerancePu, maxIterations);
    this.feeder = feeder;
    this.tolerancePu = tolerancePu;
    this.maxIterations = maxIterations;
    this.n = feeder.busCount();
    this.jacobian = new PolarJacobian(feeder);
    this.vm = new double[n];
    this.va = new double[n];
    this.mismatch = new DMatrixRMaj(jacobian.size(), 1);
    this.step = new DMatrixRMaj(jacobian.size(), 1);
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
    Arrays.fill(vm, feeder.slackVoltagePu());
    Arrays.fill(va, 0.0);
    PowerFlowStatus status;
    int iteration = 0;
    while (true) {
      jacobian.computeInjections(vm, va);
      double worst = fillMismatch(injectionKw, injectionKvar);
      if (!Double.isFinite(worst)) {
        status = PowerFlowStatus.DIVERGED;
        break;
      }
      if (worst < tolerancePu) {
        status = PowerFlowStatus.CONVERGED;
        break;
      }
      if (iteration == maxIterations) {
        status = PowerFlowStatus.MAX_ITERATIONS;
        break;
      }
      if (!lu.setA(jacobian.build(vm, va))) {
        status = PowerFlowStatus.DIVERGED; // singular Jacobian: at or past the nose of the curve
        break;
      }
      lu.solve(mismatch, step);
      iteration++;
      if (!applyStep()) {
        status = PowerFlowStatus.DIVERGED;
        break;
      }
    }
    double[] re = result.vRePu();
    double[] im = result.vImPu();
    for (int i = 0; i < n; i++) {
      re[i] = vm[i] * Math.cos(va[i]);
      im[i] = vm[i] * Math.sin(va[i]);
    }
    result.complete(status, iteration);
    return result;
  }

  /** Specified minus computed injections into the right-hand side; returns the largest. */
  private double fillMismatch(double[] injectionKw, double[] injectionKvar) {
    double worst = 0;
    for (int i = 1; i < n; i++) {
      double pSpec = -feeder.loadPPu[i];
      double qSpec = -feeder.loadQPu[i];
      if (injectionKw != null) {
        pSpec += injectionKw[i] / RadialFeeder.S_BASE_KVA;
      }
      if (injectionKvar != null) {
        qSpec += injectionKvar[i] / RadialFeeder.S_BASE_KVA;
      }
      double dp = pSpec - jacobian.pCalcPu[i];
      double dq = qSpec - jacobian.qCalcPu[i];
      int r = PolarJacobian.angleRow(n, i);
      mismatch.data[r] = dp;
      mismatch.data[r + 1] = dq;
      worst = Math.max(worst, Math.max(Math.abs(dp), Math.abs(dq)));
    }
    return worst;
  }

  /** Applies the Newton step unless it leaves the physical range (then the iterate is kept). */
  private boolean applyStep() {
    for (int i = 1; i < n; i++) {
      int r = PolarJacobian.angleRow(n, i);
      double v = vm[i] + step.data[r + 1];
      if (!(v >= BackwardForwardSweep.COLLAPSE_PU) || !Double.isFinite(step.data[r])
          || v > BackwardForwardSweep.RUNAWAY_PU) {
        return false;
      }
    }
    for (int i = 1; i < n; i++) {
      int r = PolarJacobian.angleRow(n, i);
      va[i] += step.data[r];
      vm[i] += step.data[r + 1];
    }
    return true;
  }
}
