package energy.p2p.clearing;

import energy.p2p.model.BuyerClass;
import energy.p2p.model.RulesInForce;
import java.io.Serializable;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that shapes how a window is cleared. Immutable and serialisable, so a Flink function
 * can carry it; change a copy with the {@code with…} methods.
 *
 * @param seed configured seed; each window's generator is seeded from (feederId, frameStart, seed)
 * @param frameMinutes delivery frame length; kW = kWh ÷ (frameMinutes / 60)
 * @param gridFeePerKwhPerOhm grid fee per kWh per ohm of path resistance between the two buses,
 *     shared half and half by buyer and seller (0 = no fee)
 * @param minShareStandard minimum share of the matched energy reserved to STANDARD buyers that can
 *     pay the clearing price (0 = no reservation)
 * @param minShareHigh the same for HIGH buyers
 * @param minShareUltraHigh the same for ULTRA_HIGH buyers
 * @param compromiseRule how the published point is chosen from the Pareto front
 * @param populationSize NSGA-II population (even, ≥ 4)
 * @param maxEvaluations hard cap on NSGA-II evaluations per window
 * @param convergenceGenerations stop after this many generations without improvement of the front
 * @param maxBidsPerWindow largest book {@link MarketClearing} accepts (the job rejects the excess
 *     upstream with CAPACITY)
 * @param recordSolveMillis put the wall-clock clearing time in reports (off by default: a replay
 *     must give the same bytes)
 * @param convergenceTolerance relative gain of the best feasible social welfare below which a
 *     generation counts as no improvement
 * @param objectives what the search optimises: two or three {@link Objective}s (default buyer and
 *     seller welfare), see {@link ObjectiveSet}
 * @param compromiseWeights weights of the {@code WEIGHTED} rule per objective (normalised
 *     objectives); empty = equal weights
 * @param maxWelfareLossPercent the {@code BEST_WITHIN_WELFARE_LOSS} rule's tolerance: the best
 *     trade-off objective among the points within this many percent of the front's highest welfare
 * @param rulesHash "sha256:…" of the canonical rules file these settings came from; null when no
 *     rules file is in force (reports then carry no rules fields)
 */
public record ClearingConfig(
    long seed,
    int frameMinutes,
    double gridFeePerKwhPerOhm,
    double minShareStandard,
    double minShareHigh,
    double minShareUltraHigh,
    CompromiseRule compromiseRule,
    int populationSize,
    int maxEvaluations,
    int convergenceGenerations,
    int maxBidsPerWindow,
    boolean recordSolveMillis,
    double convergenceTolerance,
    List<Objective> objectives,
    Map<Objective, Double> compromiseWeights,
    double maxWelfareLossPercent,
    String rulesHash)
    implements Serializable {

  /** The objectives of a window cleared without "objectives" in a rules file. */
  public static final List<Objective> WELFARE_PAIR = ObjectiveSet.WELFARE_PAIR;
  public static final double DEFAULT_CONVERGENCE_TOLERANCE = 1e-4;
  public static final double DEFAULT_MAX_WELFARE_LOSS_PERCENT = 5.0;

  public ClearingConfig {
    require(frameMinutes > 0, "frameMinutes must be > 0, got " + frameMinutes);
    require(gridFeePerKwhPerOhm >= 0 && Double.isFinite(gridFeePerKwhPerOhm),
        "gridFeePerKwhPerOhm must be a finite number >= 0, got " + gridFeePerKwhPerOhm);
    require(share(minShareStandard) && share(minShareHigh) && share(minShareUltraHigh),
        "minimum class shares must lie in [0, 1]");
    require(minShareStandard + minShareHigh + minShareUltraHigh <= 1.0 + 1e-12,
        "minimum class shares must add up to at most 1");
    require(compromiseRule != null, "compromiseRule must be set");
    require(populationSize >= 4 && populationSize % 2 == 0,
        "populationSize must be even and >= 4, got " + populationSize);
    require(maxEvaluations >= populationSize, "maxEvaluations must be >= populationSize");
    require(convergenceGenerations >= 1, "convergenceGenerations must be >= 1");
    require(maxBidsPerWindow >= 2, "maxBidsPerWindow must be >= 2");
    require(convergenceTolerance >= 0 && convergenceTolerance < 1,
        "convergenceTolerance must lie in [0, 1), got " + convergenceTolerance);
    require(objectives != null, "objectives must be set");
    String objectiveProblem = ObjectiveSet.problem(objectives);
    require(objectiveProblem == null, "objectives: " + objectiveProblem);
    objectives = List.copyOf(objectives);
    require(compromiseWeights != null, "compromiseWeights must be set (empty: equal weights)");
    for (double w : compromiseWeights.values()) {
      require(w >= 0 && Double.isFinite(w), "compromiseWeights must be finite numbers >= 0");
    }
    compromiseWeights = Collections.unmodifiableMap(compromiseWeights.isEmpty()
        ? new EnumMap<>(Objective.class) : new EnumMap<>(compromiseWeights));
    require(maxWelfareLossPercent >= 0 && maxWelfareLossPercent <= 100,
        "maxWelfareLossPercent must lie in [0, 100], got " + maxWelfareLossPercent);
    String ruleProblem = ObjectiveSet.ruleProblem(objectives, compromiseRule, compromiseWeights);
    require(ruleProblem == null, ruleProblem);
  }

  /** The 12-setting form (default convergence tolerance, welfare objectives, no rules file). */
  public ClearingConfig(long seed, int frameMinutes, double gridFeePerKwhPerOhm,
      double minShareStandard, double minShareHigh, double minShareUltraHigh,
      CompromiseRule compromiseRule, int populationSize, int maxEvaluations,
      int convergenceGenerations, int maxBidsPerWindow, boolean recordSolveMillis) {
    this(seed, frameMinutes, gridFeePerKwhPerOhm, minShareStandard, minShareHigh,
        minShareUltraHigh, compromiseRule, populationSize, maxEvaluations, convergenceGenerations,
        maxBidsPerWindow, recordSolveMillis, DEFAULT_CONVERGENCE_TOLERANCE, WELFARE_PAIR,
        Map.of(), DEFAULT_MAX_WELFARE_LOSS_PERCENT, null);
  }

  /** Seed 0, 15-min frames, no grid fee, STANDARD ≥ 50 %, Nash bargaining, population 20. */
  public static ClearingConfig defaults() {
    return new ClearingConfig(
        0L, 15, 0.0, 0.5, 0.0, 0.0, CompromiseRule.NASH_BARGAINING, 20, 2_000, 4, 5_000, false);
  }

  /** The rule values a report states, or null when no rules file is in force. */
  public RulesInForce inForce() {
    if (rulesHash == null) {
      return null;
    }
    return new RulesInForce(rulesHash, gridFeePerKwhPerOhm, minShareStandard, minShareHigh,
        minShareUltraHigh, compromiseRule.name(), populationSize, maxEvaluations,
        convergenceGenerations, convergenceTolerance,
        objectives.stream().map(Objective::name).toList(),
        compromiseRule == CompromiseRule.WEIGHTED ? weightsByName() : null,
        compromiseRule == CompromiseRule.BEST_WITHIN_WELFARE_LOSS ? maxWelfareLossPercent
            : Double.NaN);
  }

  /** The WEIGHTED rule's weights by objective name, every objective (equal when none given). */
  private Map<String, Double> weightsByName() {
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (Objective o : objectives) {
      out.put(o.name(), compromiseWeights.isEmpty() ? 1.0 : compromiseWeights.getOrDefault(o, 0.0));
    }
    return out;
  }

  /** Frame length in hours: the divisor that turns kWh over the frame into kW. */
  public double frameHours() {
    return frameMinutes / 60.0;
  }

  public double minShare(BuyerClass buyerClass) {
    return switch (buyerClass) {
      case STANDARD -> minShareStandard;
      case HIGH -> minShareHigh;
      case ULTRA_HIGH -> minShareUltraHigh;
    };
  }

  public ClearingConfig withSeed(long newSeed) {
    return copy(b -> b.seed = newSeed);
  }

  public ClearingConfig withFrameMinutes(int minutes) {
    return copy(b -> b.frameMinutes = minutes);
  }

  public ClearingConfig withGridFeePerKwhPerOhm(double fee) {
    return copy(b -> b.gridFeePerKwhPerOhm = fee);
  }

  /** Minimum shares of the matched energy per class (STANDARD, HIGH, ULTRA_HIGH). */
  public ClearingConfig withMinShares(double standard, double high, double ultraHigh) {
    return copy(b -> {
      b.minShareStandard = standard;
      b.minShareHigh = high;
      b.minShareUltraHigh = ultraHigh;
    });
  }

  public ClearingConfig withCompromiseRule(CompromiseRule rule) {
    return copy(b -> b.compromiseRule = rule);
  }

  public ClearingConfig withSearch(int population, int evaluations, int generationsWithoutGain) {
    return copy(b -> {
      b.populationSize = population;
      b.maxEvaluations = evaluations;
      b.convergenceGenerations = generationsWithoutGain;
    });
  }

  public ClearingConfig withMaxBidsPerWindow(int maxBids) {
    return copy(b -> b.maxBidsPerWindow = maxBids);
  }

  public ClearingConfig withRecordSolveMillis(boolean record) {
    return copy(b -> b.recordSolveMillis = record);
  }

  public ClearingConfig withConvergenceTolerance(double tolerance) {
    return copy(b -> b.convergenceTolerance = tolerance);
  }

  public ClearingConfig withObjectives(List<Objective> list) {
    return copy(b -> b.objectives = list);
  }

  /** The compromise rule with its settings (weights: empty = equal; loss tolerance in percent). */
  public ClearingConfig withCompromise(CompromiseRule rule, Map<Objective, Double> weights,
      double welfareLossPercent) {
    return withObjectivesAndCompromise(objectives, rule, weights, welfareLossPercent);
  }

  /**
   * Objectives and compromise rule at once: a rule may only fit the new objectives (e.g.
   * BEST_WITHIN_WELFARE_LOSS needs a trade-off objective), so both change in one step.
   */
  public ClearingConfig withObjectivesAndCompromise(List<Objective> list, CompromiseRule rule,
      Map<Objective, Double> weights, double welfareLossPercent) {
    return copy(b -> {
      b.objectives = list;
      b.compromiseRule = rule;
      b.compromiseWeights = weights;
      b.maxWelfareLossPercent = welfareLossPercent;
    });
  }

  /** The same settings, marked as coming from the rules file with this hash (null: none). */
  public ClearingConfig withRulesHash(String hash) {
    return copy(b -> b.rulesHash = hash);
  }

  /** This config with the changes {@code change} makes to a mutable copy of its settings. */
  private ClearingConfig copy(java.util.function.Consumer<Settings> change) {
    Settings b = new Settings(this);
    change.accept(b);
    return b.build();
  }

  /** The settings as mutable fields, for the {@code with…} methods. */
  private static final class Settings {
    long seed;
    int frameMinutes;
    double gridFeePerKwhPerOhm;
    double minShareStandard;
    double minShareHigh;
    double minShareUltraHigh;
    CompromiseRule compromiseRule;
    int populationSize;
    int maxEvaluations;
    int convergenceGenerations;
    int maxBidsPerWindow;
    boolean recordSolveMillis;
    double convergenceTolerance;
    List<Objective> objectives;
    Map<Objective, Double> compromiseWeights;
    double maxWelfareLossPercent;
    String rulesHash;

    Settings(ClearingConfig c) {
      seed = c.seed;
      frameMinutes = c.frameMinutes;
      gridFeePerKwhPerOhm = c.gridFeePerKwhPerOhm;
      minShareStandard = c.minShareStandard;
      minShareHigh = c.minShareHigh;
      minShareUltraHigh = c.minShareUltraHigh;
      compromiseRule = c.compromiseRule;
      populationSize = c.populationSize;
      maxEvaluations = c.maxEvaluations;
      convergenceGenerations = c.convergenceGenerations;
      maxBidsPerWindow = c.maxBidsPerWindow;
      recordSolveMillis = c.recordSolveMillis;
      convergenceTolerance = c.convergenceTolerance;
      objectives = c.objectives;
      compromiseWeights = c.compromiseWeights;
      maxWelfareLossPercent = c.maxWelfareLossPercent;
      rulesHash = c.rulesHash;
    }

    ClearingConfig build() {
      return new ClearingConfig(seed, frameMinutes, gridFeePerKwhPerOhm, minShareStandard,
          minShareHigh, minShareUltraHigh, compromiseRule, populationSize, maxEvaluations,
          convergenceGenerations, maxBidsPerWindow, recordSolveMillis, convergenceTolerance,
          objectives, compromiseWeights, maxWelfareLossPercent, rulesHash);
    }
  }

  private static boolean share(double s) {
    return s >= 0 && s <= 1;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("clearing config: " + message);
    }
  }
}
