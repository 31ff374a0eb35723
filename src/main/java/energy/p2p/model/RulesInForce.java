package energy.p2p.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The market rules a window was cleared under, as a report states them: the hash of the canonical
 * rules file and the values in force for the window's feeder (file defaults with the feeder's
 * overrides applied). Field names are the rules file's keys (docs/formats.md, "Rules file").
 *
 * @param rulesHash "sha256:" + hex SHA-256 of the canonical JSON of the whole rules file
 * @param compromiseWeights the WEIGHTED rule's weight per objective (every objective, in the
 *     objectives' order); null for every other rule
 * @param maxWelfareLossPercent the BEST_WITHIN_WELFARE_LOSS rule's tolerance; NaN for every
 *     other rule
 */
public record RulesInForce(
    String rulesHash,
    double gridFeePerKwhPerOhm,
    double minShareStandard,
    double minShareHigh,
    double minShareUltraHigh,
    String compromiseRule,
    int populationSize,
    int maxEvaluations,
    int convergenceGenerations,
    double convergenceTolerance,
    List<String> objectives,
    Map<String, Double> compromiseWeights,
    double maxWelfareLossPercent) {

  public RulesInForce {
    objectives = List.copyOf(objectives);
    compromiseWeights = compromiseWeights == null ? null
        : Collections.unmodifiableMap(new LinkedHashMap<>(compromiseWeights));
  }
}
