package energy.p2p.clearing;

import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.RadialFeeder;
import java.util.List;

/**
 * The objective values of a decoded genotype (docs/clearing.md, "Objectives"): welfare and
 * household fill from the decoder's trades, losses and voltage headroom from the AC load flow of
 * those trades. jMetal minimises, so {@link #minimised} negates every objective that is
 * maximised. Allocation-free.
 */
final class ObjectiveValues {
  /** Objective value given to a load flow that did not converge (it is infeasible anyway). */
  private static final double DIVERGED = 1e9;

  private final Objective[] objectives;
  private final double standardDemandKwh;
  private final RadialFeeder feeder;

  ObjectiveValues(List<Objective> objectives, MarketBook book, RadialFeeder feeder) {
    this.objectives = objectives.toArray(new Objective[0]);
    this.standardDemandKwh = book.standardDemandKwh();
    this.feeder = feeder;
  }

  int count() {
    return objectives.length;
  }

  List<Objective> objectives() {
    return List.of(objectives);
  }

  /**
   * Writes each objective, negated when maximised (jMetal minimises), into {@code out}: welfare
   * and fill from the decoder's trades, losses and headroom from {@code flowValues} (what
   * {@link #flowValues} took from those trades' load flow).
   */
  void minimised(FillDecoder d, double[] flowValues, double[] out) {
    for (int k = 0; k < objectives.length; k++) {
      double v = fromFlow(objectives[k]) ? flowValues[k] : value(objectives[k], d, null);
      out[k] = Double.isFinite(v) ? (objectives[k].maximised() ? -v : v) : DIVERGED;
    }
  }

  /** Writes the flow-derived objectives (losses, headroom) of {@code flow} into {@code out}. */
  void flowValues(PowerFlowResult flow, double[] out) {
    for (int k = 0; k < objectives.length; k++) {
      out[k] = fromFlow(objectives[k]) ? value(objectives[k], null, flow) : 0;
    }
  }

  private static boolean fromFlow(Objective o) {
    return o == Objective.LOSSES_KW || o == Objective.VOLTAGE_HEADROOM_PU;
  }

  /** The natural value (currency units, share, kW, p.u.) back from a minimised one. */
  double natural(int k, double minimised) {
    return objectives[k].maximised() ? -minimised : minimised;
  }

  double value(Objective o, FillDecoder d, PowerFlowResult flow) {
    return switch (o) {
      case BUYER_WELFARE -> d.buyerWelfare();
      case SELLER_WELFARE -> d.sellerWelfare();
      case SOCIAL_WELFARE -> d.socialWelfare();
      case STANDARD_FILL_RATE -> standardDemandKwh > 0 ? d.standardKwh() / standardDemandKwh : 0;
      case LOSSES_KW -> flow.converged() ? flow.pLossKw() : Double.NaN;
      case VOLTAGE_HEADROOM_PU -> flow.converged() ? headroomPu(feeder, flow) : Double.NaN;
    };
  }

  /**
   * The smallest margin to the feeder's voltage limits over every bus but the substation's
   * (held at its set point), p.u.; negative when a bus is outside them.
   */
  static double headroomPu(RadialFeeder feeder, PowerFlowResult flow) {
    double least = Double.POSITIVE_INFINITY;
    for (int k = 1; k < feeder.busCount(); k++) {
      double v = flow.vPu(k);
      least = Math.min(least, Math.min(v - feeder.vMinPu(), feeder.vMaxPu() - v));
    }
    return least;
  }
}
