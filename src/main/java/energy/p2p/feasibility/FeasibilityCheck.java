package energy.p2p.feasibility;

import energy.p2p.clearing.ClearingConfig;
import energy.p2p.clearing.ClearingResult;
import energy.p2p.clearing.ReportBuilder;
import energy.p2p.clearing.Rounding;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.grid.limits.FeederGrid;
import energy.p2p.grid.limits.GridLimits;
import energy.p2p.grid.limits.TradeCurtailer;
import energy.p2p.model.Allocation;
import energy.p2p.model.Bid;
import energy.p2p.model.ClearingStatus;
import energy.p2p.model.Curtailment;
import energy.p2p.model.Feasibility;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The AC re-check of a window's trades against the feeder as given (its current base load and
 * limits): FEASIBLE leaves the trades untouched; otherwise trades are curtailed, least welfare
 * lost per unit of violation relieved first, until the sweep finds everything within limits
 * (CURTAILED, with what was cut and why); when the feeder's load flow does not converge even
 * without trades, nothing is published (NOT_CONVERGED). Plain Java, not thread-safe (uses the
 * grid helpers' solver): one per feeder per operator instance, or sharing the clearing's
 * {@link FeederGrid} on the same thread.
 */
public final class FeasibilityCheck {
  private final RadialFeeder feeder;
  private final GridLimits limits;
  private final TradeCurtailer curtailer;

  public FeasibilityCheck(RadialFeeder feeder, ClearingConfig config) {
    this(FeederGrid.of(feeder, config.frameHours()));
  }

  public FeasibilityCheck(FeederGrid grid) {
    this.feeder = grid.feeder();
    this.limits = grid.limits();
    this.curtailer = grid.curtailer();
  }

  /** Checks (and if needed curtails) {@code cleared}; {@code bids} are the window's bids. */
  public ClearingResult check(ClearingResult cleared, List<Bid> bids) {
    List<Allocation> trades = cleared.allocations();
    ReportBuilder report = ReportBuilder.from(cleared.report());
    if (!limits.baseConverged()) {
      report.trades(bids, List.of()).status(ClearingStatus.GRID_NOT_CONVERGED)
          .voltages(Double.NaN, Double.NaN)
          .feasibility(Feasibility.NOT_CONVERGED, totalKwh(trades), List.of(), List.of(), List.of());
      return new ClearingResult(List.of(), report.build());
    }
    Map<String, Bid> byId = new HashMap<>();
    for (Bid b : bids) {
      byId.put(b.bidId(), b);
    }
    int count = trades.size();
    int[] buyerBus = new int[count];
    int[] sellerBus = new int[count];
    double[] kwh = new double[count];
    double[] welfare = new double[count];
    for (int t = 0; t < count; t++) {
      Allocation a = trades.get(t);
      Bid buyer = bid(byId, a.buyerBidId());
      Bid seller = bid(byId, a.sellerBidId());
      buyerBus[t] = busIndex(buyer);
      sellerBus[t] = busIndex(seller);
      kwh[t] = a.quantityKwh();
      welfare[t] = buyer.limitPrice() - seller.limitPrice() - a.gridFee();
    }
    TradeCurtailer.Outcome outcome = curtailer.curtail(count, buyerBus, sellerBus, kwh, welfare);
    report.voltages(outcome.finalFlow().vMinPu(), outcome.finalFlow().vMaxPu());
    if (outcome.totalCutKwh() == 0) {
      report.feasibility(Feasibility.FEASIBLE, 0, List.of(), List.of(), List.of());
      return new ClearingResult(trades, report.build());
    }
    List<Allocation> kept = new ArrayList<>();
    List<Curtailment> cuts = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      Allocation a = trades.get(t);
      if (outcome.cutKwh()[t] > 0) {
        double left = Rounding.kwh(kwh[t]);
        cuts.add(new Curtailment(a.buyerBidId(), a.sellerBidId(), a.quantityKwh() - left, left,
            outcome.reason()[t]));
      }
      double left = Rounding.kwh(kwh[t]);
      if (left > 0) {
        kept.add(left == a.quantityKwh() ? a : a.withQuantityKwh(left));
      }
    }
    double cutKwh = cuts.stream().mapToDouble(Curtailment::cutKwh).sum();
    report.trades(bids, kept).feasibility(Feasibility.CURTAILED, cutKwh,
        new ArrayList<>(outcome.bindingBuses()), new ArrayList<>(outcome.bindingBranches()), cuts);
    return new ClearingResult(kept, report.build());
  }

  private int busIndex(Bid b) {
    int index = feeder.indexOf(b.bus());
    if (index < 0) {
      throw new IllegalArgumentException("bid " + b.bidId() + ": bus " + b.bus()
          + " is not on feeder " + feeder.feederId());
    }
    return index;
  }

  private static Bid bid(Map<String, Bid> byId, String id) {
    Bid b = byId.get(id);
    if (b == null) {
      throw new IllegalArgumentException("allocation refers to bid " + id
          + " which is not among the window's bids");
    }
    return b;
  }

  private static double totalKwh(List<Allocation> trades) {
    double sum = 0;
    for (Allocation a : trades) {
      sum += a.quantityKwh();
    }
    return sum;
  }
}
