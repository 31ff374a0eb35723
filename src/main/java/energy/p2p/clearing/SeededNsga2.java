package energy.p2p.clearing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.uma.jmetal.algorithm.multiobjective.nsgaii.NSGAII;
import org.uma.jmetal.operator.crossover.CrossoverOperator;
import org.uma.jmetal.operator.mutation.MutationOperator;
import org.uma.jmetal.problem.Problem;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;
import org.uma.jmetal.util.ConstraintHandling;
import org.uma.jmetal.util.evaluator.impl.SequentialSolutionListEvaluator;

/**
 * jMetal's NSGA-II with two changes: the initial population is given (the merit-order / grid
 * seeds, no random solutions that would draw from the JVM-wide generator), and it stops when the
 * best feasible social welfare has not improved for a number of generations, when it reaches the
 * proven upper bound (nothing left to find), or at the evaluation cap — never on wall-clock time.
 */
final class SeededNsga2 extends NSGAII<DoubleSolution> {
  /** Scores of feasible populations sit above this, infeasible ones below 0. */
  private static final double FEASIBLE_OFFSET = 1e12;
  private final List<DoubleSolution> seeds;
  private final int patience;
  private final double welfareBound;
  private double bestScore = Double.NEGATIVE_INFINITY;
  private int stalled;

  SeededNsga2(Problem<DoubleSolution> problem, int maxEvaluations, int populationSize,
      CrossoverOperator<DoubleSolution> crossover, MutationOperator<DoubleSolution> mutation,
      SeededTournament selection, Comparator<DoubleSolution> dominance,
      List<DoubleSolution> seeds, int patience, double welfareBound) {
    super(problem, maxEvaluations, populationSize, populationSize, populationSize, crossover,
        mutation, selection, dominance, new SequentialSolutionListEvaluator<>());
    this.seeds = seeds;
    this.patience = patience;
    this.welfareBound = welfareBound;
  }

  @Override
  protected List<DoubleSolution> createInitialPopulation() {
    return new ArrayList<>(seeds);
  }

  @Override
  protected void initProgress() {
    super.initProgress();
    bestScore = score(getPopulation());
  }

  @Override
  protected void updateProgress() {
    super.updateProgress();
    double now = score(getPopulation());
    if (now > bestScore + 1e-9 * Math.max(1, Math.abs(bestScore))) {
      bestScore = now;
      stalled = 0;
    } else {
      stalled++;
    }
  }

  @Override
  protected boolean isStoppingConditionReached() {
    return evaluations >= maxEvaluations || stalled >= patience || provablyOptimal();
  }

  /**
   * A feasible member already reaches the upper bound on social welfare (the merit-order
   * optimum): the seeded α-spread is then the exact front and no generation can improve it.
   */
  private boolean provablyOptimal() {
    double welfare = bestScore - FEASIBLE_OFFSET;
    return bestScore >= FEASIBLE_OFFSET / 2
        && welfare >= welfareBound - 1e-9 * Math.max(1, Math.abs(welfareBound));
  }

  int evaluations() {
    return evaluations;
  }

  /**
   * Best feasible social welfare; while nothing is feasible, minus the smallest violation (so
   * progress towards feasibility also counts as improvement).
   */
  private static double score(List<DoubleSolution> population) {
    double bestWelfare = Double.NEGATIVE_INFINITY;
    double leastViolation = Double.POSITIVE_INFINITY;
    for (DoubleSolution s : population) {
      double violation = -ConstraintHandling.overallConstraintViolationDegree(s);
      if (violation <= 0) {
        bestWelfare = Math.max(bestWelfare, -s.objectives()[0] - s.objectives()[1]);
      } else {
        leastViolation = Math.min(leastViolation, violation);
      }
    }
    return bestWelfare > Double.NEGATIVE_INFINITY ? FEASIBLE_OFFSET + bestWelfare : -leastViolation;
  }
}
