package energy.p2p.clearing.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.clearing.ClearingConfig;
import energy.p2p.clearing.CompromiseRule;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RulesFileTest {
  private static final ClearingConfig BASE = ClearingConfig.defaults().withSeed(7);

  @Test
  void theSampleFileSetsEveryRuleAndFeederDOverridesTwo() {
    MarketRules rules = RulesFile.read(Path.of("sample-data", "rules-sample.json"));
    ClearingConfig a = rules.clearingFor(BASE, "feeder-a");
    assertEquals(0.01, a.gridFeePerKwhPerOhm());
    assertEquals(0.5, a.minShareStandard());
    assertEquals(7, a.seed(), "the seed is the command line's");
    assertEquals(rules.hash(), a.rulesHash());
    ClearingConfig d = rules.clearingFor(BASE, "feeder-d");
    assertEquals(0.02, d.gridFeePerKwhPerOhm());
    assertEquals(0.25, d.minShareStandard());
    assertEquals(0.0, d.minShareHigh());
    assertEquals(2000, d.maxEvaluations());
    assertTrue(rules.hash().matches("sha256:[0-9a-f]{64}"), rules.hash());
  }

  @Test
  void commentsWhitespaceAndKeyOrderDoNotChangeTheHash() {
    MarketRules a = RulesFile.parse("{\"gridFeePerKwhPerOhm\": 0.01, \"compromiseRule\": "
        + "\"EQUAL_SPLIT\", \"feeders\": {\"x\": {\"minShareHigh\": 0.1}}}", "a");
    MarketRules b = RulesFile.parse("{\n  \"_comment\": \"why\",\n  \"compromiseRule\": "
        + "\"EQUAL_SPLIT\",\n  \"feeders\": {\"x\": {\"_comment\": \"x\", \"minShareHigh\": 0.10}},"
        + "\n  \"gridFeePerKwhPerOhm\": 1e-2\n}", "b");
    assertEquals(a.hash(), b.hash());
    assertEquals("{\"compromiseRule\":\"EQUAL_SPLIT\",\"gridFeePerKwhPerOhm\":0.01,"
        + "\"feeders\":{\"x\":{\"minShareHigh\":0.1}}}", RulesFile.canonical(a));
    MarketRules c = RulesFile.parse("{\"gridFeePerKwhPerOhm\": 0.02}", "c");
    assertNotEquals(a.hash(), c.hash());
  }

  @Test
  void withoutARulesFileTheConfigIsUntouchedAndUnmarked() {
    assertSame(BASE, MarketRules.none().clearingFor(BASE, "any"));
    assertNull(BASE.inForce());
  }

  @Test
  void anEmptyFileKeepsTheDefaultsButIsStillStated() {
    MarketRules rules = RulesFile.parse("{}", "empty");
    ClearingConfig c = rules.clearingFor(BASE, "f");
    assertEquals(BASE.withRulesHash(rules.hash()), c);
    assertEquals(CompromiseRule.NASH_BARGAINING.name(), c.inForce().compromiseRule());
  }

  static Stream<Arguments> badRules() {
    return Stream.of(
        Arguments.of("{\"gridFee\": 1}",
            "line 1: key \"gridFee\": unknown key"),
        Arguments.of("{\n\"minShareHigh\": 1.5}",
            "line 2: key \"minShareHigh\": must be a share in [0, 1], got 1.5"),
        Arguments.of("{\"minShareHigh\": \"0.1\"}",
            "key \"minShareHigh\": must be a share in [0, 1], got \"0.1\""),
        Arguments.of("{\"gridFeePerKwhPerOhm\": -0.01}",
            "key \"gridFeePerKwhPerOhm\": must be a number >= 0"),
        Arguments.of("{\"populationSize\": 21}",
            "key \"populationSize\": must be an even whole number >= 4, got 21"),
        Arguments.of("{\"maxEvaluations\": 10.5}",
            "key \"maxEvaluations\": must be a whole number"),
        Arguments.of("{\"compromiseRule\": \"NASH\"}",
            "key \"compromiseRule\": must be one of [NASH_BARGAINING"),
        Arguments.of("{\"objectives\": [\"SOCIAL_WELFARE\"]}",
            "key \"objectives\": name two or three objectives, got [SOCIAL_WELFARE]"),
        Arguments.of("{\"objectives\": [\"STANDARD_FILL_RATE\", \"LOSSES_KW\"]}",
            "key \"objectives\": [STANDARD_FILL_RATE, LOSSES_KW] has no welfare objective"),
        Arguments.of("{\"objectives\": [\"SOCIAL_WELFARE\", \"BUYER_WELFARE\"]}",
            "SOCIAL_WELFARE is BUYER_WELFARE + SELLER_WELFARE"),
        Arguments.of("{\"objectives\": [\"SOCIAL_WELFARE\", \"LOSSES_KW\","
            + " \"LOSSES_KW\"]}", "an objective is named twice"),
        Arguments.of("{\"objectives\": [\"SOCIAL_WELFARE\", \"LOSSES_KW\", \"LOSSES_KW\","
            + " \"VOLTAGE_HEADROOM_PU\"]}", "name two or three objectives"),
        Arguments.of("{\"objectives\": [\"SOCIAL_WELFARE\", \"LOSSES\"]}",
            "key \"objectives\": unknown objective LOSSES"),
        Arguments.of("{\"compromiseWeights\": {\"PROFIT\": 1}}",
            "key \"compromiseWeights.PROFIT\": unknown objective PROFIT"),
        Arguments.of("{\"compromiseWeights\": {\"LOSSES_KW\": -1}}",
            "key \"compromiseWeights.LOSSES_KW\": must be a number >= 0"),
        Arguments.of("{\"compromiseWeights\": {\"LOSSES_KW\": \"x\"}}",
            "key \"compromiseWeights.LOSSES_KW\": must be a number >= 0"),
        Arguments.of("{\"maxWelfareLossPercent\": 120}",
            "key \"maxWelfareLossPercent\": must be a percentage in [0, 100]"),
        Arguments.of("{\"compromiseRule\": \"BEST_WITHIN_WELFARE_LOSS\"}",
            "BEST_WITHIN_WELFARE_LOSS needs an objective besides welfare"),
        Arguments.of("{\"objectives\": [\"SOCIAL_WELFARE\", \"LOSSES_KW\"],"
            + " \"compromiseRule\": \"EQUAL_SPLIT\"}",
            "EQUAL_SPLIT needs BUYER_WELFARE and SELLER_WELFARE"),
        Arguments.of("{\"objectives\": [\"SOCIAL_WELFARE\", \"LOSSES_KW\"],"
            + " \"compromiseWeights\": {\"BUYER_WELFARE\": 1}}",
            "compromiseWeights names BUYER_WELFARE, which is not one of the objectives"),
        Arguments.of("{\"objectives\": [\"PROFIT\"]}",
            "key \"objectives\": unknown objective PROFIT"),
        Arguments.of("{\"minShareStandard\": 0.6, \"minShareHigh\": 0.6}",
            "minimum class shares must add up to at most 1"),
        Arguments.of("{\"feeders\": {\"a\": {\"minShareHigh\": 0.6, \"minShareStandard\": 0.6}}}",
            "key \"feeders.a\": minimum class shares"),
        Arguments.of("{\"feeders\": {\"a\": {\"gridFee\": 1}}}",
            "key \"gridFee\": unknown key"),
        Arguments.of("{\"feeders\": {\"a\": {\"feeders\": {}}}}",
            "key \"feeders\": unknown key"),
        Arguments.of("{\"feeders\": {\"a\": 3}}",
            "key \"feeders.a\": must be an object of rules"),
        Arguments.of("{\"populationSize\": 20, \"maxEvaluations\": 10}",
            "maxEvaluations must be >= populationSize"),
        Arguments.of("{\"_comment\": 3}",
            "key \"_comment\": a comment must be a string"),
        Arguments.of("{\"gridFeePerKwhPerOhm\": 0.01, \"gridFeePerKwhPerOhm\": 0.02}",
            "bad JSON: Duplicate field"),
        Arguments.of("[1]",
            "a rules file is one JSON object"),
        Arguments.of("{\"gridFeePerKwhPerOhm\": }",
            "line 1: bad JSON"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRules")
  void badRulesAreRefusedNamingTheKey(String text, String expected) {
    RulesException e = assertThrows(RulesException.class, () -> RulesFile.parse(text, "r.json"));
    assertTrue(e.getMessage().startsWith("rules r.json"), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void overridesForAFeederThatDoesNotExistAreRefused() {
    MarketRules rules = RulesFile.parse("{\"feeders\": {\"feeder-z\": {}}}", "r");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> rules.requireFeeders(Set.of("feeder-a", "feeder-b"), "dir"));
    assertTrue(e.getMessage().contains("\"feeder-z\", which is not a feeder in dir"),
        e.getMessage());
  }

  @Test
  void aMissingFileIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RulesFile.read(Path.of("no-such-rules.json")));
    assertEquals("rules file not found: no-such-rules.json", e.getMessage());
  }
}
