package energy.p2p.clearing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;

/**
 * Every feasible, non-dominated solution a search has evaluated (NSGA-II keeps only its
 * population; the front published for fill, losses or headroom trade-offs is this archive), and
 * the search's progress on such fronts: a generation gains when the archive's hypervolume grows
 * by more than {@code tolerance} (relative). The hypervolume is measured in objectives normalised
 * by the archive's extent after the seeds, from a reference 10 % beyond its nadir, fixed for the
 * run so generations compare. Deterministic: members in order of arrival, ties to the earlier.
 */
final class FrontArchive implements SearchProgress {
  /** Above this many members the archive is thinned to {@link #keep} (bounds the cost). */
  private static final int THIN_FACTOR = 4;

  private final double tolerance;
  private final int keep;
  private final List<DoubleSolution> members = new ArrayList<>();
  private double[] low; // normalisation after the seeds: best per objective
  private double[] range;
  private double hypervolume;

  /**
   * @param tolerance relative hypervolume gain that counts as a gain
   * @param keep how many members the published front holds at most
   */
  FrontArchive(double tolerance, int keep) {
    this.tolerance = tolerance;
    this.keep = keep;
  }

  @Override
  public void reset() {
    members.clear();
    low = null;
    hypervolume = 0;
  }

  @Override
  public boolean done() {
    return false; // a front has no proven bound to reach
  }

  @Override
  public boolean improved(List<DoubleSolution> evaluated, List<DoubleSolution> population) {
    for (DoubleSolution s : evaluated) {
      offer(s);
    }
    if (members.size() > THIN_FACTOR * keep) {
      thin(2 * keep);
    }
    if (members.isEmpty()) {
      return false;
    }
    if (low == null) {
      normalisation();
    }
    double hv = normalisedHypervolume();
    boolean gain = hv > hypervolume + tolerance * Math.max(hypervolume, 1e-12);
    hypervolume = Math.max(hypervolume, hv);
    return gain;
  }

  /** Adds a feasible solution no member dominates or equals; drops the members it dominates. */
  void offer(DoubleSolution s) {
    if (ConstrainedDominance.violation(s) > 0) {
      return;
    }
    double[] f = s.objectives();
    for (DoubleSolution m : members) {
      int d = compare(m.objectives(), f);
      if (d <= 0) { // a member dominates or equals it
        return;
      }
    }
    members.removeIf(m -> compare(f, m.objectives()) < 0);
    members.add(s);
  }

  /** -1: a dominates b; 0: equal (within 1e-12 relative); 1: otherwise. */
  private static int compare(double[] a, double[] b) {
    boolean better = false;
    for (int k = 0; k < a.length; k++) {
      double tol = 1e-12 * Math.max(1, Math.abs(a[k]));
      if (a[k] > b[k] + tol) {
        return 1;
      }
      better |= a[k] < b[k] - tol;
    }
    return better ? -1 : 0;
  }

  List<DoubleSolution> members() {
    return members;
  }

  /**
   * The published front: at most {@link #keep} members, thinned by least hypervolume
   * contribution (the extremes always stay), sorted by the first objective as reported (its
   * natural value ascending), ties by the next.
   */
  List<DoubleSolution> front(ObjectiveValues objectives) {
    thin(keep);
    List<DoubleSolution> out = new ArrayList<>(members);
    Comparator<DoubleSolution> order = Comparator.comparingDouble(
        s -> objectives.natural(0, s.objectives()[0]));
    for (int k = 1; k < objectives.count(); k++) {
      int j = k;
      order = order.thenComparingDouble(s -> objectives.natural(j, s.objectives()[j]));
    }
    out.sort(order);
    return out;
  }

  /**
   * Removes, one at a time, the member that matters least: with two objectives the one whose
   * loss costs the least hypervolume (its exclusive rectangle), with three the most crowded one
   * (smallest crowding distance); the extremes always stay. Normalised by the current extent.
   */
  private void thin(int size) {
    if (members.size() > size && members.get(0).objectives().length == 2) {
      thinTwo(size);
      return;
    }
    while (members.size() > size) {
      double[][] scale = extent();
      int m = scale[0].length;
      int n = members.size();
      double[] worth = new double[n];
      for (int k = 0; k < m; k++) {
        Integer[] order = byObjective(k);
        worth[order[0]] = Double.POSITIVE_INFINITY;
        worth[order[n - 1]] = Double.POSITIVE_INFINITY;
        for (int r = 1; r < n - 1; r++) {
          double gap = (value(order[r + 1], k) - value(order[r - 1], k)) / scale[1][k];
          if (m == 2 && k == 0) { // exclusive hypervolume: own width times own height
            double width = (value(order[r + 1], 0) - value(order[r], 0)) / scale[1][0];
            double height = (value(order[r - 1], 1) - value(order[r], 1)) / scale[1][1];
            worth[order[r]] = width * height;
          } else if (m > 2) {
            worth[order[r]] += gap;
          }
        }
      }
      int victim = -1;
      for (int i = 0; i < n; i++) {
        if (worth[i] != Double.POSITIVE_INFINITY && (victim < 0 || worth[i] < worth[victim])) {
          victim = i;
        }
      }
      if (victim < 0) {
        return; // only extremes left
      }
      members.remove(victim);
    }
  }

  /**
   * {@link #thin} with two objectives, the same removals in O(n²) instead of a sort per removal:
   * the members are mutually non-dominated, so the extremes (never removed) fix the extent, the
   * order by the first objective only loses the victim, and a removal changes the exclusive
   * rectangles of its two neighbours only. Ties go to the lower member index, as there.
   */
  private void thinTwo(int size) {
    int n = members.size();
    double[][] scale = extent();
    Integer[] order = byObjective(0);
    Integer[] second = byObjective(1);
    int[] before = new int[n]; // member -> its neighbour in the order, -1 at the ends
    int[] after = new int[n];
    double[] worth = new double[n];
    for (int r = 0; r < n; r++) {
      before[order[r]] = r > 0 ? order[r - 1] : -1;
      after[order[r]] = r < n - 1 ? order[r + 1] : -1;
    }
    boolean[] end = new boolean[n];
    end[order[0]] = end[order[n - 1]] = end[second[0]] = end[second[n - 1]] = true;
    for (int i = 0; i < n; i++) {
      worth[i] = end[i] ? Double.POSITIVE_INFINITY : exclusive(i, before[i], after[i], scale[1]);
    }
    boolean[] gone = new boolean[n];
    for (int left = n; left > size; left--) {
      int victim = -1;
      for (int i = 0; i < n; i++) {
        if (!gone[i] && worth[i] != Double.POSITIVE_INFINITY
            && (victim < 0 || worth[i] < worth[victim])) {
          victim = i;
        }
      }
      if (victim < 0) {
        break; // only extremes left
      }
      gone[victim] = true;
      int b = before[victim];
      int a = after[victim];
      after[b] = a;
      before[a] = b;
      for (int i : new int[] {b, a}) {
        worth[i] = end[i] ? Double.POSITIVE_INFINITY : exclusive(i, before[i], after[i], scale[1]);
      }
    }
    List<DoubleSolution> kept = new ArrayList<>(size);
    for (int i = 0; i < n; i++) {
      if (!gone[i]) {
        kept.add(members.get(i));
      }
    }
    members.clear();
    members.addAll(kept);
  }

  /** Exclusive hypervolume of member r between its neighbours in the first objective's order. */
  private double exclusive(int r, int before, int after, double[] span) {
    double width = (value(after, 0) - value(r, 0)) / span[0];
    double height = (value(before, 1) - value(r, 1)) / span[1];
    return width * height;
  }

  private double value(int member, int objective) {
    return members.get(member).objectives()[objective];
  }

  /** Member indices sorted by one objective (ties by the next objectives, then by index). */
  private Integer[] byObjective(int k) {
    Integer[] order = new Integer[members.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    int m = members.get(0).objectives().length;
    Comparator<Integer> c = Comparator.comparingDouble(i -> value(i, k));
    for (int j = 1; j < m; j++) {
      int next = (k + j) % m;
      c = c.thenComparingDouble(i -> value(i, next));
    }
    java.util.Arrays.sort(order, c.thenComparingInt(i -> i));
    return order;
  }

  /** {lowest per objective, range per objective (1 when it does not vary)} of the members. */
  private double[][] extent() {
    int m = members.get(0).objectives().length;
    double[] lo = new double[m];
    double[] span = new double[m];
    for (int k = 0; k < m; k++) {
      double a = Double.POSITIVE_INFINITY;
      double b = Double.NEGATIVE_INFINITY;
      for (DoubleSolution s : members) {
        a = Math.min(a, s.objectives()[k]);
        b = Math.max(b, s.objectives()[k]);
      }
      lo[k] = a;
      span[k] = b - a > 1e-12 * Math.max(1, Math.abs(b)) ? b - a : 1;
    }
    return new double[][] {lo, span};
  }

  private void normalisation() {
    double[][] e = extent();
    low = e[0];
    range = e[1];
  }

  private List<double[]> normalised() {
    List<double[]> out = new ArrayList<>(members.size());
    for (DoubleSolution s : members) {
      double[] p = new double[low.length];
      for (int k = 0; k < p.length; k++) {
        p[k] = (s.objectives()[k] - low[k]) / range[k];
      }
      out.add(p);
    }
    return out;
  }

  private double[] reference() {
    double[] r = new double[low.length];
    java.util.Arrays.fill(r, 1.1);
    return r;
  }

  private double normalisedHypervolume() {
    return Hypervolume.of(normalised(), reference());
  }
}
