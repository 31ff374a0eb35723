package energy.p2p.clearing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Hypervolume of a set of points (every objective minimised) with respect to a reference point:
 * the measure of the region they dominate inside the box up to the reference. Exact, for two
 * objectives by one sweep, for three by slicing along the third (O(n² log n): fronts here hold a
 * few hundred points at most). Points not strictly better than the reference in every objective
 * add nothing.
 */
final class Hypervolume {
  private Hypervolume() {}

  static double of(List<double[]> points, double[] reference) {
    List<double[]> inside = new ArrayList<>();
    for (double[] p : points) {
      boolean in = true;
      for (int k = 0; k < reference.length; k++) {
        in &= p[k] < reference[k];
      }
      if (in) {
        inside.add(p);
      }
    }
    if (reference.length == 2) {
      return area(inside, reference[0], reference[1]);
    }
    if (reference.length != 3) {
      throw new IllegalArgumentException("hypervolume of 2 or 3 objectives, got "
          + reference.length);
    }
    inside.sort(Comparator.comparingDouble(p -> p[2]));
    double volume = 0;
    List<double[]> slice = new ArrayList<>();
    for (int i = 0; i < inside.size(); i++) {
      slice.add(inside.get(i));
      double top = i + 1 < inside.size() ? inside.get(i + 1)[2] : reference[2];
      double depth = top - inside.get(i)[2];
      if (depth > 0) {
        volume += depth * area(slice, reference[0], reference[1]);
      }
    }
    return volume;
  }

  /** Area dominated by 2-D points (first two coordinates) below (r0, r1). */
  private static double area(List<double[]> points, double r0, double r1) {
    double[][] sorted = points.toArray(new double[0][]);
    Arrays.sort(sorted, Comparator.<double[]>comparingDouble(p -> p[0])
        .thenComparingDouble(p -> p[1]));
    double area = 0;
    double bestSecond = r1;
    for (double[] p : sorted) {
      if (p[1] < bestSecond) {
        area += (r0 - p[0]) * (bestSecond - p[1]);
        bestSecond = p[1];
      }
    }
    return area;
  }
}
