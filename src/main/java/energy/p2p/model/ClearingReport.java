package energy.p2p.model;

import java.util.List;
import java.util.Map;

/**
 * What happened in one (feeder, frame) window: the clearing engine's figures, then the
 * feasibility operator's. JSON field names are those of docs/formats.md.
 *
 * @param bids valid bids accepted into the window and cleared (matched or not)
 * @param vMinPu lowest bus voltage of the cleared trades' load flow (p.u.)
 * @param vMaxPu highest bus voltage of the cleared trades' load flow (p.u.)
 * @param evaluations NSGA-II evaluations spent
 * @param solveMillis wall-clock clearing time; 0 when timings are not recorded (deterministic replay)
 * @param front the final Pareto front, sorted by buyer welfare
 * @param compromiseIndex index in {@code front} of the chosen point
 * @param curtailedKwh energy the feasibility operator cut
 * @param bindingBuses bus numbers whose voltage limit bound (at clearing or curtailment)
 * @param bindingBranches branches ("from-to") whose current rating bound
 * @param welfareUpperBound the unconstrained merit-order optimum of the book (no grid, no class
 *     rule, no fee): a proven upper bound on socialWelfare, so every report shows its own gap
 * @param curtailments what the feasibility operator cut, per trade, and why (empty when nothing)
 * @param bindingLimits limits the published trades' load flow sits on (within 5e-4 p.u. or 0.05 %
 *     of a rating) in a window whose unconstrained optimum the grid did not carry: what took
 *     welfare away (empty when the grid did not bind)
 * @param seedIssues what went wrong while seeding the search (a failed or infeasible LP, a seed
 *     that had to be curtailed or was never AC-feasible); empty when nothing did
 * @param loosenedLimits limits the feeder's base load alone already breaks, loosened to the base
 *     case's value for this window (trades may not make them worse); empty when none
 * @param rules the rules in force (null: no rules file, the built-in defaults of docs/clearing.md)
 */
public record ClearingReport(
    String feederId,
    long frameStartMs,
    int bids,
    int buyers,
    int sellers,
    double matchedKwh,
    double buyerWelfare,
    double sellerWelfare,
    double socialWelfare,
    int paretoFrontSize,
    String compromiseRule,
    double vMinPu,
    double vMaxPu,
    ClearingStatus status,
    long evaluations,
    long solveMillis,
    Map<BuyerClass, ClassStats> perClass,
    List<FrontPoint> front,
    int compromiseIndex,
    Feasibility feasibility,
    double curtailedKwh,
    List<Integer> bindingBuses,
    List<String> bindingBranches,
    double welfareUpperBound,
    List<Curtailment> curtailments,
    List<LimitNote> bindingLimits,
    List<String> seedIssues,
    List<LimitNote> loosenedLimits,
    RulesInForce rules) {

  /** The 25-field form (nothing binding, no seed issue, nothing loosened, no rules file). */
  public ClearingReport(
      String feederId, long frameStartMs, int bids, int buyers, int sellers, double matchedKwh,
      double buyerWelfare, double sellerWelfare, double socialWelfare, int paretoFrontSize,
      String compromiseRule, double vMinPu, double vMaxPu, ClearingStatus status,
      long evaluations, long solveMillis, Map<BuyerClass, ClassStats> perClass,
      List<FrontPoint> front, int compromiseIndex, Feasibility feasibility, double curtailedKwh,
      List<Integer> bindingBuses, List<String> bindingBranches, double welfareUpperBound,
      List<Curtailment> curtailments) {
    this(feederId, frameStartMs, bids, buyers, sellers, matchedKwh, buyerWelfare, sellerWelfare,
        socialWelfare, paretoFrontSize, compromiseRule, vMinPu, vMaxPu, status, evaluations,
        solveMillis, perClass, front, compromiseIndex, feasibility, curtailedKwh, bindingBuses,
        bindingBranches, welfareUpperBound, curtailments, List.of(), List.of(), List.of(), null);
  }

  /** The original 23-field form (no bound known, nothing curtailed). */
  public ClearingReport(
      String feederId, long frameStartMs, int bids, int buyers, int sellers, double matchedKwh,
      double buyerWelfare, double sellerWelfare, double socialWelfare, int paretoFrontSize,
      String compromiseRule, double vMinPu, double vMaxPu, ClearingStatus status,
      long evaluations, long solveMillis, Map<BuyerClass, ClassStats> perClass,
      List<FrontPoint> front, int compromiseIndex, Feasibility feasibility, double curtailedKwh,
      List<Integer> bindingBuses, List<String> bindingBranches) {
    this(feederId, frameStartMs, bids, buyers, sellers, matchedKwh, buyerWelfare, sellerWelfare,
        socialWelfare, paretoFrontSize, compromiseRule, vMinPu, vMaxPu, status, evaluations,
        solveMillis, perClass, front, compromiseIndex, feasibility, curtailedKwh, bindingBuses,
        bindingBranches, Double.NaN, List.of(), List.of(), List.of(), List.of(), null);
  }
}
