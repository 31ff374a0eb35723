package energy.p2p.clearing;

import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.uma.jmetal.operator.selection.SelectionOperator;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;

/**
 * Binary tournament with the window's own generator (jMetal's BinaryTournamentSelection draws from
 * the JVM-wide JMetalRandom singleton): two random members, the one that wins under constraint
 * domination; a draw is settled by a coin.
 */
final class SeededTournament implements SelectionOperator<List<DoubleSolution>, DoubleSolution> {
  private final SplittableRandom random;
  private final Comparator<DoubleSolution> comparator;

  SeededTournament(SplittableRandom random, Comparator<DoubleSolution> comparator) {
    this.random = random;
    this.comparator = comparator;
  }

  @Override
  public DoubleSolution execute(List<DoubleSolution> population) {
    DoubleSolution a = population.get(random.nextInt(population.size()));
    DoubleSolution b = population.get(random.nextInt(population.size()));
    int c = comparator.compare(a, b);
    if (c < 0) {
      return a;
    }
    if (c > 0) {
      return b;
    }
    return random.nextBoolean() ? a : b;
  }
}
