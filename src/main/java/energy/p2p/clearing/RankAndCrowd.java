package energy.p2p.clearing;

import java.util.ArrayList;
import java.util.List;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;

/**
 * NSGA-II's environmental selection on plain arrays: non-dominated sorting under constraint
 * domination ({@link ConstrainedDominance}'s order: less total violation first, then Pareto
 * dominance), fronts taken whole while they fit, the last one cut by crowding distance (largest
 * first; the extremes of every objective are infinitely far). What jMetal's
 * RankingAndCrowdingSelection does, without its attribute maps, boxed lists and a violation
 * recomputed per comparison. Deterministic: ties keep the joint population's order.
 */
final class RankAndCrowd {
  private RankAndCrowd() {}

  /** The {@code size} survivors of {@code joint} (parents then offspring). */
  static List<DoubleSolution> select(List<DoubleSolution> joint, int size) {
    int n = joint.size();
    double[] violation = new double[n];
    double[][] objectives = new double[n][];
    for (int k = 0; k < n; k++) {
      violation[k] = ConstrainedDominance.violation(joint.get(k));
      objectives[k] = joint.get(k).objectives();
    }
    int[] dominatedBy = new int[n]; // how many members beat k
    int[][] beats = new int[n][n];
    int[] beatCount = new int[n];
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        int c = compare(violation[a], objectives[a], violation[b], objectives[b]);
        if (c < 0) {
          beats[a][beatCount[a]++] = b;
          dominatedBy[b]++;
        } else if (c > 0) {
          beats[b][beatCount[b]++] = a;
          dominatedBy[a]++;
        }
      }
    }
    List<DoubleSolution> out = new ArrayList<>(size);
    int[] front = new int[n];
    int frontSize = 0;
    for (int k = 0; k < n; k++) {
      if (dominatedBy[k] == 0) {
        front[frontSize++] = k;
      }
    }
    while (frontSize > 0 && out.size() < size) {
      if (out.size() + frontSize <= size) {
        for (int f = 0; f < frontSize; f++) {
          out.add(joint.get(front[f]));
        }
      } else {
        addMostSpread(joint, objectives, front, frontSize, size - out.size(), out);
        break;
      }
      int[] next = new int[n];
      int nextSize = 0;
      for (int f = 0; f < frontSize; f++) {
        int k = front[f];
        for (int t = 0; t < beatCount[k]; t++) {
          if (--dominatedBy[beats[k][t]] == 0) {
            next[nextSize++] = beats[k][t];
          }
        }
      }
      java.util.Arrays.sort(next, 0, nextSize); // population order within a front
      front = next;
      frontSize = nextSize;
    }
    return out;
  }

  private static int compare(double va, double[] a, double vb, double[] b) {
    if (va != vb) {
      return va < vb ? -1 : 1;
    }
    return ConstrainedDominance.dominance(a, b);
  }

  /** Adds the {@code take} members of the front with the largest crowding distance. */
  private static void addMostSpread(List<DoubleSolution> joint, double[][] objectives,
      int[] front, int size, int take, List<DoubleSolution> out) {
    double[] distance = new double[size];
    Integer[] order = new Integer[size];
    int objectiveCount = objectives[front[0]].length;
    for (int m = 0; m < objectiveCount; m++) {
      int obj = m;
      for (int f = 0; f < size; f++) {
        order[f] = f;
      }
      java.util.Arrays.sort(order, (x, y) ->
          Double.compare(objectives[front[x]][obj], objectives[front[y]][obj]));
      double lo = objectives[front[order[0]]][obj];
      double hi = objectives[front[order[size - 1]]][obj];
      distance[order[0]] = Double.POSITIVE_INFINITY;
      distance[order[size - 1]] = Double.POSITIVE_INFINITY;
      if (hi > lo) {
        for (int f = 1; f < size - 1; f++) {
          distance[order[f]] += (objectives[front[order[f + 1]]][obj]
              - objectives[front[order[f - 1]]][obj]) / (hi - lo);
        }
      }
    }
    for (int f = 0; f < size; f++) {
      order[f] = f;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(distance[y], distance[x])); // stable
    for (int t = 0; t < take; t++) {
      out.add(joint.get(front[order[t]]));
    }
  }
}
