package energy.p2p.clearing;

import energy.p2p.model.FrontPoint;
import java.util.List;
import java.util.Map;

/**
 * How one point is chosen from a window's Pareto front. On the default front of (buyer welfare,
 * seller welfare) see below; on any other front (welfare against household fill, losses or
 * voltage headroom, two or three objectives) {@link #choose(List, List, Map, double)} judges every
 * point on normalised objectives ({@link FrontGeometry}: 0 = the front's worst value, 1 = its
 * best) and publishes the chosen point exactly as it is.
 *
 * <p>On the buyer / seller front:
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
  MAX_SOCIAL_WELFARE,
  /**
   * The best value of the trade-off objective (household fill, losses, headroom; the first one
   * named when there are two) among the points whose welfare is within
   * {@code maxWelfareLossPercent} % of the front's highest: "as much fill as 5 % of welfare
   * buys". Not on the buyer / seller front (no trade-off objective).
   */
  BEST_WITHIN_WELFARE_LOSS,
  /**
   * The largest weighted sum of the normalised objectives ({@code compromiseWeights}, equal when
   * not given); ties to the higher welfare.
   */
  WEIGHTED;

  /** A knee must stand this far (normalised) beyond the extremes' hyperplane; else no knee. */
  private static final double KNEE = 1e-6;

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
      case NASH_BARGAINING, MAX_SOCIAL_WELFARE, BEST_WITHIN_WELFARE_LOSS ->
          maxSocial(front, false);
      case EQUAL_SPLIT -> maxSocial(front, true);
      case KNEE_POINT -> {
        int k = kneeIndex(front);
        yield k >= 0 ? k : maxSocial(front, false);
      }
      case WEIGHTED -> choose(ObjectiveSet.WELFARE_PAIR, front, Map.of(), 0);
    };
  }

  /**
   * The price split the rule prefers on the segment of the chosen point's quantities: 0.5 for
   * Nash, equal split and max social welfare (whose ties go to Nash); for the knee rule the chosen
   * point's own α when the front has a knee, else 0.5 (the Nash fallback).
   */
  public double polishAlpha(List<FrontPoint> front, double chosenAlpha) {
    if (this == WEIGHTED || (this == KNEE_POINT && kneeIndex(front) >= 0)) {
      return chosenAlpha;
    }
    return 0.5;
  }

  /**
   * Index of the chosen point under a window's settings: on the buyer / seller front the rules
   * above (then {@link #polishAlpha}); on any other front, or with WEIGHTED,
   * {@link #choose(List, List, Map, double)}. -1 on an empty front.
   */
  public int choose(ClearingConfig config, List<FrontPoint> front) {
    if (ObjectiveSet.isWelfarePair(config.objectives()) && this != WEIGHTED) {
      return choose(front);
    }
    return choose(config.objectives(), front, config.compromiseWeights(),
        config.maxWelfareLossPercent());
  }

  /**
   * The chosen point of a front of any two or three objectives, every point judged on normalised
   * objectives ({@link FrontGeometry}); ties go to the higher welfare, then the lower index.
   *
   * <ul>
   *   <li>NASH_BARGAINING: the largest product of the normalised objectives (Nash bargaining
   *       with the front's worst values as disagreement point): a balanced interior point;
   *   <li>KNEE_POINT: the point farthest beyond the hyperplane through the extremes (where a
   *       little more of one objective starts to cost much of another); Nash without a knee;
   *   <li>EQUAL_SPLIT: the largest min(buyer welfare, seller welfare);
   *   <li>MAX_SOCIAL_WELFARE: the highest welfare, ties to Nash: one end of the front;
   *   <li>BEST_WITHIN_WELFARE_LOSS: the best trade-off objective within
   *       {@code maxWelfareLossPercent} % of the highest welfare;
   *   <li>WEIGHTED: the largest weighted sum of normalised objectives (equal weights when
   *       {@code weights} is empty).
   * </ul>
   */
  public int choose(List<Objective> objectives, List<FrontPoint> front,
      Map<Objective, Double> weights, double maxWelfareLossPercent) {
    if (front.isEmpty()) {
      return -1;
    }
    FrontGeometry g = new FrontGeometry(objectives, front);
    double[] score = new double[front.size()];
    for (int i = 0; i < score.length; i++) {
      score[i] = switch (this) {
        case NASH_BARGAINING -> g.nashProduct(i);
        case KNEE_POINT -> 0; // below
        case EQUAL_SPLIT -> Math.min(front.get(i).value(Objective.BUYER_WELFARE.jsonName()),
            front.get(i).value(Objective.SELLER_WELFARE.jsonName()));
        case MAX_SOCIAL_WELFARE -> g.welfare(i);
        case BEST_WITHIN_WELFARE_LOSS -> withinWelfareLoss(objectives, g, front, i,
            maxWelfareLossPercent);
        case WEIGHTED -> g.weightedSum(i, weightVector(objectives, weights));
      };
    }
    if (this == KNEE_POINT) {
      double[] beyond = g.beyondExtremes();
      if (beyond == null || java.util.Arrays.stream(beyond).max().orElse(0) <= KNEE) {
        return NASH_BARGAINING.choose(objectives, front, weights, maxWelfareLossPercent);
      }
      score = beyond;
    }
    if (this == MAX_SOCIAL_WELFARE) {
      return best(score, g::nashProduct);
    }
    return best(score, g::welfare, g::nashProduct);
  }

  /**
   * The BEST_WITHIN_WELFARE_LOSS score: −∞ beyond the tolerance, else the normalised trade-off
   * objectives, the first named dominating (scaled so a later one only breaks ties).
   */
  private static double withinWelfareLoss(List<Objective> objectives, FrontGeometry g,
      List<FrontPoint> front, int i, double percent) {
    double best = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < front.size(); k++) {
      best = Math.max(best, g.welfare(k));
    }
    if (g.welfare(i) < best - percent / 100 * Math.abs(best) - 1e-12 * Math.max(1, best)) {
      return Double.NEGATIVE_INFINITY;
    }
    double score = 0;
    double scale = 1;
    for (int k = 0; k < objectives.size(); k++) {
      if (!objectives.get(k).isWelfare()) {
        score += scale * g.normalised(i, k);
        scale *= 1e-6;
      }
    }
    return score;
  }

  private static double[] weightVector(List<Objective> objectives, Map<Objective, Double> w) {
    double[] out = new double[objectives.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = w.isEmpty() ? 1 : w.getOrDefault(objectives.get(k), 0.0);
    }
    return out;
  }

  /**
   * The highest score; ties (1e-9 relative) to the highest of the first tie-break, then of the
   * next, then to the lower index.
   */
  private static int best(double[] score, java.util.function.IntToDoubleFunction... tieBreaks) {
    List<Integer> candidates = top(score, java.util.stream.IntStream.range(0, score.length)
        .boxed().toList());
    for (java.util.function.IntToDoubleFunction t : tieBreaks) {
      double[] by = new double[score.length];
      candidates.forEach(i -> by[i] = t.applyAsDouble(i));
      candidates = top(by, candidates);
    }
    return candidates.get(0);
  }

  /** The candidates whose value is within 1e-9 (relative) of the candidates' highest. */
  private static List<Integer> top(double[] value, List<Integer> candidates) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i : candidates) {
      max = Math.max(max, value[i]);
    }
    double tolerance = Double.isInfinite(max) ? 0 : 1e-9 * Math.max(1, Math.abs(max));
    double floor = max - tolerance;
    return candidates.stream().filter(i -> value[i] >= floor).toList();
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
