package energy.p2p.clearing;

import energy.p2p.clearing.SparseLp.Status;
import java.util.Arrays;

/**
 * A small dense-basis primal simplex for the clearing's linear programs ({@link SparseLp}):
 * maximise c·x subject to lo_r ≤ a_r·x ≤ hi_r for a few rows and 0 ≤ x_j ≤ u_j (u may be
 * infinite). The fallback of {@link DualSimplex}, which solves these LPs in a few pivots; a start
 * near the optimum is what this one needs instead. Columns are sparse
 * (a bid touches the balance or its bus's row, the grid rows and the class rows); the basis
 * inverse is a dense m × m matrix, so the cost per pivot is O(m² + nonzeros): with the handful of
 * rows a grid-bound window has (balance, 1–3 grid rows, a class row) a pivot costs about as much
 * as one pass over the bids.
 *
 * <p>Textbook bounded-variable revised simplex: every row gets a slack s_r = a_r·x within
 * [lo_r, hi_r]; a row that x = 0 breaks starts with an artificial variable, removed by a first
 * phase that maximises −Σ artificials. Nonbasic variables sit at a bound; an entering variable
 * may simply move to its other bound (bound flip). Dantzig pricing, a ratio test that prefers the
 * largest pivot among near-ties, Bland's rule after a run of degenerate pivots (no cycling), and a
 * fresh basis inverse every {@value #REFACTOR_EVERY} pivots. Deterministic: no randomness, ties
 * by index. Not thread-safe; reusable.
 */
final class BoundedSimplex {
  private static final double PRIMAL_TOL = 1e-9;
  private static final double DUAL_TOL = 1e-10;
  private static final double PIVOT_TOL = 1e-9;
  private static final int REFACTOR_EVERY = 64;
  private static final int DEGENERATE_RUN = 30;

  private SparseLp lp;
  private int m;
  private int n;
  // solver state over all variables: structurals [0, n), slacks [n, n+m), artificials [n+m, n+2m)
  private double[] x;
  private double[] lo;
  private double[] hi;
  private double[] c;
  private boolean[] basic;
  private int[] basisVar;
  private double[] binv;
  private double[] y;
  private double[] alpha;
  private double[] artificialSign;
  private Status status;
  private int iterations;

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

  /** Dual price of row r in the last solution (objective gain per unit of the row's bound). */
  double dual(int r) {
    return y[r];
  }

  /** Objective value c·x of the last solution. */
  double objective() {
    return lp.objective(x);
  }

  Status solve(SparseLp problem) {
    return solve(problem, null);
  }

  /**
   * Solves, starting with every structural column at the bound nearest to {@code start[j]} (null:
   * all at 0). A start near the optimum (the previous round's solution, the unconstrained
   * optimum) leaves the first phase a few rows to repair and the second a few pivots.
   */
  Status solve(SparseLp problem, double[] start) {
    lp = problem;
    m = problem.m;
    n = problem.n;
    allocate();
    int total = n + 2 * m;
    Arrays.fill(x, 0, total, 0.0);
    for (int j = 0; j < n; j++) {
      lo[j] = 0;
      hi[j] = lp.upper[j];
      basic[j] = false;
      if (start != null && Double.isFinite(lp.upper[j]) && start[j] > lp.upper[j] / 2) {
        x[j] = lp.upper[j];
      }
    }
    double[] activity = new double[m];
    lp.activities(x, activity);
    boolean needPhaseOne = false;
    Arrays.fill(binv, 0, m * m, 0.0);
    for (int r = 0; r < m; r++) {
      int s = n + r;
      int a = n + m + r;
      lo[s] = lp.rowLo[r];
      hi[s] = lp.rowHi[r];
      lo[a] = 0;
      basic[s] = false;
      basic[a] = false;
      double act = activity[r];
      if (lp.rowLo[r] <= act && act <= lp.rowHi[r]) {
        hi[a] = 0;
        artificialSign[r] = 1;
        x[s] = act;
        basisVar[r] = s; // column −e_r
        basic[s] = true;
        binv[r * m + r] = -1;
      } else {
        needPhaseOne = true;
        hi[a] = Double.POSITIVE_INFINITY;
        double bound = act > lp.rowHi[r] ? lp.rowHi[r] : lp.rowLo[r];
        x[s] = bound;
        // a·x − s + sign·t = 0: t = (s − a·x) / sign must be > 0
        artificialSign[r] = bound > act ? 1 : -1;
        x[a] = Math.abs(bound - act);
        basisVar[r] = a;
        basic[a] = true;
        binv[r * m + r] = artificialSign[r];
      }
    }
    iterations = 0;
    if (needPhaseOne) {
      Arrays.fill(c, 0, total, 0.0);
      for (int r = 0; r < m; r++) {
        c[n + m + r] = -1;
      }
      status = iterate();
      if (status != Status.OPTIMAL) {
        return status;
      }
      for (int r = 0; r < m; r++) {
        if (x[n + m + r] > 1e-7 * Math.max(1, Math.abs(x[n + r]))) {
          return status = Status.INFEASIBLE;
        }
      }
    }
    for (int r = 0; r < m; r++) {
      hi[n + m + r] = 0; // artificials may stay basic, at 0
    }
    Arrays.fill(c, 0, total, 0.0);
    System.arraycopy(lp.cost, 0, c, 0, n);
    status = iterate();
    return status;
  }

  private void allocate() {
    int total = n + 2 * m;
    if (x == null || x.length < total) {
      x = new double[total];
      lo = new double[total];
      hi = new double[total];
      c = new double[total];
      basic = new boolean[total];
    }
    if (basisVar == null || basisVar.length < m) {
      basisVar = new int[m];
      binv = new double[m * m];
      y = new double[m];
      alpha = new double[m];
      artificialSign = new double[m];
    }
  }

  private Status iterate() {
    int limit = 50 * (n + m) + 1000;
    int degenerate = 0;
    int sincePivots = 0;
    while (iterations < limit) {
      duals();
      int q = entering(degenerate >= DEGENERATE_RUN);
      if (q < 0) {
        return Status.OPTIMAL;
      }
      iterations++;
      double sign = x[q] <= lo[q] ? 1 : -1; // increase from the lower bound, else decrease
      column(q, alpha);
      ftran(alpha);
      int leave = -1;
      double theta = hi[q] - lo[q]; // a bound flip
      double bestPivot = 0;
      for (int r = 0; r < m; r++) {
        double d = -sign * alpha[r]; // change of basic r per unit step
        if (Math.abs(d) < PIVOT_TOL) {
          continue;
        }
        int b = basisVar[r];
        double room = d < 0 ? x[b] - lo[b] : hi[b] - x[b];
        double t = Math.max(0, room) / Math.abs(d);
        boolean better = t < theta - PRIMAL_TOL
            || (t <= theta + PRIMAL_TOL && leave >= 0 && Math.abs(d) > bestPivot);
        if (better && !(Double.isInfinite(room))) {
          theta = t;
          leave = r;
          bestPivot = Math.abs(d);
        }
      }
      if (Double.isInfinite(theta)) {
        return Status.UNBOUNDED;
      }
      degenerate = theta <= PRIMAL_TOL ? degenerate + 1 : 0;
      for (int r = 0; r < m; r++) {
        x[basisVar[r]] -= sign * theta * alpha[r];
      }
      x[q] += sign * theta;
      if (leave < 0) {
        x[q] = sign > 0 ? hi[q] : lo[q]; // bound flip: q stays nonbasic
        continue;
      }
      int out = basisVar[leave];
      double d = -sign * alpha[leave];
      x[out] = d < 0 ? lo[out] : hi[out];
      basic[out] = false;
      basic[q] = true;
      basisVar[leave] = q;
      pivot(leave);
      if (++sincePivots >= REFACTOR_EVERY) {
        sincePivots = 0;
        if (!refactor()) {
          return Status.ITERATION_LIMIT;
        }
      }
    }
    return Status.ITERATION_LIMIT;
  }

  /** y = c_B B⁻¹. */
  private void duals() {
    Arrays.fill(y, 0, m, 0.0);
    for (int r = 0; r < m; r++) {
      double cb = c[basisVar[r]];
      if (cb != 0) {
        for (int k = 0; k < m; k++) {
          y[k] += cb * binv[r * m + k];
        }
      }
    }
  }

  /** Entering variable: Dantzig (largest reduced cost), or Bland (lowest index) when cycling. */
  private int entering(boolean bland) {
    int total = n + 2 * m;
    int q = -1;
    double best = DUAL_TOL;
    for (int j = 0; j < total; j++) {
      if (basic[j] || hi[j] - lo[j] <= 0) {
        continue;
      }
      double d = reducedCost(j);
      double gain = x[j] <= lo[j] ? d : (x[j] >= hi[j] ? -d : Math.abs(d));
      if (gain > best) {
        q = j;
        best = gain;
        if (bland) {
          return q;
        }
      }
    }
    return q;
  }

  private double reducedCost(int j) {
    if (j < n) {
      double d = c[j];
      int[] rows = lp.colRows[j];
      double[] vals = lp.colVals[j];
      for (int k = 0; k < rows.length; k++) {
        d -= y[rows[k]] * vals[k];
      }
      return d;
    }
    if (j < n + m) {
      return c[j] + y[j - n]; // slack column −e_r
    }
    int r = j - n - m;
    return c[j] - y[r] * artificialSign[r];
  }

  /** Dense column of variable j. */
  private void column(int j, double[] out) {
    Arrays.fill(out, 0, m, 0.0);
    if (j < n) {
      int[] rows = lp.colRows[j];
      double[] vals = lp.colVals[j];
      for (int k = 0; k < rows.length; k++) {
        out[rows[k]] += vals[k];
      }
    } else if (j < n + m) {
      out[j - n] = -1;
    } else {
      out[j - n - m] = artificialSign[j - n - m];
    }
  }

  /** v := B⁻¹ v. */
  private double[] tmp = new double[4];

  private void ftran(double[] v) {
    if (tmp.length < m) {
      tmp = new double[m];
    }
    System.arraycopy(v, 0, tmp, 0, m);
    for (int r = 0; r < m; r++) {
      double sum = 0;
      for (int k = 0; k < m; k++) {
        sum += binv[r * m + k] * tmp[k];
      }
      v[r] = sum;
    }
  }

  /** Updates B⁻¹ after the variable in row {@code leave} was replaced (alpha = B⁻¹ a_q). */
  private void pivot(int leave) {
    double p = alpha[leave];
    for (int k = 0; k < m; k++) {
      binv[leave * m + k] /= p;
    }
    for (int r = 0; r < m; r++) {
      double f = alpha[r];
      if (r != leave && f != 0) {
        for (int k = 0; k < m; k++) {
          binv[r * m + k] -= f * binv[leave * m + k];
        }
      }
    }
  }

  /** Recomputes B⁻¹ (Gauss-Jordan with partial pivoting) and the basic values. */
  private boolean refactor() {
    double[] b = new double[m * m];
    double[] col = new double[m];
    for (int r = 0; r < m; r++) {
      column(basisVar[r], col);
      for (int k = 0; k < m; k++) {
        b[k * m + r] = col[k];
      }
    }
    if (!SparseLp.invert(b, m, binv)) {
      return false;
    }
    // basic values from the nonbasic ones: B x_B = −N x_N
    double[] rhs = new double[m];
    int total = n + 2 * m;
    for (int j = 0; j < total; j++) {
      if (!basic[j] && x[j] != 0) {
        column(j, col);
        for (int k = 0; k < m; k++) {
          rhs[k] -= col[k] * x[j];
        }
      }
    }
    ftran(rhs);
    for (int r = 0; r < m; r++) {
      x[basisVar[r]] = rhs[r];
    }
    return true;
  }
}
