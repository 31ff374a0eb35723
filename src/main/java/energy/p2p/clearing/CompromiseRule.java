package energy.p2p.clearing;

import energy.p2p.model.FrontPoint;
import java.util.List;

/**
 * How one point is chosen from a window's Pareto front of (buyer welfare, seller welfare).
 *
 * <p>Why the rules mostly agree: for a fixed set of matched quantities every price split α moves
 * welfare between buyers and sellers without changing the sum, so the exact front is the segment
 * bW + sW = max social welfare, from (SW, 0) to (0, SW). On that segment Nash bargaining, equal
 * split and max-social-welfare all pick α = 0.5 and there is no knee. The NSGA-II front is an
 * approximation of it (on grid-bound books a few segments of slightly different welfare), so the
 * rule first picks a point of the computed front, then {@link #polishAlpha} moves that point's
 * price split to the rule's exact optimum on its own segment. Ties go to the lower index (the
 * front is sorted by buyer welfare), so the choice is deterministic.
 */
public enum CompromiseRule {
  /**
   * Maximise buyerWelfare × sellerWelfare (Nash bargaining, disagreement point = no trade): the
   * highest-welfare quantities, surplus split half and half (the default).
   */
  NASH_BARGAINING,
  /**
   * The point farthest from the straight line through the two extreme points, both objectives
   * normalised to [0, 1], keeping its price split; on a straight front (no knee, the usual case)
   * falls back to the Nash point.
   */
  KNEE_POINT,
  /** Buyer and seller welfare as equal as possible (the highest-welfare quantities, α = 0.5). */
  EQUAL_SPLIT,
  /** The largest social welfare; ties go to the Nash point among them (so: as Nash). */
  MAX_SOCIAL_WELFARE;

  /**
   * Index in {@code front} (sorted by buyer welfare) of the chosen point; -1 on an empty front.
   * Every point is judged as it will be published, i.e. after {@link #polishAlpha}: Nash, equal
   * split and max social welfare then all prefer the point of highest social welfare (on its
   * segment, α = 0.5 gives (SW/2)², an equal split and SW); ties go to the rule's own criterion.
   */
  public int choose(List<FrontPoint> front) {
    if (front.isEmpty()) {
      return -1;
    }
    return switch (this) {
      case NASH_BARGAINING, MAX_SOCIAL_WELFARE -> maxSocial(front, false);
      case EQUAL_SPLIT -> maxSocial(front, true);
      case KNEE_POINT -> {
        int k = kneeIndex(front);
        yield k >= 0 ? k : maxSocial(front, false);
      }
    };
  }

  /**
   * The price split the rule prefers on the segment of the chosen point's quantities: 0.5 for
   * Nash, equal split and max social welfare (whose ties go to Nash); for the knee rule the chosen
   * point's own α when the front has a knee, else 0.5 (the Nash fallback).
   */
  public double polishAlpha(List<FrontPoint> front, double chosenAlpha) {
    if (this == KNEE_POINT && kneeIndex(front) >= 0) {
      return chosenAlpha;
    }
    return 0.5;
  }

  private static double nash(FrontPoint p) {
    return Math.max(0, p.buyerWelfare()) * Math.max(0, p.sellerWelfare());
  }

  /** Index of the knee, or -1 when the front is (numerically) a straight line. */
  private static int kneeIndex(List<FrontPoint> front) {
    if (front.size() < 3) {
      return -1;
    }
    FrontPoint a = front.get(0);
    FrontPoint b = front.get(front.size() - 1);
    double rangeB = b.buyerWelfare() - a.buyerWelfare();
    double rangeS = a.sellerWelfare() - b.sellerWelfare();
    if (rangeB <= 0 || rangeS <= 0) {
      return -1;
    }
    // distance (normalised) of each point above the chord from a to b
    int best = -1;
    double bestDistance = 1e-6; // below this the front is a straight line: no knee
    for (int i = 0; i < front.size(); i++) {
      double x = (front.get(i).buyerWelfare() - a.buyerWelfare()) / rangeB;
      double y = (front.get(i).sellerWelfare() - b.sellerWelfare()) / rangeS;
      double distance = (x + y - 1) / Math.sqrt(2);
      if (distance > bestDistance) {
        bestDistance = distance;
        best = i;
      }
    }
    return best;
  }

  /** Highest social welfare; ties (1e-9 relative) to the best Nash product or the most equal split. */
  private static int maxSocial(List<FrontPoint> front, boolean equalSplitTies) {
    double best = Double.NEGATIVE_INFINITY;
    for (FrontPoint p : front) {
      best = Math.max(best, p.buyerWelfare() + p.sellerWelfare());
    }
    double tolerance = 1e-9 * Math.max(1, Math.abs(best));
    int chosen = -1;
    for (int i = 0; i < front.size(); i++) {
      FrontPoint p = front.get(i);
      if (p.buyerWelfare() + p.sellerWelfare() < best - tolerance) {
        continue;
      }
      if (chosen < 0 || (equalSplitTies ? gap(p) < gap(front.get(chosen))
          : nash(p) > nash(front.get(chosen)))) {
        chosen = i;
      }
    }
    return chosen;
  }

  private static double gap(FrontPoint p) {
    return Math.abs(p.buyerWelfare() - p.sellerWelfare());
  }
}
