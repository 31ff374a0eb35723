package energy.p2p.job;

import energy.p2p.model.ClearingReport;

/** Small copies of a {@link ClearingReport} with one field changed. */
final class Reports {
  private Reports() {}

  static ClearingReport withSolveMillis(ClearingReport r, long solveMillis) {
    return new ClearingReport(r.feederId(), r.frameStartMs(), r.bids(), r.buyers(), r.sellers(),
        r.matchedKwh(), r.buyerWelfare(), r.sellerWelfare(), r.socialWelfare(), r.paretoFrontSize(),
        r.compromiseRule(), r.vMinPu(), r.vMaxPu(), r.status(), r.evaluations(), solveMillis,
        r.perClass(), r.front(), r.compromiseIndex(), r.feasibility(), r.curtailedKwh(),
        r.bindingBuses(), r.bindingBranches());
  }
}
