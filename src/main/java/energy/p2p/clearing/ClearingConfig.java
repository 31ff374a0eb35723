package energy.p2p.clearing;

import energy.p2p.model.BuyerClass;
import energy.p2p.model.RulesInForce;
import java.io.Serializable;
import java.util.List;

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
 * @param objectives what the search optimises (today: buyer and seller welfare)
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
    String rulesHash)
    implements Serializable {

  /** The objectives the engine optimises today. */
  public static final List<Objective> WELFARE_PAIR =
      List.of(Objective.BUYER_WELFARE, Objective.SELLER_WELFARE);
  public static final double DEFAULT_CONVERGENCE_TOLERANCE = 1e-4;

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
    require(objectives != null && objectives.equals(WELFARE_PAIR),
        "objectives must be " + WELFARE_PAIR + " (the only pair supported yet), got " + objectives);
    objectives = List.copyOf(objectives);
  }

  /** The 12-setting form (default convergence tolerance, welfare objectives, no rules file). */
  public ClearingConfig(long seed, int frameMinutes, double gridFeePerKwhPerOhm,
      double minShareStandard, double minShareHigh, double minShareUltraHigh,
      CompromiseRule compromiseRule, int populationSize, int maxEvaluations,
      int convergenceGenerations, int maxBidsPerWindow, boolean recordSolveMillis) {
    this(seed, frameMinutes, gridFeePerKwhPerOhm, minShareStandard, minShareHigh,
        minShareUltraHigh, compromiseRule, populationSize, maxEvaluations, convergenceGenerations,
        maxBidsPerWindow, recordSolveMillis, DEFAULT_CONVERGENCE_TOLERANCE, WELFARE_PAIR, null);
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
        objectives.stream().map(Objective::name).toList());
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
    return new ClearingConfig(newSeed, frameMinutes, gridFeePerKwhPerOhm, minShareStandard,
        minShareHigh, minShareUltraHigh, compromiseRule, populationSize, maxEvaluations,
        convergenceGenerations, maxBidsPerWindow, recordSolveMillis, convergenceTolerance,
        objectives, rulesHash);
  }

  public ClearingConfig withFrameMinutes(int minutes) {
    return new ClearingConfig(seed, minutes, gridFeePerKwhPerOhm, minShareStandard, minShareHigh,
        minShareUltraHigh, compromiseRule, populationSize, maxEvaluations, convergenceGenerations,
        maxBidsPerWindow, recordSolveMillis, convergenceTolerance, objectives, rulesHash);
  }

  public ClearingConfig withGridFeePerKwhPerOhm(double fee) {
    return new ClearingConfig(seed, frameMinutes, fee, minShareStandard, minShareHigh,
        minShareUltraHigh, compromiseRule, populationSize, maxEvaluations, convergenceGenerations,
        maxBidsPerWindow, recordSolveMillis, convergenceTolerance, objectives, rulesHash);
  }

  /** Minimum shares of the matched energy per class (STANDARD, HIGH, ULTRA_HIGH). */
  public ClearingConfig withMinShares(double standard, double high, double ultraHigh) {
    return new ClearingConfig(seed, frameMinutes, gridFeePerKwhPerOhm, standard, high, ultraHigh,
        compromiseRule, populationSize, maxEvaluations, convergenceGenerations, maxBidsPerWindow,
        recordSolveMillis, convergenceTolerance, objectives, rulesHash);
  }

  public ClearingConfig withCompromiseRule(CompromiseRule rule) {
    return new ClearingConfig(seed, frameMinutes, gridFeePerKwhPerOhm, minShareStandard,
        minShareHigh, minShareUltraHigh, rule, populationSize, maxEvaluations,
        convergenceGenerations, maxBidsPerWindow, recordSolveMillis, convergenceTolerance,
        objectives, rulesHash);
  }

  public ClearingConfig withSearch(int population, int evaluations, int generationsWithoutGain) {
    return new ClearingConfig(seed, frameMinutes, gridFeePerKwhPerOhm, minShareStandard,
        minShareHigh, minShareUltraHigh, compromiseRule, population, evaluations,
        generationsWithoutGain, maxBidsPerWindow, recordSolveMillis, convergenceTolerance,
        objectives, rulesHash);
  }

  public ClearingConfig withMaxBidsPerWindow(int maxBids) {
    return new ClearingConfig(seed, frameMinutes, gridFeePerKwhPerOhm, minShareStandard,
        minShareHigh, minShareUltraHigh, compromiseRule, populationSize, maxEvaluations,
        convergenceGenerations, maxBids, recordSolveMillis, convergenceTolerance, objectives,
        rulesHash);
  }

  public ClearingConfig withRecordSolveMillis(boolean record) {
    return new ClearingConfig(seed, frameMinutes, gridFeePerKwhPerOhm, minShareStandard,
        minShareHigh, minShareUltraHigh, compromiseRule, populationSize, maxEvaluations,
        convergenceGenerations, maxBidsPerWindow, record, convergenceTolerance, objectives,
        rulesHash);
  }

  public ClearingConfig withConvergenceTolerance(double tolerance) {
    return new ClearingConfig(seed, frameMinutes, gridFeePerKwhPerOhm, minShareStandard,
        minShareHigh, minShareUltraHigh, compromiseRule, populationSize, maxEvaluations,
        convergenceGenerations, maxBidsPerWindow, recordSolveMillis, tolerance, objectives,
        rulesHash);
  }

  public ClearingConfig withObjectives(List<Objective> list) {
    return new ClearingConfig(seed, frameMinutes, gridFeePerKwhPerOhm, minShareStandard,
        minShareHigh, minShareUltraHigh, compromiseRule, populationSize, maxEvaluations,
        convergenceGenerations, maxBidsPerWindow, recordSolveMillis, convergenceTolerance, list,
        rulesHash);
  }

  /** The same settings, marked as coming from the rules file with this hash (null: none). */
  public ClearingConfig withRulesHash(String hash) {
    return new ClearingConfig(seed, frameMinutes, gridFeePerKwhPerOhm, minShareStandard,
        minShareHigh, minShareUltraHigh, compromiseRule, populationSize, maxEvaluations,
        convergenceGenerations, maxBidsPerWindow, recordSolveMillis, convergenceTolerance,
        objectives, hash);
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
