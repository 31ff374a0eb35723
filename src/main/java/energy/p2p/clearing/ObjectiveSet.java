package energy.p2p.clearing;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which objective lists a market may clear with, and what follows from one. Two or three distinct
 * objectives, at least one of them a welfare (a market clears for welfare), and social welfare
 * never together with buyer or seller welfare (it is their sum: the pair already spans it).
 */
public final class ObjectiveSet {
  /** The objectives of a window cleared without a rules file (or without "objectives"). */
  public static final List<Objective> WELFARE_PAIR =
      List.of(Objective.BUYER_WELFARE, Objective.SELLER_WELFARE);

  private ObjectiveSet() {}

  /** What is wrong with {@code objectives} as a market's objective list; null when nothing. */
  public static String problem(List<Objective> objectives) {
    if (objectives == null || objectives.size() < 2 || objectives.size() > 3) {
      return "name two or three objectives, got " + objectives;
    }
    Set<Objective> distinct = EnumSet.copyOf(objectives);
    if (distinct.size() != objectives.size()) {
      return "an objective is named twice in " + objectives;
    }
    if (objectives.stream().noneMatch(Objective::isWelfare)) {
      return objectives + " has no welfare objective: name SOCIAL_WELFARE (or BUYER_WELFARE /"
          + " SELLER_WELFARE) with the trade-off";
    }
    if (distinct.contains(Objective.SOCIAL_WELFARE)
        && (distinct.contains(Objective.BUYER_WELFARE)
            || distinct.contains(Objective.SELLER_WELFARE))) {
      return "SOCIAL_WELFARE is BUYER_WELFARE + SELLER_WELFARE: name either the sum or the split,"
          + " got " + objectives;
    }
    return null;
  }

  /**
   * What is wrong with a compromise rule (and its settings) for these objectives; null when
   * nothing.
   */
  public static String ruleProblem(List<Objective> objectives, CompromiseRule rule,
      Map<Objective, Double> weights) {
    if (rule == CompromiseRule.EQUAL_SPLIT && !splitsPrice(objectives)) {
      return "EQUAL_SPLIT needs BUYER_WELFARE and SELLER_WELFARE among the objectives, got "
          + objectives;
    }
    if (rule == CompromiseRule.BEST_WITHIN_WELFARE_LOSS && tradeOffs(objectives).isEmpty()) {
      return "BEST_WITHIN_WELFARE_LOSS needs an objective besides welfare (STANDARD_FILL_RATE,"
          + " LOSSES_KW or VOLTAGE_HEADROOM_PU), got " + objectives;
    }
    if (!weights.isEmpty()) {
      for (Objective o : weights.keySet()) {
        if (!objectives.contains(o)) {
          return "compromiseWeights names " + o + ", which is not one of the objectives "
              + objectives;
        }
      }
      if (weights.values().stream().noneMatch(w -> w > 0)) {
        return "compromiseWeights must give at least one objective a weight > 0";
      }
    }
    return null;
  }

  /** Whether these are the default buyer / seller welfare pair (the α-segment front). */
  public static boolean isWelfarePair(List<Objective> objectives) {
    return objectives.equals(WELFARE_PAIR);
  }

  /** Whether both buyer and seller welfare are objectives (the price split is then searched). */
  public static boolean splitsPrice(List<Objective> objectives) {
    return objectives.contains(Objective.BUYER_WELFARE)
        && objectives.contains(Objective.SELLER_WELFARE);
  }

  /** The objectives that are not a welfare (fill, losses, headroom), in order. */
  public static List<Objective> tradeOffs(List<Objective> objectives) {
    return objectives.stream().filter(o -> !o.isWelfare()).toList();
  }

  /**
   * The price split a point's trades get when α is not what the objectives trade off: 0 when
   * only buyer welfare counts, 1 when only seller welfare, 0.5 for social welfare; NaN when both
   * buyer and seller welfare are objectives (α is then searched).
   */
  public static double fixedAlpha(List<Objective> objectives) {
    boolean buyer = objectives.contains(Objective.BUYER_WELFARE);
    boolean seller = objectives.contains(Objective.SELLER_WELFARE);
    if (buyer && seller) {
      return Double.NaN;
    }
    return buyer ? 0.0 : seller ? 1.0 : 0.5;
  }
}
