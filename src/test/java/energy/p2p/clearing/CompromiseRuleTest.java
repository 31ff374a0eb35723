package energy.p2p.clearing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import energy.p2p.model.FrontPoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompromiseRuleTest {
  /** The exact front of one set of quantities: social welfare 2 split every way. */
  private static final List<FrontPoint> SEGMENT = List.of(new FrontPoint(0, 2),
      new FrontPoint(0.5, 1.5), new FrontPoint(1, 1), new FrontPoint(1.5, 0.5), new FrontPoint(2, 0));

  @Test
  void everyRuleReturnsMinusOneOnAnEmptyFront() {
    for (CompromiseRule rule : CompromiseRule.values()) {
      assertEquals(-1, rule.choose(List.of()));
    }
  }

  @Test
  void onAStraightFrontEveryRulePicksTheMiddleAndSplitsHalfAndHalf() {
    for (CompromiseRule rule : CompromiseRule.values()) {
      assertEquals(2, rule.choose(SEGMENT), rule.name());
      // WEIGHTED publishes the chosen point exactly as it is (its weights say how buyers and
      // sellers count), so its own split stays; every other rule splits the segment's middle
      double expected = rule == CompromiseRule.WEIGHTED ? 0.3 : 0.5;
      assertEquals(expected, rule.polishAlpha(SEGMENT, 0.3), 0.0, rule.name());
    }
  }

  @Test
  void weightsOnTheBuyerSellerFrontPickTheFavouredEnd() {
    List<Objective> pair = ObjectiveSet.WELFARE_PAIR;
    java.util.Map<Objective, Double> buyers = java.util.Map.of(Objective.BUYER_WELFARE, 3.0,
        Objective.SELLER_WELFARE, 1.0);
    assertEquals(4, CompromiseRule.WEIGHTED.choose(pair, SEGMENT, buyers, 0));
    java.util.Map<Objective, Double> sellers = java.util.Map.of(Objective.SELLER_WELFARE, 1.0);
    assertEquals(0, CompromiseRule.WEIGHTED.choose(pair, SEGMENT, sellers, 0));
  }

  @Test
  void nashPrefersTheHighestWelfareQuantitiesEvenAwayFromTheMiddle() {
    // (1.6, 0.5) has SW 2.1: after polishing it becomes (1.05, 1.05), better than (1, 1)
    List<FrontPoint> front = List.of(new FrontPoint(0, 2), new FrontPoint(1, 1),
        new FrontPoint(1.6, 0.5), new FrontPoint(2, 0));
    assertEquals(2, CompromiseRule.NASH_BARGAINING.choose(front));
    assertEquals(2, CompromiseRule.MAX_SOCIAL_WELFARE.choose(front));
  }

  @Test
  void equalSplitBreaksWelfareTiesByTheSmallestGap() {
    List<FrontPoint> front = List.of(new FrontPoint(0.8, 1.2), new FrontPoint(1.05, 0.95));
    assertEquals(1, CompromiseRule.EQUAL_SPLIT.choose(front));
  }

  @Test
  void kneePointFindsTheBulgeAndKeepsItsSplit() {
    List<FrontPoint> front = List.of(new FrontPoint(0, 1), new FrontPoint(0.2, 0.95),
        new FrontPoint(0.8, 0.8), new FrontPoint(0.95, 0.2), new FrontPoint(1, 0));
    assertEquals(2, CompromiseRule.KNEE_POINT.choose(front));
    assertEquals(0.37, CompromiseRule.KNEE_POINT.polishAlpha(front, 0.37), 0.0);
  }

  // ---- a real trade-off: welfare against household fill (or losses) ----

  private static final List<Objective> FILL =
      List.of(Objective.SOCIAL_WELFARE, Objective.STANDARD_FILL_RATE);
  private static final List<Objective> LOSSES =
      List.of(Objective.SOCIAL_WELFARE, Objective.LOSSES_KW);

  /**
   * Welfare vs fill, concave: A = the welfare end (10, 0), B = 2 % of welfare buys 60 % fill
   * (the knee: farthest beyond the chord A–D), C = the Nash point (largest product of normalised
   * objectives 0.75 × 0.8), D = the fill end (0, 1).
   */
  private static List<FrontPoint> fillFront() {
    return List.of(point(FILL, 10, 0), point(FILL, 9.8, 0.6), point(FILL, 7.5, 0.8),
        point(FILL, 0, 1));
  }

  private static FrontPoint point(List<Objective> objectives, double welfare, double other) {
    return new FrontPoint(objectives.stream().map(Objective::jsonName).toList(),
        List.of(welfare, other));
  }

  @Test
  void onATradeOffFrontEachRuleSitsWhereItSays() {
    List<FrontPoint> front = fillFront();
    java.util.Map<Objective, Double> equal = java.util.Map.of();
    assertEquals(0, CompromiseRule.MAX_SOCIAL_WELFARE.choose(FILL, front, equal, 5));
    assertEquals(1, CompromiseRule.KNEE_POINT.choose(FILL, front, equal, 5));
    assertEquals(2, CompromiseRule.NASH_BARGAINING.choose(FILL, front, equal, 5));
    // the best fill among the points that give up at most X % of the highest welfare
    assertEquals(0, CompromiseRule.BEST_WITHIN_WELFARE_LOSS.choose(FILL, front, equal, 1));
    assertEquals(1, CompromiseRule.BEST_WITHIN_WELFARE_LOSS.choose(FILL, front, equal, 5));
    assertEquals(2, CompromiseRule.BEST_WITHIN_WELFARE_LOSS.choose(FILL, front, equal, 30));
    assertEquals(3, CompromiseRule.BEST_WITHIN_WELFARE_LOSS.choose(FILL, front, equal, 100));
    // weighted sums of normalised objectives: the heavier fill counts, the further along
    assertEquals(1, CompromiseRule.WEIGHTED.choose(FILL, front, equal, 5));
    assertEquals(2, CompromiseRule.WEIGHTED.choose(FILL, front,
        java.util.Map.of(Objective.SOCIAL_WELFARE, 1.0, Objective.STANDARD_FILL_RATE, 3.0), 5));
    assertEquals(3, CompromiseRule.WEIGHTED.choose(FILL, front,
        java.util.Map.of(Objective.STANDARD_FILL_RATE, 1.0), 5));
    assertEquals(0, CompromiseRule.WEIGHTED.choose(FILL, front,
        java.util.Map.of(Objective.SOCIAL_WELFARE, 1.0), 5));
  }

  @Test
  void lossesAreMinimisedSoTheSameFrontInLossesGivesTheSamePoints() {
    List<FrontPoint> fill = fillFront();
    List<FrontPoint> losses = new java.util.ArrayList<>();
    for (FrontPoint p : fill) { // 50 kW without trade-off, 10 kW at the far end
      losses.add(point(LOSSES, p.value(0), 50 - 40 * p.value(1)));
    }
    for (CompromiseRule rule : List.of(CompromiseRule.MAX_SOCIAL_WELFARE,
        CompromiseRule.KNEE_POINT, CompromiseRule.NASH_BARGAINING, CompromiseRule.WEIGHTED,
        CompromiseRule.BEST_WITHIN_WELFARE_LOSS)) {
      assertEquals(rule.choose(FILL, fill, java.util.Map.of(), 5),
          rule.choose(LOSSES, losses, java.util.Map.of(), 5), rule.name());
    }
  }

  @Test
  void aStraightTradeOffFrontHasNoKneeSoTheKneeRuleFallsBackToNash() {
    List<FrontPoint> straight = List.of(point(FILL, 10, 0), point(FILL, 7.5, 0.25),
        point(FILL, 5, 0.5), point(FILL, 2.5, 0.75), point(FILL, 0, 1));
    int nash = CompromiseRule.NASH_BARGAINING.choose(FILL, straight, java.util.Map.of(), 5);
    assertEquals(2, nash);
    assertEquals(nash, CompromiseRule.KNEE_POINT.choose(FILL, straight, java.util.Map.of(), 5));
  }
}
