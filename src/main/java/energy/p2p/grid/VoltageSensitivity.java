package energy.p2p.grid;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.interfaces.linsol.LinearSolverSparse;
import org.ejml.sparse.FillReducing;
import org.ejml.sparse.csc.factory.LinearSolverFactory_DSCC;

/**
 * Linear sensitivities of bus voltage magnitudes and branch current magnitudes to active power
 * injected at a bus, around a converged operating point: the columns of the inverse power-flow
 * Jacobian, d(theta, |V|) = J^-1 d(P, Q), with one sparse LU factorisation shared by all
 * columns (O(n) per column on a radial feeder). Injection is extra generation: +1 kW at a bus
 * raises the voltages around it (positive dV), the slack absorbs the balance.
 *
 * <p>The full matrices are n x n: for large feeders ask only for the buses you need with
 * {@link #around(RadialFeeder, PowerFlowResult, int[])}.
 */
public final class VoltageSensitivity {

  private final int[] injectionBusIndices;
  private final double[][] dVpuPerKw;
  private final double[][] dCurrentAPerKw;

  private VoltageSensitivity(int[] injectionBusIndices, double[][] dVpuPerKw,
      double[][] dCurrentAPerKw) {
    this.injectionBusIndices = injectionBusIndices;
    this.dVpuPerKw = dVpuPerKw;
    this.dCurrentAPerKw = dCurrentAPerKw;
  }

  /** [observedBusIndex][injectionBusIndex]: p.u. of voltage magnitude per kW injected. */
  public static double[][] dVpuPerKw(RadialFeeder feeder, PowerFlowResult operatingPoint) {
    return around(feeder, operatingPoint, allBuses(feeder)).dVpuPerKw;
  }

  /** [branch][injectionBusIndex]: A of current magnitude per kW injected. */
  public static double[][] dCurrentAPerKw(RadialFeeder feeder, PowerFlowResult operatingPoint) {
    return around(feeder, operatingPoint, allBuses(feeder)).dCurrentAPerKw;
  }

  /**
   * Both sensitivities for injections at the given bus indices only; column k of each matrix is
   * {@code injectionBusIndices[k]}.
   */
  public static VoltageSensitivity around(RadialFeeder feeder, PowerFlowResult operatingPoint,
      int[] injectionBusIndices) {
    requireOperatingPoint(feeder, operatingPoint);
    int n = feeder.busCount();
    double[] vm = new double[n];
    double[] va = new double[n];
    for (int i = 0; i < n; i++) {
      vm[i] = operatingPoint.vPu(i);
      va[i] = Math.toRadians(operatingPoint.angleDeg(i));
    }
    PolarJacobian jacobian = new PolarJacobian(feeder);
    jacobian.computeInjections(vm, va);
    LinearSolverSparse<DMatrixSparseCSC, DMatrixRMaj> lu =
        LinearSolverFactory_DSCC.lu(FillReducing.NONE);
    if (!lu.setA(jacobian.build(vm, va))) {
      throw new IllegalArgumentException("singular Jacobian at the operating point");
    }
    int m = injectionBusIndices.length;
    DMatrixRMaj rhs = new DMatrixRMaj(jacobian.size(), m);
    for (int k = 0; k < m; k++) {
      int bus = injectionBusIndices[k];
      if (bus < 0 || bus >= n) {
        throw new IllegalArgumentException("no bus index " + bus + " on " + feeder.feederId());
      }
      if (bus != 0) { // power injected at the slack changes nothing
        rhs.set(PolarJacobian.angleRow(n, bus), k, 1.0 / RadialFeeder.S_BASE_KVA);
      }
    }
    DMatrixRMaj x = new DMatrixRMaj(jacobian.size(), m);
    lu.solve(rhs, x);
    double[][] dV = new double[n][m];
    for (int i = 1; i < n; i++) {
      int r = PolarJacobian.angleRow(n, i) + 1;
      for (int k = 0; k < m; k++) {
        dV[i][k] = x.get(r, k);
      }
    }
    double[][] dI = currentSensitivity(feeder, vm, va, x, m);
    return new VoltageSensitivity(injectionBusIndices.clone(), dV, dI);
  }

  /** d|I_b| = Re(conj(I_b) dI_b) / |I_b| with dI_b = y_b (dV_parent - dV_child), complex dV. */
  private static double[][] currentSensitivity(RadialFeeder feeder, double[] vm, double[] va,
      DMatrixRMaj x, int m) {
    int n = feeder.busCount();
    double[][] dI = new double[n - 1][m];
    // what does not depend on the column, once: cos/sin of every angle, every branch current
    double[] cos = new double[n];
    double[] sin = new double[n];
    for (int i = 0; i < n; i++) {
      cos[i] = Math.cos(va[i]);
      sin[i] = Math.sin(va[i]);
    }
    double[] iRe = new double[n - 1];
    double[] iIm = new double[n - 1];
    for (int b = 0; b < n - 1; b++) {
      int c = b + 1;
      int p = feeder.parentIndex(c);
      double vr = vm[p] * cos[p] - vm[c] * cos[c];
      double vi = vm[p] * sin[p] - vm[c] * sin[c];
      iRe[b] = feeder.gPu[b] * vr - feeder.bPu[b] * vi;
      iIm[b] = feeder.gPu[b] * vi + feeder.bPu[b] * vr;
    }
    double[] dRe = new double[n];
    double[] dIm = new double[n];
    for (int k = 0; k < m; k++) {
      for (int i = 1; i < n; i++) {
        int r = PolarJacobian.angleRow(n, i);
        double dTheta = x.get(r, k);
        double dMag = x.get(r + 1, k);
        dRe[i] = cos[i] * dMag - vm[i] * sin[i] * dTheta;
        dIm[i] = sin[i] * dMag + vm[i] * cos[i] * dTheta;
      }
      for (int b = 0; b < n - 1; b++) {
        int c = b + 1;
        int p = feeder.parentIndex(c);
        double g = feeder.gPu[b];
        double s = feeder.bPu[b];
        double ir = iRe[b];
        double ii = iIm[b];
        double dvr = dRe[p] - dRe[c];
        double dvi = dIm[p] - dIm[c];
        double dir = g * dvr - s * dvi;
        double dii = g * dvi + s * dvr;
        double mag = Math.sqrt(ir * ir + ii * ii);
        // at zero current the magnitude has no derivative: report how fast it grows from 0
        double dMagPu = mag > 1e-12 ? (ir * dir + ii * dii) / mag : Math.hypot(dir, dii);
        dI[b][k] = dMagPu * feeder.iBaseA;
      }
    }
    return dI;
  }

  /** Refuses an operating point of another feeder or one that did not converge. */
  static void requireOperatingPoint(RadialFeeder feeder, PowerFlowResult operatingPoint) {
    if (operatingPoint.feeder() != feeder) {
      throw new IllegalArgumentException("operating point is for feeder "
          + operatingPoint.feeder().feederId() + ", not " + feeder.feederId());
    }
    if (!operatingPoint.converged()) {
      throw new IllegalArgumentException("sensitivities need a converged operating point, got "
          + operatingPoint.status());
    }
  }

  private static int[] allBuses(RadialFeeder feeder) {
    int[] all = new int[feeder.busCount()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return all;
  }

  /** The bus indices of the columns. */
  public int[] injectionBusIndices() {
    return injectionBusIndices.clone();
  }

  /** [observedBusIndex][column]: p.u. per kW injected at {@code injectionBusIndices()[column]}. */
  public double[][] dVpuPerKw() {
    return dVpuPerKw;
  }

  /** [branch][column]: A per kW injected at {@code injectionBusIndices()[column]}. */
  public double[][] dCurrentAPerKw() {
    return dCurrentAPerKw;
  }
}
