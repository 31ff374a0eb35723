package energy.p2p.clearing;

import java.util.Comparator;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;

/**
 * Constraint-domination (Deb): the smaller total violation wins (feasible beats infeasible); with
 * equal violation, Pareto dominance on the (minimised) objectives; −1 when the first solution
 * wins. The same order as jMetal's {@code DominanceWithConstraintsComparator}, computed straight
 * from the solutions' arrays: jMetal's version looks the violation up through an attribute map
 * and a stream on every comparison, and NSGA-II's ranking compares every pair each generation
 * (that was a quarter of a grid-bound window's clearing time).
 */
final class ConstrainedDominance implements Comparator<DoubleSolution> {

  @Override
  public int compare(DoubleSolution a, DoubleSolution b) {
    double va = violation(a);
    double vb = violation(b);
    if (va != vb) {
      return va < vb ? -1 : 1;
    }
    return dominance(a.objectives(), b.objectives());
  }

  /** Total violation, ≥ 0 (constraints are negative when violated). */
  static double violation(DoubleSolution s) {
    double sum = 0;
    for (double c : s.constraints()) {
      if (c < 0) {
        sum -= c;
      }
    }
    return sum;
  }

  /** Pareto dominance of minimised objectives: −1 when a dominates, 1 when b does, else 0. */
  static int dominance(double[] a, double[] b) {
    boolean aBetter = false;
    boolean bBetter = false;
    for (int k = 0; k < a.length; k++) {
      if (a[k] < b[k]) {
        aBetter = true;
      } else if (b[k] < a[k]) {
        bBetter = true;
      }
    }
    return aBetter == bBetter ? 0 : (aBetter ? -1 : 1);
  }
}
