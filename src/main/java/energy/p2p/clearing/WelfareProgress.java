package energy.p2p.clearing;

import java.util.List;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;

/**
 * Progress on the buyer / seller welfare front, whose shape is fixed by the best social welfare
 * (a segment): a gain is a best feasible social welfare up by more than {@code tolerance}
 * (relative), or, while nothing is feasible, the least violation down by as much; done when a
 * feasible member reaches the proven upper bound. Kept as exact numbers (a single "score" with a
 * 1e12 offset for feasibility rounded welfare to ~1e-4 and made both stops a coin flip).
 */
final class WelfareProgress implements SearchProgress {
  private final double tolerance;
  private final double welfareBound;
  private boolean feasible;
  private double bestWelfare = Double.NEGATIVE_INFINITY;
  private double leastViolation = Double.POSITIVE_INFINITY;

  /**
   * @param tolerance relative gain of the best feasible social welfare (or relative decrease of
   *     the least violation while nothing is feasible) that counts as a gain
   * @param welfareBound a proven upper bound on social welfare: reaching it stops the search
   */
  WelfareProgress(double tolerance, double welfareBound) {
    this.tolerance = tolerance;
    this.welfareBound = welfareBound;
  }

  @Override
  public void reset() {
    feasible = false;
    bestWelfare = Double.NEGATIVE_INFINITY;
    leastViolation = Double.POSITIVE_INFINITY;
  }

  /**
   * A feasible member already reaches the upper bound on social welfare (the unconstrained
   * optimum): the seeded α-spread is then the exact front and no generation can improve it.
   */
  @Override
  public boolean done() {
    return feasible && bestWelfare >= welfareBound - 1e-9 * Math.max(1, Math.abs(welfareBound));
  }

  /** Updates the best feasible welfare (or least violation); whether that was a gain. */
  @Override
  public boolean improved(List<DoubleSolution> evaluated, List<DoubleSolution> population) {
    boolean gain = false;
    for (DoubleSolution s : population) {
      double violation = ConstrainedDominance.violation(s);
      if (violation <= 0) {
        double welfare = -s.objectives()[0] - s.objectives()[1];
        if (!feasible || welfare > bestWelfare + tolerance * Math.max(1, Math.abs(bestWelfare))) {
          gain = true;
        }
        if (!feasible || welfare > bestWelfare) {
          bestWelfare = welfare;
        }
        feasible = true;
      } else if (!feasible) {
        if (violation < leastViolation - tolerance * Math.max(1, leastViolation)) {
          gain = true;
        }
        leastViolation = Math.min(leastViolation, violation);
      }
    }
    return gain;
  }
}
