package energy.p2p.clearing;

import java.util.Arrays;

/**
 * A small linear program as the clearing builds it: maximise c·x subject to lo_r ≤ a_r·x ≤ hi_r
 * for a few rows and 0 ≤ x_j ≤ u_j (u may be infinite). Columns are sparse (a bid touches the
 * balance, the grid rows and the class rows). Only the problem: {@link DualSimplex} solves it,
 * {@link BoundedSimplex} is the fallback. Reusable ({@link #reset}); not thread-safe.
 */
final class SparseLp {
  enum Status { OPTIMAL, INFEASIBLE, UNBOUNDED, ITERATION_LIMIT }

  int m;
  int n;
  int[][] colRows = new int[16][];
  double[][] colVals = new double[16][];
  double[] cost = new double[16];
  double[] upper = new double[16];
  /** Columns of one group share their rows and values (bids on one bus): solvers price once. */
  int[] colGroup = new int[16];
  int groups;
  int[][] groupRows = new int[16][];
  double[][] groupVals = new double[16][];
  double[] rowLo = new double[4];
  double[] rowHi = new double[4];

  /** Starts a new problem with {@code rows} rows (unbounded) and no column. */
  void reset(int rows) {
    m = rows;
    n = 0;
    groups = 0;
    if (rowLo.length < rows) {
      rowLo = new double[rows];
      rowHi = new double[rows];
    }
    Arrays.fill(rowLo, 0, rows, Double.NEGATIVE_INFINITY);
    Arrays.fill(rowHi, 0, rows, Double.POSITIVE_INFINITY);
  }

  /** lo ≤ row r ≤ hi (either may be infinite). */
  void rowBounds(int r, double low, double high) {
    rowLo[r] = low;
    rowHi[r] = high;
  }

  /** Adds a column 0 ≤ x ≤ {@code up} with objective coefficient {@code objective}; its index. */
  int addColumn(double objective, double up, int[] rows, double[] values) {
    return addColumn(objective, up, group(rows, values));
  }

  /**
   * A group of columns with these rows and values (not copied: the caller keeps them unchanged);
   * its index for {@link #addColumn(double, double, int)}.
   */
  int group(int[] rows, double[] values) {
    if (groups == groupRows.length) {
      groupRows = Arrays.copyOf(groupRows, 2 * groups);
      groupVals = Arrays.copyOf(groupVals, 2 * groups);
    }
    groupRows[groups] = rows;
    groupVals[groups] = values;
    return groups++;
  }

  /** Adds a column of group {@code g} (its rows and values) 0 ≤ x ≤ up; its index. */
  int addColumn(double objective, double up, int g) {
    if (n == cost.length) {
      int size = 2 * n;
      colRows = Arrays.copyOf(colRows, size);
      colVals = Arrays.copyOf(colVals, size);
      cost = Arrays.copyOf(cost, size);
      upper = Arrays.copyOf(upper, size);
      colGroup = Arrays.copyOf(colGroup, size);
    }
    colRows[n] = groupRows[g];
    colVals[n] = groupVals[g];
    colGroup[n] = g;
    cost[n] = objective;
    upper[n] = up;
    return n++;
  }

  int rows() {
    return m;
  }

  int columns() {
    return n;
  }

  /** Σ c_j x_j. */
  double objective(double[] x) {
    double sum = 0;
    for (int j = 0; j < n; j++) {
      sum += cost[j] * x[j];
    }
    return sum;
  }

  /** Row activities a_r·x of the first n entries of {@code x} into {@code out[0..m)}. */
  void activities(double[] x, double[] out) {
    Arrays.fill(out, 0, m, 0.0);
    for (int j = 0; j < n; j++) {
      double v = x[j];
      if (v != 0) {
        int[] rows = colRows[j];
        double[] vals = colVals[j];
        for (int k = 0; k < rows.length; k++) {
          out[rows[k]] += vals[k] * v;
        }
      }
    }
  }

  /**
   * {@code out} := the inverse of the dense row-major m × m matrix {@code b} (destroyed), by
   * Gauss-Jordan with partial pivoting; false if b is singular.
   */
  static boolean invert(double[] b, int m, double[] out) {
    Arrays.fill(out, 0, m * m, 0.0);
    for (int k = 0; k < m; k++) {
      out[k * m + k] = 1;
    }
    for (int p = 0; p < m; p++) {
      int row = p;
      for (int r = p + 1; r < m; r++) {
        if (Math.abs(b[r * m + p]) > Math.abs(b[row * m + p])) {
          row = r;
        }
      }
      if (Math.abs(b[row * m + p]) < 1e-14) {
        return false;
      }
      swapRows(b, m, row, p);
      swapRows(out, m, row, p);
      double d = b[p * m + p];
      for (int k = 0; k < m; k++) {
        b[p * m + k] /= d;
        out[p * m + k] /= d;
      }
      for (int r = 0; r < m; r++) {
        double f = b[r * m + p];
        if (r != p && f != 0) {
          for (int k = 0; k < m; k++) {
            b[r * m + k] -= f * b[p * m + k];
            out[r * m + k] -= f * out[p * m + k];
          }
        }
      }
    }
    return true;
  }

  private static void swapRows(double[] a, int m, int r1, int r2) {
    if (r1 == r2) {
      return;
    }
    for (int k = 0; k < m; k++) {
      double t = a[r1 * m + k];
      a[r1 * m + k] = a[r2 * m + k];
      a[r2 * m + k] = t;
    }
  }
}
