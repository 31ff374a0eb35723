package energy.p2p.report;

import energy.p2p.model.FrontPoint;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What one window's published compromise gave up and gained against its front's welfare optimum:
 * the front point with the highest welfare (the engine seeds the search with the exact welfare
 * optimum, so it is on every front). Ties at that welfare go to the point best in the trade-off
 * objectives, so a gain is never overstated. NaN for a trade-off the window was not cleared with.
 *
 * @param welfareMeasure how welfare is read off the front: {@code socialWelfare}, or
 *     {@code buyerWelfare + sellerWelfare}, or the one welfare objective the window names
 * @param welfareOptimum the optimum's welfare, currency units
 * @param welfareGivenUp optimum's welfare − the compromise's (≥ 0), currency units
 * @param fillGainedKwh STANDARD kWh the compromise matches beyond the optimum: fill-rate gain ×
 *     the window's STANDARD demand ({@code perClass.STANDARD.demandKwh})
 * @param standardDemandKwh the window's STANDARD demand, kWh (0 without STANDARD bids)
 * @param lossesSavedKwh (optimum's − compromise's {@code lossesKw}) × frame hours, kWh
 * @param headroomGainedPu compromise's − optimum's {@code voltageHeadroomPu}, p.u.
 */
record WindowTradeOff(WindowSummary window, String welfareMeasure, double welfareOptimum,
    double welfareGivenUp, double fillGainedKwh, double standardDemandKwh, double lossesSavedKwh,
    double headroomGainedPu) {

  static final String FILL = "standardFillRate";
  static final String LOSSES = "lossesKw";
  static final String HEADROOM = "voltageHeadroomPu";
  private static final List<String> TRADE_OFFS = List.of(FILL, LOSSES, HEADROOM);
  /** Welfare, then the trade-off objectives: the maximum is the welfare optimum. */
  private static final Comparator<FrontPoint> OPTIMUM_ORDER =
      Comparator.comparingDouble(WindowTradeOff::welfare)
          .thenComparing(WindowTradeOff::tradeOffOrder);

  /**
   * The window's trade-off, or empty when it was not cleared with a trade-off objective or has no
   * front (nothing traded).
   */
  static Optional<WindowTradeOff> of(WindowSummary w, double frameHours) {
    if (!isTradeOff(w)) {
      return Optional.empty();
    }
    List<FrontPoint> front = w.front();
    List<String> names = front.get(0).names();
    String measure = welfareMeasure(names);
    if (measure == null) {
      throw new IllegalArgumentException("window " + w.windowName() + ": front objectives "
          + names + " hold no welfare (socialWelfare, buyerWelfare or sellerWelfare)");
    }
    FrontPoint optimum = optimum(front);
    FrontPoint chosen = front.get(w.compromiseIndex());
    double[] demand = w.classKwh().get("STANDARD");
    double standardKwh = demand == null ? 0 : demand[0];
    return Optional.of(new WindowTradeOff(w, measure, welfare(optimum),
        welfare(optimum) - welfare(chosen),
        (chosen.value(FILL) - optimum.value(FILL)) * standardKwh, standardKwh,
        (optimum.value(LOSSES) - chosen.value(LOSSES)) * frameHours,
        chosen.value(HEADROOM) - optimum.value(HEADROOM)));
  }

  /** Whether the window has a front with a trade-off objective (fill, losses, headroom). */
  static boolean isTradeOff(WindowSummary w) {
    return !w.front().isEmpty()
        && w.front().get(0).names().stream().anyMatch(TRADE_OFFS::contains);
  }

  /** The welfare optimum of a non-empty front: highest welfare, ties to the better trade-off. */
  static FrontPoint optimum(List<FrontPoint> front) {
    return front.stream().max(OPTIMUM_ORDER).orElseThrow();
  }

  boolean has(String tradeOff) {
    return window.front().get(0).names().contains(tradeOff);
  }

  private static String welfareMeasure(List<String> names) {
    if (names.contains("socialWelfare")) {
      return "socialWelfare";
    }
    boolean buyers = names.contains("buyerWelfare");
    boolean sellers = names.contains("sellerWelfare");
    return buyers && sellers ? "buyerWelfare + sellerWelfare"
        : buyers ? "buyerWelfare" : sellers ? "sellerWelfare" : null;
  }

  /** Social welfare, or the sum of the welfare objectives the point carries. */
  static double welfare(FrontPoint p) {
    if (p.names().contains("socialWelfare")) {
      return p.value("socialWelfare");
    }
    return (p.names().contains("buyerWelfare") ? p.value("buyerWelfare") : 0)
        + (p.names().contains("sellerWelfare") ? p.value("sellerWelfare") : 0);
  }

  /** Better in fill, then losses (lower), then headroom compares greater. */
  private static int tradeOffOrder(FrontPoint a, FrontPoint b) {
    for (String t : TRADE_OFFS) {
      if (a.names().contains(t)) {
        int c = Double.compare(a.value(t), b.value(t));
        if (c != 0) {
          return t.equals(LOSSES) ? -c : c;
        }
      }
    }
    return 0;
  }
}
