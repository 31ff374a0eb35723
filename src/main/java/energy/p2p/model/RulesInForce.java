package energy.p2p.model;

import java.util.List;

/**
 * The market rules a window was cleared under, as a report states them: the hash of the canonical
 * rules file and the values in force for the window's feeder (file defaults with the feeder's
 * overrides applied). Field names are the rules file's keys (docs/formats.md, "Rules file").
 *
 * @param rulesHash "sha256:" + hex SHA-256 of the canonical JSON of the whole rules file
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
    List<String> objectives) {

  public RulesInForce {
    objectives = List.copyOf(objectives);
  }
}
