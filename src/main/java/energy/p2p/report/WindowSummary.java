package energy.p2p.report;

import energy.p2p.model.Curtailment;
import energy.p2p.model.FrontPoint;
import java.util.List;
import java.util.Map;

/**
 * The figures of one clearing report (one (feeder, frame) window) that the replay report draws;
 * names and units as in docs/formats.md.
 *
 * @param classKwh per buyer class: {demandKwh, matchedKwh}
 */
public record WindowSummary(
    String feederId,
    long frameStartMs,
    double matchedKwh,
    double buyerWelfare,
    double sellerWelfare,
    double socialWelfare,
    double vMinPu,
    double vMaxPu,
    String status,
    String feasibility,
    double curtailedKwh,
    List<FrontPoint> front,
    int compromiseIndex,
    Map<String, double[]> classKwh,
    List<Curtailment> curtailments) {

  /** "feeder@2026-11-24T10:00:00Z", as {@code report --window} takes it. */
  public String windowName() {
    return feederId + "@" + java.time.Instant.ofEpochMilli(frameStartMs);
  }
}
