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
 * {@link SearchProgress} has seen no gain for a number of generations (on the default front: the
 * best feasible social welfare, {@link WelfareProgress}; on other fronts: their hypervolume,
 * {@link FrontArchive}), when nothing is left to find, or at the evaluation cap — never on
 * wall-clock time.
 */
final class SeededNsga2 extends NSGAII<DoubleSolution> {
  private final List<DoubleSolution> seeds;
  private boolean seedsEvaluated;
  private final int patience;
  private final SearchProgress progress;
  private final int generationSize;
  private List<DoubleSolution> evaluated = List.of();
  private int stalled;

  /**
   * @param seeds the initial population (may hold more members than {@code populationSize}: the
   *     first replacement keeps the best; every seed counts as an evaluation)
   * @param seedsEvaluated the seeds were evaluated already (by the problem): not again
   * @param patience generations without a gain that stop the search
   * @param progress what counts as a gain, and when nothing is left to find
   */
  SeededNsga2(Problem<DoubleSolution> problem, int maxEvaluations, int populationSize,
      CrossoverOperator<DoubleSolution> crossover, MutationOperator<DoubleSolution> mutation,
      SeededTournament selection, Comparator<DoubleSolution> dominance,
      List<DoubleSolution> seeds, boolean seedsEvaluated, int patience,
      SearchProgress progress) {
    super(problem, maxEvaluations, populationSize, populationSize, populationSize, crossover,
        mutation, selection, dominance, new SequentialSolutionListEvaluator<>());
    this.seeds = seeds;
    this.seedsEvaluated = seedsEvaluated;
    this.patience = patience;
    this.progress = progress;
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
  protected List<DoubleSolution> evaluatePopulation(List<DoubleSolution> population) {
    if (seedsEvaluated) { // the initial population, evaluated while the seeds were built
      seedsEvaluated = false;
      evaluated = population;
    } else {
      evaluated = super.evaluatePopulation(population);
    }
    return evaluated;
  }

  @Override
  protected void initProgress() {
    super.initProgress();
    evaluations = seeds.size();
    stalled = 0;
    progress.reset();
    progress.improved(evaluated, getPopulation());
  }

  @Override
  protected void updateProgress() {
    super.updateProgress();
    stalled = progress.improved(evaluated, getPopulation()) ? 0 : stalled + 1;
  }

  /**
   * Stops when nothing is left to find (the progress says so), after {@code patience}
   * generations without a gain, or when one more generation would exceed the evaluation budget
   * (so a run never spends more than maxEvaluations).
   */
  @Override
  protected boolean isStoppingConditionReached() {
    return evaluations + generationSize > maxEvaluations || stalled >= patience
        || progress.done();
  }

  int evaluations() {
    return evaluations;
  }
}
