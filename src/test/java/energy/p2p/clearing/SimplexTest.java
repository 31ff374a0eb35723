package energy.p2p.clearing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Both simplexes against ojAlgo on random LPs shaped like the clearing's (boxed bid columns, a
 * balance row, a few dense "grid" rows with one-sided bounds, an optional class-share row, and in
 * the fee form a balance per bus with unbounded transport columns): same optimum, a feasible
 * solution, the same verdict on infeasible LPs, and duals that bound the gain of relaxed rows.
 */
class SimplexTest {
  private static final double TOL = 1e-7;

  /** A random clearing-shaped LP: buyers pay limit, sellers ask, grid rows cap net injection. */
  private static SparseLp clearingShaped(long seed, int bids, int gridRows, boolean feeForm,
      double tightness) {
    SplittableRandom random = new SplittableRandom(seed);
    int buses = feeForm ? 6 : 1;
    int rows = buses + gridRows + 1;
    SparseLp lp = new SparseLp();
    lp.reset(rows);
    for (int b = 0; b < buses; b++) {
      lp.rowBounds(b, 0, 0);
    }
    int places = buses == 1 ? 8 : buses; // bid buses
    double[][] sensitivity = new double[gridRows][places];
    for (double[] row : sensitivity) {
      for (int k = 0; k < row.length; k++) {
        row[k] = random.nextDouble(0.2, 1.0);
      }
    }
    for (int g = 0; g < gridRows; g++) {
      lp.rowBounds(buses + g, Double.NEGATIVE_INFINITY, tightness * random.nextDouble(5, 50));
    }
    lp.rowBounds(rows - 1, 0, Double.POSITIVE_INFINITY); // class row: ≥ 30 % of bought by class 0
    for (int k = 0; k < bids; k++) {
      boolean buyer = k % 2 == 0;
      int bus = random.nextInt(places);
      double qty = random.nextDouble(1, 20);
      double price = random.nextDouble(0.05, 0.35);
      double sign = buyer ? -1 : 1;
      int[] idx = new int[1 + gridRows + (buyer ? 1 : 0)];
      double[] val = new double[idx.length];
      idx[0] = feeForm ? bus : 0;
      val[0] = sign;
      for (int g = 0; g < gridRows; g++) {
        idx[1 + g] = buses + g;
        val[1 + g] = sign * sensitivity[g][bus];
      }
      if (buyer) {
        idx[idx.length - 1] = rows - 1;
        val[idx.length - 1] = (random.nextInt(3) == 0 ? 1 : 0) - 0.3;
      }
      lp.addColumn(buyer ? price : -price, qty, idx, val);
    }
    if (feeForm) { // transport between neighbouring buses both ways at a small cost
      for (int b = 1; b < buses; b++) {
        double fee = random.nextDouble(0, 0.02);
        lp.addColumn(-fee, Double.POSITIVE_INFINITY, new int[] {b - 1, b}, new double[] {-1, 1});
        lp.addColumn(-fee, Double.POSITIVE_INFINITY, new int[] {b, b - 1}, new double[] {-1, 1});
      }
    }
    return lp;
  }

  @ParameterizedTest(name = "seed {0}, {1} bids, {2} grid rows, fee form {3}, tightness {4}")
  @CsvSource({"1, 200, 1, false, 1", "2, 200, 3, false, 0.5", "3, 60, 2, false, 0.1",
      "4, 400, 5, false, 1", "5, 200, 2, true, 1", "6, 120, 3, true, 0.3", "7, 10, 1, false, 1",
      "8, 200, 0, false, 1", "9, 200, 0, true, 1", "10, 300, 4, false, 0.05"})
  void dualAndPrimalReachOjAlgosOptimum(long seed, int bids, int gridRows, boolean feeForm,
      double tightness) {
    SparseLp lp = clearingShaped(seed, bids, gridRows, feeForm, tightness);
    double reference = ojAlgo(lp);
    DualSimplex dual = new DualSimplex();
    assertEquals(SparseLp.Status.OPTIMAL, dual.solve(lp));
    assertEquals(reference, dual.objective(), TOL * Math.max(1, Math.abs(reference)));
    assertFeasible(lp, dual::value);
    assertTrue(dual.iterations() <= 4 * lp.rows() + 10, dual.iterations() + " pivots");
    BoundedSimplex primal = new BoundedSimplex();
    assertEquals(SparseLp.Status.OPTIMAL, primal.solve(lp));
    assertEquals(reference, primal.objective(), TOL * Math.max(1, Math.abs(reference)));
    assertFeasible(lp, primal::value);
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"11", "12", "13"})
  void dualsBoundWhatRelaxedRowsGain(long seed) {
    SparseLp lp = clearingShaped(seed, 200, 3, false, 0.1);
    DualSimplex dual = new DualSimplex();
    assertEquals(SparseLp.Status.OPTIMAL, dual.solve(lp));
    double bound = dual.objective();
    double relax = 2.0;
    for (int g = 1; g <= 3; g++) {
      bound += Math.abs(dual.dual(g)) * relax;
      lp.rowBounds(g, Double.NEGATIVE_INFINITY, lp.rowHi[g] + relax);
    }
    double relaxed = ojAlgo(lp);
    assertTrue(relaxed <= bound + 1e-9, relaxed + " > dual bound " + bound);
    assertTrue(relaxed > dual.objective() + 1e-6, "precondition: the rows bind");
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"21", "22"})
  void anInfeasibleLpIsReportedInfeasibleByBoth(long seed) {
    SparseLp lp = clearingShaped(seed, 100, 2, false, 1);
    lp.rowBounds(1, 1e6, Double.POSITIVE_INFINITY); // more injection than all sellers have
    assertEquals(SparseLp.Status.INFEASIBLE, new DualSimplex().solve(lp));
    assertEquals(SparseLp.Status.INFEASIBLE, new BoundedSimplex().solve(lp));
  }

  private static void assertFeasible(SparseLp lp, java.util.function.IntToDoubleFunction x) {
    double[] values = new double[lp.columns()];
    for (int j = 0; j < values.length; j++) {
      values[j] = x.applyAsDouble(j);
      assertTrue(values[j] >= -1e-9 && values[j] <= lp.upper[j] + 1e-9, "column " + j);
    }
    double[] act = new double[lp.rows()];
    lp.activities(values, act);
    for (int r = 0; r < lp.rows(); r++) {
      double slack = 1e-7 * Math.max(1, Math.abs(act[r]));
      assertTrue(act[r] >= lp.rowLo[r] - slack && act[r] <= lp.rowHi[r] + slack,
          "row " + r + ": " + act[r] + " not in [" + lp.rowLo[r] + ", " + lp.rowHi[r] + "]");
    }
  }

  private static double ojAlgo(SparseLp lp) {
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    Variable[] vars = new Variable[lp.columns()];
    for (int j = 0; j < vars.length; j++) {
      vars[j] = model.addVariable("x" + j).lower(0).weight(lp.cost[j]);
      if (Double.isFinite(lp.upper[j])) {
        vars[j].upper(lp.upper[j]);
      }
    }
    for (int r = 0; r < lp.rows(); r++) {
      Expression e = model.addExpression("r" + r);
      if (Double.isFinite(lp.rowLo[r])) {
        e.lower(lp.rowLo[r]);
      }
      if (Double.isFinite(lp.rowHi[r])) {
        e.upper(lp.rowHi[r]);
      }
      for (int j = 0; j < vars.length; j++) {
        for (int k = 0; k < lp.colRows[j].length; k++) {
          if (lp.colRows[j][k] == r) {
            e.set(vars[j], lp.colVals[j][k]);
          }
        }
      }
    }
    Optimisation.Result result = model.maximise();
    assertTrue(result.getState().isOptimal(), "ojAlgo: " + result.getState());
    return result.getValue();
  }
}
