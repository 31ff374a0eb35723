package energy.p2p.clearing;

import energy.p2p.model.FrontPoint;
import java.util.List;

/**
 * How one point is chosen from a window's Pareto front of (buyer welfare, seller welfare).
 *
 * <p>With the price-split encoding every fill pattern spans a segment of the front, so the rules
 * mostly decide how the surplus is shared. Ties are broken by the lower index (the front is sorted
 * by buyer welfare), so the choice is deterministic.
 */
public enum CompromiseRule {
  /** Maximise buyerWelfare × sellerWelfare (Nash bargaining, disagreement point = no trade). */
  NASH_BARGAINING,
  /**
   * The point farthest from the straight line through the two extreme points, both objectives
   * normalised to [0, 1]; on a straight front (no knee) falls back to the Nash point.
   */
  KNEE_POINT,
  /** The point whose buyer and seller welfare are closest to each other. */
  EQUAL_SPLIT,
  /** The largest social welfare; ties go to the Nash point among them. */
  MAX_SOCIAL_WELFARE;

  /** Index in {@code front} (sorted by buyer welfare) of the chosen point; -1 on an empty front. */
  public int choose(List<FrontPoint> front) {
    if (front.isEmpty()) {
      return -1;
    }
    return switch (this) {
      case NASH_BARGAINING -> argMaxNash(front, 0, front.size());
      case KNEE_POINT -> knee(front);
      case EQUAL_SPLIT -> equalSplit(front);
      case MAX_SOCIAL_WELFARE -> maxSocial(front);
    };
  }

  private static double nash(FrontPoint p) {
    return Math.max(0, p.buyerWelfare()) * Math.max(0, p.sellerWelfare());
  }

  private static int argMaxNash(List<FrontPoint> front, int from, int to) {
    int best = from;
    for (int i = from + 1; i < to; i++) {
      if (nash(front.get(i)) > nash(front.get(best))) {
        best = i;
      }
    }
    return best;
  }

  private static int knee(List<FrontPoint> front) {
    FrontPoint a = front.get(0);
    FrontPoint b = front.get(front.size() - 1);
    double rangeB = b.buyerWelfare() - a.buyerWelfare();
    double rangeS = a.sellerWelfare() - b.sellerWelfare();
    if (rangeB <= 0 || rangeS <= 0) {
      return argMaxNash(front, 0, front.size());
    }
    // distance (normalised) of each point above the chord from a to b
    int best = -1;
    double bestDistance = 1e-9; // below this the front is a straight line: no knee
    for (int i = 0; i < front.size(); i++) {
      double x = (front.get(i).buyerWelfare() - a.buyerWelfare()) / rangeB;
      double y = (front.get(i).sellerWelfare() - b.sellerWelfare()) / rangeS;
      double distance = (x + y - 1) / Math.sqrt(2);
      if (distance > bestDistance) {
        bestDistance = distance;
        best = i;
      }
    }
    return best < 0 ? argMaxNash(front, 0, front.size()) : best;
  }

  private static int equalSplit(List<FrontPoint> front) {
    int best = 0;
    for (int i = 1; i < front.size(); i++) {
      FrontPoint p = front.get(i);
      FrontPoint q = front.get(best);
      if (Math.abs(p.buyerWelfare() - p.sellerWelfare())
          < Math.abs(q.buyerWelfare() - q.sellerWelfare())) {
        best = i;
      }
    }
    return best;
  }

  private static int maxSocial(List<FrontPoint> front) {
    double best = Double.NEGATIVE_INFINITY;
    for (FrontPoint p : front) {
      best = Math.max(best, p.buyerWelfare() + p.sellerWelfare());
    }
    double tolerance = 1e-9 * Math.max(1, Math.abs(best));
    int chosen = -1;
    for (int i = 0; i < front.size(); i++) {
      FrontPoint p = front.get(i);
      if (p.buyerWelfare() + p.sellerWelfare() >= best - tolerance
          && (chosen < 0 || nash(p) > nash(front.get(chosen)))) {
        chosen = i;
      }
    }
    return chosen;
  }
}
