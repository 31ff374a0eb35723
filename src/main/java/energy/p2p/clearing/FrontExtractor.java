package energy.p2p.clearing;

import energy.p2p.model.FrontPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;

/**
 * The published Pareto front: the feasible, non-dominated members of the final population
 * (maximising buyer and seller welfare), sorted by buyer welfare, duplicates removed.
 */
record FrontExtractor(List<DoubleSolution> solutions, List<FrontPoint> points) {

  static FrontExtractor of(List<DoubleSolution> population) {
    List<DoubleSolution> feasible = new ArrayList<>();
    for (DoubleSolution s : population) {
      if (ConstrainedDominance.violation(s) == 0) {
        feasible.add(s);
      }
    }
    // stable sort: equal points keep population order, which is deterministic
    feasible.sort(Comparator.<DoubleSolution>comparingDouble(s -> -s.objectives()[0])
        .thenComparingDouble(s -> -s.objectives()[1]));
    List<DoubleSolution> front = new ArrayList<>();
    List<FrontPoint> points = new ArrayList<>();
    double bestSeller = Double.NEGATIVE_INFINITY;
    // walk from the highest buyer welfare down: a point survives if it beats every seller
    // welfare seen so far (those points all have at least its buyer welfare)
    for (int k = feasible.size() - 1; k >= 0; k--) {
      DoubleSolution s = feasible.get(k);
      double seller = -s.objectives()[1];
      if (seller > bestSeller + 1e-9 * Math.max(1, Math.abs(seller))) {
        bestSeller = seller;
        front.add(0, s);
        points.add(0, new FrontPoint(-s.objectives()[0], seller));
      }
    }
    return new FrontExtractor(front, points);
  }

  /** The non-dominated points of {@code points}, sorted by buyer welfare, duplicates removed. */
  static List<FrontPoint> nondominated(List<FrontPoint> points) {
    List<FrontPoint> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.comparingDouble(FrontPoint::buyerWelfare)
        .thenComparingDouble(FrontPoint::sellerWelfare));
    List<FrontPoint> out = new ArrayList<>();
    double bestSeller = Double.NEGATIVE_INFINITY;
    for (int k = sorted.size() - 1; k >= 0; k--) {
      FrontPoint p = sorted.get(k);
      if (p.sellerWelfare() > bestSeller + 1e-9 * Math.max(1, Math.abs(p.sellerWelfare()))) {
        bestSeller = p.sellerWelfare();
        out.add(0, p);
      }
    }
    return out;
  }
}
