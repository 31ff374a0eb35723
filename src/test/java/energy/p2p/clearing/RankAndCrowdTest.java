package energy.p2p.clearing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.Collections;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.uma.jmetal.operator.selection.impl.RankingAndCrowdingSelection;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;

/**
 * The array-based NSGA-II selection keeps the same members as jMetal's RankingAndCrowdingSelection
 * with the same constraint domination, on random populations (continuous objectives, so no ties
 * in crowding; a third infeasible, some dominated, a front cut by crowding).
 */
class RankAndCrowdTest {

  @ParameterizedTest(name = "seed {0}, {1} of {2}, {3} objectives")
  @CsvSource({"1, 20, 40, 2", "2, 20, 40, 2", "3, 10, 40, 2", "4, 32, 64, 3", "5, 7, 12, 2",
      "6, 20, 40, 2", "7, 20, 40, 3"})
  void keepsTheSameMembersAsJMetal(long seed, int size, int count, int objectives) {
    SplittableRandom random = new SplittableRandom(seed);
    List<DoubleSolution> joint = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      FillSolution s = new FillSolution(new double[] {random.nextDouble()}, objectives, 3);
      double[] o = s.objectives();
      for (int m = 0; m < objectives; m++) {
        o[m] = random.nextDouble(); // trade-off plus noise: several fronts
      }
      if (random.nextInt(3) == 0) {
        s.constraints()[random.nextInt(3)] = -random.nextDouble(0.1, 5);
      }
      joint.add(s);
    }
    List<DoubleSolution> ours = RankAndCrowd.select(joint, size);
    List<DoubleSolution> theirs = new RankingAndCrowdingSelection<DoubleSolution>(size,
        new ConstrainedDominance()).execute(new ArrayList<>(joint));
    assertEquals(size, ours.size());
    Set<DoubleSolution> a = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<DoubleSolution> b = Collections.newSetFromMap(new IdentityHashMap<>());
    a.addAll(ours);
    b.addAll(theirs);
    assertEquals(b, a);
  }
}
