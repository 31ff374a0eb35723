package energy.p2p.grid;

/**
 * Single rows of the sensitivities {@link VoltageSensitivity} computes as whole matrices: how one
 * bus voltage magnitude or one branch current magnitude moves per kW injected at every bus, around
 * a converged operating point. One adjoint solve per row (z = J^-T w, then dRow/dP_j = z at the
 * P equation of bus j), so a caller that needs the few rows near a limit pays for those rows, not
 * for a column per injecting bus.
 *
 * <p>The Jacobian of a radial feeder is block-tree shaped (a 2 x 2 block per bus, one per branch
 * in each direction; {@link PolarJacobian}): eliminated leaves first (children have larger
 * indices than their parents), its block LU has no fill at all. {@link #factor} costs O(n) 2 x 2
 * operations and each row another O(n): no sparse-matrix library, no symbolic analysis, nothing
 * allocated after construction. Same linear system as {@link VoltageSensitivity}, so the same
 * numbers up to rounding (see the test).
 *
 * <p>Not thread-safe; reusable across operating points of its feeder.
 */
public final class RowSensitivity {
  private final RadialFeeder feeder;
  private final int n;
  private final PolarJacobian jacobian;
  private final double[] er;
  private final double[] ei;
  private final double[] vm;
  private final double[] cos;
  private final double[] sin;
  // per bus i >= 1, row-major 2 x 2 blocks: inverse of the Schur complement of the diagonal block,
  // J[i][parent] (equations of i, unknowns of the parent) and J[parent][i]
  private final double[] inv;
  private final double[] toParent;
  private final double[] fromParent;
  private final double[] zTheta;
  private final double[] zV;
  private final double[] block = new double[4];
  private boolean factored;

  public RowSensitivity(RadialFeeder feeder) {
    this.feeder = feeder;
    this.n = feeder.busCount();
    this.jacobian = new PolarJacobian(feeder);
    er = new double[n];
    ei = new double[n];
    vm = new double[n];
    cos = new double[n];
    sin = new double[n];
    inv = new double[4 * n];
    toParent = new double[4 * n];
    fromParent = new double[4 * n];
    zTheta = new double[n];
    zV = new double[n];
  }

  /**
   * Factorises the Jacobian at {@code operatingPoint} (a converged result of this feeder; only
   * read here, so a solver's own result may be passed and solved over afterwards).
   */
  public void factor(PowerFlowResult operatingPoint) {
    VoltageSensitivity.requireOperatingPoint(feeder, operatingPoint);
    double[] re = operatingPoint.vRePu();
    double[] im = operatingPoint.vImPu();
    factored = false; // until the factorisation below succeeds
    for (int i = 0; i < n; i++) {
      er[i] = re[i];
      ei[i] = im[i];
      vm[i] = Math.sqrt(re[i] * re[i] + im[i] * im[i]);
      cos[i] = re[i] / vm[i];
      sin[i] = im[i] / vm[i];
    }
    jacobian.computeInjectionsRectangular(er, ei);
    for (int i = 1; i < n; i++) {
      jacobian.diagonalBlock(i, vm[i], block);
      System.arraycopy(block, 0, inv, 4 * i, 4);
    }
    for (int i = n - 1; i >= 1; i--) {
      int p = feeder.parentIndex(i);
      invertInPlace(i);
      if (p == 0) {
        continue; // the slack is not an unknown
      }
      int b = i - 1;
      double cosT = cos[i] * cos[p] + sin[i] * sin[p]; // cos(theta_i - theta_p)
      double sinT = sin[i] * cos[p] - cos[i] * sin[p];
      jacobian.offDiagonalBlock(b, vm[i], vm[p], cosT, sinT, block);
      System.arraycopy(block, 0, toParent, 4 * i, 4);
      jacobian.offDiagonalBlock(b, vm[p], vm[i], cosT, -sinT, block);
      System.arraycopy(block, 0, fromParent, 4 * i, 4);
      // S_p -= J[p][i] S_i^-1 J[i][p]
      double[] t = block;
      mul(fromParent, 4 * i, inv, 4 * i, t);
      double a0 = t[0] * toParent[4 * i] + t[1] * toParent[4 * i + 2];
      double a1 = t[0] * toParent[4 * i + 1] + t[1] * toParent[4 * i + 3];
      double a2 = t[2] * toParent[4 * i] + t[3] * toParent[4 * i + 2];
      double a3 = t[2] * toParent[4 * i + 1] + t[3] * toParent[4 * i + 3];
      inv[4 * p] -= a0;
      inv[4 * p + 1] -= a1;
      inv[4 * p + 2] -= a2;
      inv[4 * p + 3] -= a3;
    }
    factored = true;
  }

  /**
   * {@code perKwOut[j]} := p.u. of voltage magnitude at {@code bus} per kW injected at bus index
   * j (0 at the slack), around the last factored operating point.
   */
  public void dVpuPerKw(int bus, double[] perKwOut) {
    requireFactored();
    if (bus == 0) {
      java.util.Arrays.fill(perKwOut, 0, n, 0.0);
      return;
    }
    java.util.Arrays.fill(zTheta, 0.0);
    java.util.Arrays.fill(zV, 0.0);
    zV[bus] = 1;
    adjointSolve(perKwOut, 1.0);
  }

  /**
   * {@code perKwOut[j]} := A of current magnitude on {@code branch} per kW injected at bus index
   * j, around the last factored operating point. A branch carrying no current at all has no
   * derivative of its magnitude: refused.
   */
  public void dCurrentAPerKw(int branch, double[] perKwOut) {
    requireFactored();
    int c = branch + 1;
    int p = feeder.parentIndex(c);
    double g = feeder.gPu[branch];
    double s = feeder.bPu[branch];
    double dr = er[p] - er[c];
    double di = ei[p] - ei[c];
    double ir = g * dr - s * di;
    double ii = g * di + s * dr;
    double mag = Math.sqrt(ir * ir + ii * ii);
    if (!(mag > 1e-12)) {
      throw new IllegalArgumentException("branch " + feeder.branchName(branch)
          + " carries no current: its magnitude has no derivative");
    }
    // d|I| = a d(Re dV) + b d(Im dV) over dV = V_parent - V_child, I = y dV
    double a = (ir * g + ii * s) / mag;
    double bb = (ii * g - ir * s) / mag;
    java.util.Arrays.fill(zTheta, 0.0);
    java.util.Arrays.fill(zV, 0.0);
    weight(c, -1, a, bb);
    if (p != 0) {
      weight(p, 1, a, bb);
    }
    adjointSolve(perKwOut, feeder.iBaseA);
  }

  /** Adds sign × d(a Re V_k + b Im V_k)/d(theta_k, |V_k|) to the right-hand side. */
  private void weight(int k, double sign, double a, double b) {
    zTheta[k] += sign * vm[k] * (b * cos[k] - a * sin[k]);
    zV[k] += sign * (a * cos[k] + b * sin[k]);
  }

  /** z = J^-T (zTheta, zV) in place; out[j] = scale × z_P(j) per kW. */
  private void adjointSolve(double[] out, double scale) {
    for (int i = n - 1; i >= 1; i--) { // forward: r_p -= J[i][p]^T S_i^-T r_i
      int p = feeder.parentIndex(i);
      if (p == 0) {
        continue;
      }
      int o = 4 * i;
      // u = S_i^-T r_i
      double u0 = inv[o] * zTheta[i] + inv[o + 2] * zV[i];
      double u1 = inv[o + 1] * zTheta[i] + inv[o + 3] * zV[i];
      zTheta[p] -= toParent[o] * u0 + toParent[o + 2] * u1;
      zV[p] -= toParent[o + 1] * u0 + toParent[o + 3] * u1;
    }
    out[0] = 0;
    for (int i = 1; i < n; i++) { // backward: z_i = S_i^-T (r_i - J[p][i]^T z_p)
      int p = feeder.parentIndex(i);
      int o = 4 * i;
      double r0 = zTheta[i];
      double r1 = zV[i];
      if (p != 0) {
        r0 -= fromParent[o] * zTheta[p] + fromParent[o + 2] * zV[p];
        r1 -= fromParent[o + 1] * zTheta[p] + fromParent[o + 3] * zV[p];
      }
      zTheta[i] = inv[o] * r0 + inv[o + 2] * r1;
      zV[i] = inv[o + 1] * r0 + inv[o + 3] * r1;
      out[i] = scale * zTheta[i] / RadialFeeder.S_BASE_KVA;
    }
  }

  private void invertInPlace(int i) {
    int o = 4 * i;
    double a = inv[o];
    double b = inv[o + 1];
    double c = inv[o + 2];
    double d = inv[o + 3];
    double det = a * d - b * c;
    if (!(Math.abs(det) > 0) || !Double.isFinite(det)) {
      throw new IllegalArgumentException("singular Jacobian at the operating point (bus "
          + feeder.busNumber(i) + ")");
    }
    inv[o] = d / det;
    inv[o + 1] = -b / det;
    inv[o + 2] = -c / det;
    inv[o + 3] = a / det;
  }

  /** out = x[xo..] · y[yo..] (2 x 2, row-major). */
  private static void mul(double[] x, int xo, double[] y, int yo, double[] out) {
    double x0 = x[xo];
    double x1 = x[xo + 1];
    double x2 = x[xo + 2];
    double x3 = x[xo + 3];
    out[0] = x0 * y[yo] + x1 * y[yo + 2];
    out[1] = x0 * y[yo + 1] + x1 * y[yo + 3];
    out[2] = x2 * y[yo] + x3 * y[yo + 2];
    out[3] = x2 * y[yo + 1] + x3 * y[yo + 3];
  }

  private void requireFactored() {
    if (!factored) {
      throw new IllegalStateException("factor an operating point first");
    }
  }
}
