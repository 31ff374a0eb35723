package energy.p2p.clearing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.uma.jmetal.algorithm.multiobjective.nsgaii.NSGAII;
import org.uma.jmetal.operator.crossover.CrossoverOperator;
import org.uma.jmetal.operator.mutation.MutationOperator;
import org.uma.jmetal.problem.Problem;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;
import org.uma.jmetal.util.evaluator.impl.SequentialSolutionListEvaluator;

/**
 * jMetal's NSGA-II with two changes: the initial population is given (the merit-order / grid
 * seeds, no random solutions that would draw from the JVM-wide generator), and it stops when the
 * best feasible social welfare has not improved for a number of generations, when it reaches the
 * proven upper bound (nothing left to find), or at the evaluation cap — never on wall-clock time.
 */
final class SeededNsga2 extends NSGAII<DoubleSolution> {
  private final List<DoubleSolution> seeds;
  private final int patience;
  private final double tolerance;
  private final double welfareBound;
  private final int generationSize;
  // progress, kept as exact numbers (a single "score" with a 1e12 offset for feasibility rounded
  // welfare to ~1e-4 and made both stops a coin flip)
  private boolean feasible;
  private double bestWelfare = Double.NEGATIVE_INFINITY;
  private double leastViolation = Double.POSITIVE_INFINITY;
  private int stalled;

  /**
   * @param patience generations without a gain that stop the search
   * @param tolerance relative gain of the best feasible social welfare (or relative decrease of
   *     the least violation while nothing is feasible) that counts as a gain
   * @param welfareBound social welfare that leaves nothing to gain — a proven upper bound, or a
   *     certified seed's own welfare: a feasible member reaching it stops the search
   */
  SeededNsga2(Problem<DoubleSolution> problem, int maxEvaluations, int populationSize,
      CrossoverOperator<DoubleSolution> crossover, MutationOperator<DoubleSolution> mutation,
      SeededTournament selection, Comparator<DoubleSolution> dominance,
      List<DoubleSolution> seeds, int patience, double tolerance, double welfareBound) {
    super(problem, maxEvaluations, populationSize, populationSize, populationSize, crossover,
        mutation, selection, dominance, new SequentialSolutionListEvaluator<>());
    this.seeds = seeds;
    this.patience = patience;
    this.tolerance = tolerance;
    this.welfareBound = welfareBound;
    this.generationSize = populationSize;
  }

  @Override
  protected List<DoubleSolution> createInitialPopulation() {
    return new ArrayList<>(seeds);
  }

  /** NSGA-II's ranking and crowding on arrays ({@link RankAndCrowd}), not jMetal's maps. */
  @Override
  protected List<DoubleSolution> replacement(List<DoubleSolution> population,
      List<DoubleSolution> offspring) {
    List<DoubleSolution> joint = new ArrayList<>(population.size() + offspring.size());
    joint.addAll(population);
    joint.addAll(offspring);
    return RankAndCrowd.select(joint, generationSize);
  }

  @Override
  protected void initProgress() {
    super.initProgress();
    stalled = 0;
    feasible = false;
    bestWelfare = Double.NEGATIVE_INFINITY;
    leastViolation = Double.POSITIVE_INFINITY;
    improved(getPopulation());
  }

  @Override
  protected void updateProgress() {
    super.updateProgress();
    stalled = improved(getPopulation()) ? 0 : stalled + 1;
  }

  /**
   * Stops when a feasible member reaches the proven upper bound, after {@code patience}
   * generations without a gain, or when one more generation would exceed the evaluation budget
   * (so a run never spends more than maxEvaluations).
   */
  @Override
  protected boolean isStoppingConditionReached() {
    return evaluations + generationSize > maxEvaluations || stalled >= patience
        || provablyOptimal();
  }

  /**
   * A feasible member already reaches the upper bound on social welfare (the unconstrained
   * optimum): the seeded α-spread is then the exact front and no generation can improve it.
   */
  boolean provablyOptimal() {
    return feasible && bestWelfare >= welfareBound - 1e-9 * Math.max(1, Math.abs(welfareBound));
  }

  int evaluations() {
    return evaluations;
  }

  /** Updates the best feasible welfare (or least violation); whether that was a gain. */
  private boolean improved(List<DoubleSolution> population) {
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
