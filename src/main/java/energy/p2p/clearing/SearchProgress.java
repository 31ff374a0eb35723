package energy.p2p.clearing;

import java.util.List;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;

/**
 * How {@link SeededNsga2} judges a generation: whether it gained enough to reset the patience
 * count, and whether nothing is left to find. Progress is kept as exact numbers, never as a
 * rounded score.
 */
interface SearchProgress {

  /** Forgets everything: a new run starts. */
  void reset();

  /**
   * Takes the solutions just evaluated and the population after replacement (for the initial
   * population, the same list); whether this was a gain.
   */
  boolean improved(List<DoubleSolution> evaluated, List<DoubleSolution> population);

  /** Nothing is left to find (e.g. a feasible member reached a proven bound). */
  boolean done();
}
