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
}
