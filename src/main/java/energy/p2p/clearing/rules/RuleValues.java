package energy.p2p.clearing.rules;

import energy.p2p.clearing.ClearingConfig;
import energy.p2p.clearing.CompromiseRule;
import energy.p2p.clearing.Objective;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The rule values one level of a rules file sets (the file's top level, or one feeder's
 * override); null = not set at this level. Field names are the rules file's keys.
 */
public record RuleValues(
    Double gridFeePerKwhPerOhm,
    Double minShareStandard,
    Double minShareHigh,
    Double minShareUltraHigh,
    CompromiseRule compromiseRule,
    Integer populationSize,
    Integer maxEvaluations,
    Integer convergenceGenerations,
    Double convergenceTolerance,
    List<Objective> objectives,
    Map<Objective, Double> compromiseWeights,
    Double maxWelfareLossPercent)
    implements Serializable {

  /** Nothing set. */
  public static final RuleValues NONE =
      new RuleValues(null, null, null, null, null, null, null, null, null, null, null, null);

  /** {@code base} with every value set here replacing base's (the class shares as a whole). */
  public ClearingConfig applyTo(ClearingConfig base) {
    ClearingConfig c = base;
    if (gridFeePerKwhPerOhm != null) {
      c = c.withGridFeePerKwhPerOhm(gridFeePerKwhPerOhm);
    }
    if (minShareStandard != null || minShareHigh != null || minShareUltraHigh != null) {
      c = c.withMinShares(or(minShareStandard, c.minShareStandard()),
          or(minShareHigh, c.minShareHigh()), or(minShareUltraHigh, c.minShareUltraHigh()));
    }
    if (populationSize != null || maxEvaluations != null || convergenceGenerations != null) {
      c = c.withSearch(or(populationSize, c.populationSize()), or(maxEvaluations, c.maxEvaluations()),
          or(convergenceGenerations, c.convergenceGenerations()));
    }
    if (convergenceTolerance != null) {
      c = c.withConvergenceTolerance(convergenceTolerance);
    }
    if (objectives != null || compromiseRule != null || compromiseWeights != null
        || maxWelfareLossPercent != null) {
      // together: a rule may only fit the objectives set at the same level
      c = c.withObjectivesAndCompromise(or(objectives, c.objectives()),
          or(compromiseRule, c.compromiseRule()), or(compromiseWeights, c.compromiseWeights()),
          or(maxWelfareLossPercent, c.maxWelfareLossPercent()));
    }
    return c;
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
