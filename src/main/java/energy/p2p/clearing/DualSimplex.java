package energy.p2p.clearing;

import energy.p2p.clearing.SparseLp.Status;
import java.util.Arrays;

/**
 * The bounded dual simplex that solves the clearing's linear programs ({@link SparseLp}) from
 * scratch in a handful of pivots. Every bid column is boxed (0 ≤ x ≤ quantity), so the all-slack
 * basis with each column at the bound its price favours — every buyer fully bought, no seller
 * sold — is dual feasible at once; each iteration then repairs the most infeasible row with the
 * bound-flipping ratio test, which walks through the row's breakpoints (the columns' reduced
 * prices divided by their row coefficients) flipping every column it passes. On the balance row
 * that walk is the merit-order crossing; on a voltage row it is the merit order of the nodal
 * prices (limit − μ·sensitivity). A grid-bound window's LP (balance, 1–3 grid rows, a class row)
 * takes 3–10 pivots, each one pass over the columns, however far the optimum is from the start.
 *
 * <p>Revised form with a dense m × m basis inverse (product-form updates, recomputed every
 * {@value #REFACTOR_EVERY} pivots), leaving row by dual steepest edge (infeasibility² / ‖row of
 * B⁻¹‖²), ties broken by index: deterministic. At the end dual feasibility is re-checked from
 * fresh reduced costs; a solve that fails it (numerical trouble) reports
 * {@link Status#ITERATION_LIMIT}, so the caller can fall back to {@link BoundedSimplex}.
 * Precondition: a column with an infinite upper bound must not gain from increasing at the start
 * (objective coefficient ≤ 0), as every fee-transport column. Not thread-safe; reusable.
 */
final class DualSimplex {
  private static final double PRIMAL_TOL = 1e-9;
  private static final double DUAL_TOL = 1e-9;
  private static final double PIVOT_TOL = 1e-9;
  private static final int REFACTOR_EVERY = 32;

  private SparseLp lp;
  private int m;
  private int n;
  // variables: structurals [0, n), slacks [n, n + m) with column −e_r; minimisation of −c·x
  private double[] x = new double[0];
  private double[] lo = new double[0];
  private double[] hi = new double[0];
  private double[] cost = new double[0];
  private double[] d = new double[0];
  private double[] alphaRow = new double[0];
  private double[] ratio = new double[0]; // of the ratio test's candidates
  private boolean[] basic = new boolean[0];
  private int[] basisVar = new int[0];
  private double[] binv = new double[0];
  private double[] y = new double[0];
  private double[] rho = new double[0]; // row p of B⁻¹ in the current pivot
  private int[] flips = new int[0];
  private double[] flipChange = new double[0];
  private int flipCount;
  private double[] work = new double[0];
  private double[] column = new double[0];
  private int[] heap = new int[0];
  private double[] perGroup = new double[0];
  private int heapSize;
  private Status status;
  private int iterations;

  Status solve(SparseLp problem) {
    lp = problem;
    m = problem.m;
    n = problem.n;
    allocate();
    start();
    iterations = 0;
    int limit = 20 * m + 100;
    int sinceRefactor = 0;
    while (true) {
      int p = leavingRow();
      if (p < 0) {
        basics(); // fresh values and prices: updates drift
        duals();
        if (leavingRow() < 0) {
          return status = dualFeasible() ? Status.OPTIMAL : Status.ITERATION_LIMIT;
        }
        continue;
      }
      if (iterations++ >= limit) {
        return status = Status.ITERATION_LIMIT;
      }
      int leaving = basisVar[p];
      boolean toLower = x[leaving] < lo[leaving];
      double bound = toLower ? lo[leaving] : hi[leaving];
      System.arraycopy(binv, p * m, rho, 0, m);
      flipCount = 0;
      int q = ratioTest(p, x[leaving] - bound);
      if (q == -1) {
        return status = Status.INFEASIBLE;
      }
      updatePrices(q, leaving);
      applyFlips();
      columnOf(q, column);
      ftran(column);
      if (Math.abs(column[p]) < PIVOT_TOL || ++sinceRefactor >= REFACTOR_EVERY) {
        sinceRefactor = 0;
        x[leaving] = bound;
        swapIntoBasis(q, leaving, p);
        if (!refactor()) {
          return status = Status.ITERATION_LIMIT;
        }
        basics();
        duals();
        continue;
      }
      double step = (x[leaving] - bound) / column[p]; // q moves by this; the leaving one to bound
      for (int r = 0; r < m; r++) {
        x[basisVar[r]] -= step * column[r];
      }
      x[q] += step;
      x[leaving] = bound;
      swapIntoBasis(q, leaving, p);
      pivot(p);
    }
  }

  /** d_j −= θ α_j for every nonbasic j and y += θ ρ, θ = d_q / α_q: d_q becomes 0. */
  private void updatePrices(int q, int leaving) {
    double theta = d[q] / alphaRow[q];
    for (int j = 0; j < n + m; j++) {
      double a = alphaRow[j];
      if (a != 0) {
        d[j] -= theta * a;
      }
    }
    for (int k = 0; k < m; k++) {
      y[k] += theta * rho[k];
    }
    d[q] = 0;
    d[leaving] = -theta;
  }

  /** Basic values after the ratio test's flips: x_B −= B⁻¹ Σ a_j Δx_j. */
  private void applyFlips() {
    if (flipCount == 0) {
      return;
    }
    Arrays.fill(column, 0, m, 0.0);
    for (int f = 0; f < flipCount; f++) {
      int j = flips[f];
      double change = flipChange[f];
      if (j >= n) {
        column[j - n] -= change;
        continue;
      }
      int[] rows = lp.colRows[j];
      double[] vals = lp.colVals[j];
      for (int k = 0; k < rows.length; k++) {
        column[rows[k]] += vals[k] * change;
      }
    }
    ftran(column);
    for (int r = 0; r < m; r++) {
      x[basisVar[r]] -= column[r];
    }
  }

  private void swapIntoBasis(int q, int leaving, int p) {
    basic[leaving] = false;
    basic[q] = true;
    basisVar[p] = q;
  }

  Status status() {
    return status;
  }

  int iterations() {
    return iterations;
  }

  /** Value of structural column j in the last solution. */
  double value(int j) {
    return x[j];
  }

  /** Dual price of row r: objective gain per unit its binding bound is relaxed (sign: direction). */
  double dual(int r) {
    return -y[r];
  }

  /** Objective value c·x of the last solution. */
  double objective() {
    return lp.objective(x);
  }

  private void allocate() {
    int total = n + m;
    if (x.length < total) {
      x = new double[total];
      lo = new double[total];
      hi = new double[total];
      cost = new double[total];
      d = new double[total];
      alphaRow = new double[total];
      ratio = new double[total];
      basic = new boolean[total];
      heap = new int[total];
      flips = new int[total];
      flipChange = new double[total];
    }
    if (perGroup.length < lp.groups) {
      perGroup = new double[lp.groups];
    }
    if (basisVar.length < m) {
      basisVar = new int[m];
      binv = new double[m * m];
      y = new double[m];
      rho = new double[m];
      work = new double[m];
      column = new double[m];
    }
  }

  /** All-slack basis, every column at the bound its cost favours: dual feasible. */
  private void start() {
    for (int j = 0; j < n; j++) {
      lo[j] = 0;
      hi[j] = lp.upper[j];
      cost[j] = -lp.cost[j];
      basic[j] = false;
      if (cost[j] < 0 && Double.isInfinite(hi[j])) {
        throw new IllegalArgumentException("column " + j + " gains without bound at the start:"
            + " not a dual-feasible starting point");
      }
      x[j] = cost[j] < 0 ? hi[j] : 0;
    }
    Arrays.fill(binv, 0, m * m, 0.0);
    for (int r = 0; r < m; r++) {
      int s = n + r;
      lo[s] = lp.rowLo[r];
      hi[s] = lp.rowHi[r];
      cost[s] = 0;
      basic[s] = true;
      basisVar[r] = s;
      binv[r * m + r] = -1;
    }
    basics();
    duals();
  }

  /** The basic variable to repair: largest infeasibility² / ‖row of B⁻¹‖²; −1 if none. */
  private int leavingRow() {
    int best = -1;
    double bestScore = 0;
    for (int r = 0; r < m; r++) {
      int b = basisVar[r];
      double v = x[b];
      double infeasible = Math.max(lo[b] - v, v - hi[b]);
      double bound = v < lo[b] ? lo[b] : hi[b];
      if (!(infeasible > PRIMAL_TOL * Math.max(1, Math.abs(bound)))) {
        continue;
      }
      double norm = 0;
      for (int k = 0; k < m; k++) {
        norm += binv[r * m + k] * binv[r * m + k];
      }
      double score = infeasible * infeasible / Math.max(norm, 1e-300);
      if (score > bestScore) {
        best = r;
        bestScore = score;
      }
    }
    return best;
  }

  /**
   * Bound-flipping ratio test on row p (the leaving variable is {@code delta} outside its bound):
   * passes breakpoints in order of ratio, flipping boxed columns while the row stays infeasible;
   * the column at which it would not returns as the entering one (flips applied). −1: no column
   * can repair the row — the LP is infeasible.
   */
  private int ratioTest(int p, double delta) {
    double sign = delta < 0 ? -1 : 1;
    heapSize = 0;
    groupProducts(rho);
    for (int j = 0; j < n + m; j++) {
      if (basic[j] || hi[j] - lo[j] <= 0) {
        alphaRow[j] = 0;
        continue;
      }
      double a = j < n ? perGroup[lp.colGroup[j]] : -rho[j - n];
      alphaRow[j] = a;
      double at = sign * a;
      boolean atLower = x[j] <= lo[j];
      if ((atLower && at > PIVOT_TOL) || (!atLower && at < -PIVOT_TOL)) {
        ratio[j] = Math.max(0, d[j] / at); // ≥ 0 in a dual-feasible basis
        heap[heapSize++] = j;
      }
    }
    for (int k = heapSize / 2 - 1; k >= 0; k--) {
      siftDown(k);
    }
    double slope = Math.abs(delta);
    while (heapSize > 0) {
      int j = heap[0];
      heap[0] = heap[--heapSize];
      siftDown(0);
      double range = hi[j] - lo[j];
      double after = slope - Math.abs(alphaRow[j]) * range;
      if (Double.isInfinite(range) || after <= PRIMAL_TOL) {
        return j;
      }
      slope = after;
      double to = x[j] <= lo[j] ? hi[j] : lo[j]; // passed: flips to its other bound
      flips[flipCount] = j;
      flipChange[flipCount++] = to - x[j];
      x[j] = to;
    }
    return -1;
  }

  /** Whether column a comes before b: smaller ratio, then larger |α| (stabler pivot), then index. */
  private boolean before(int a, int b) {
    double ra = ratio[a];
    double rb = ratio[b];
    if (ra != rb) {
      return ra < rb;
    }
    double pa = Math.abs(alphaRow[a]);
    double pb = Math.abs(alphaRow[b]);
    return pa != pb ? pa > pb : a < b;
  }

  private void siftDown(int k) {
    int j = heap[k];
    while (true) {
      int l = 2 * k + 1;
      if (l >= heapSize) {
        break;
      }
      int c = l + 1 < heapSize && before(heap[l + 1], heap[l]) ? l + 1 : l;
      if (!before(heap[c], j)) {
        break;
      }
      heap[k] = heap[c];
      k = c;
    }
    heap[k] = j;
  }

  /** perGroup[g] := v·a_g for every column group g (its columns share a_g). */
  private void groupProducts(double[] v) {
    for (int g = 0; g < lp.groups; g++) {
      int[] rows = lp.groupRows[g];
      double[] vals = lp.groupVals[g];
      double sum = 0;
      for (int k = 0; k < rows.length; k++) {
        sum += v[rows[k]] * vals[k];
      }
      perGroup[g] = sum;
    }
  }

  /** Product-form update of B⁻¹ at row p; {@link #column} holds B⁻¹ a_q of the entering q. */
  private void pivot(int p) {
    double piv = column[p];
    int op = p * m;
    for (int k = 0; k < m; k++) {
      binv[op + k] /= piv;
    }
    for (int r = 0; r < m; r++) {
      double f = column[r];
      if (r != p && f != 0) {
        int o = r * m;
        for (int k = 0; k < m; k++) {
          binv[o + k] -= f * binv[op + k];
        }
      }
    }
  }

  private boolean refactor() {
    double[] b = new double[m * m];
    for (int r = 0; r < m; r++) {
      columnOf(basisVar[r], column);
      for (int k = 0; k < m; k++) {
        b[k * m + r] = column[k];
      }
    }
    return SparseLp.invert(b, m, binv);
  }

  private void columnOf(int j, double[] out) {
    Arrays.fill(out, 0, m, 0.0);
    if (j >= n) {
      out[j - n] = -1;
      return;
    }
    int[] rows = lp.colRows[j];
    double[] vals = lp.colVals[j];
    for (int k = 0; k < rows.length; k++) {
      out[rows[k]] += vals[k];
    }
  }

  private void ftran(double[] v) {
    System.arraycopy(v, 0, work, 0, m);
    for (int r = 0; r < m; r++) {
      double sum = 0;
      int o = r * m;
      for (int k = 0; k < m; k++) {
        sum += binv[o + k] * work[k];
      }
      v[r] = sum;
    }
  }

  /** Basic values from the nonbasic ones: x_B = B⁻¹ (−N x_N). */
  private void basics() {
    Arrays.fill(column, 0, m, 0.0);
    Arrays.fill(perGroup, 0, lp.groups, 0.0);
    for (int j = 0; j < n; j++) {
      if (!basic[j]) {
        perGroup[lp.colGroup[j]] += x[j];
      }
    }
    for (int g = 0; g < lp.groups; g++) {
      double v = perGroup[g];
      if (v != 0) {
        int[] rows = lp.groupRows[g];
        double[] vals = lp.groupVals[g];
        for (int k = 0; k < rows.length; k++) {
          column[rows[k]] -= vals[k] * v;
        }
      }
    }
    for (int r = 0; r < m; r++) {
      if (!basic[n + r]) {
        column[r] += x[n + r];
      }
    }
    ftran(column);
    for (int r = 0; r < m; r++) {
      x[basisVar[r]] = column[r];
    }
  }

  /** y = c_B B⁻¹ and the reduced costs d_j = c_j − y·a_j of every nonbasic variable. */
  private void duals() {
    Arrays.fill(y, 0, m, 0.0);
    for (int r = 0; r < m; r++) {
      double cb = cost[basisVar[r]];
      if (cb != 0) {
        int o = r * m;
        for (int k = 0; k < m; k++) {
          y[k] += cb * binv[o + k];
        }
      }
    }
    groupProducts(y);
    for (int j = 0; j < n; j++) {
      d[j] = basic[j] ? 0 : cost[j] - perGroup[lp.colGroup[j]];
    }
    for (int r = 0; r < m; r++) {
      d[n + r] = basic[n + r] ? 0 : y[r];
    }
  }

  /** Every nonbasic variable at a bound its reduced cost agrees with (minimisation). */
  private boolean dualFeasible() {
    for (int j = 0; j < n + m; j++) {
      if (basic[j] || hi[j] - lo[j] <= 0) {
        continue;
      }
      double scale = DUAL_TOL * Math.max(1, Math.abs(cost[j]));
      if ((x[j] <= lo[j] && d[j] < -scale) || (x[j] >= hi[j] && d[j] > scale)) {
        return false;
      }
    }
    return true;
  }
}
