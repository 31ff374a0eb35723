package energy.p2p.clearing;

import energy.p2p.grid.BackwardForwardSweep;
import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.model.Allocation;
import energy.p2p.model.Bid;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What published trades do, recomputed from the bids alone — the tests' own view, independent of
 * the engine's bookkeeping: welfare from the limit prices, bus injections over a 15-minute frame,
 * and the AC sweep of those injections.
 */
public final class TradeFlows {
  private static final double FRAME_HOURS = 0.25;

  private TradeFlows() {}

  /** Σ kWh × (buyer's limit − seller's ask − grid fee), EUR. */
  public static double welfareEur(List<Bid> bids, List<Allocation> trades) {
    Map<String, Bid> byId = byId(bids);
    double w = 0;
    for (Allocation a : trades) {
      w += a.quantityKwh() * (byId.get(a.buyerBidId()).limitPrice()
          - byId.get(a.sellerBidId()).limitPrice() - a.gridFee());
    }
    return w;
  }

  /** Net injection per bus index, kW: a seller injects, a buyer draws, evenly over the frame. */
  public static double[] injectionsKw(RadialFeeder f, List<Bid> bids, List<Allocation> trades) {
    Map<String, Bid> byId = byId(bids);
    double[] kw = new double[f.busCount()];
    for (Allocation a : trades) {
      kw[f.indexOf(byId.get(a.sellerBidId()).bus())] += a.quantityKwh() / FRAME_HOURS;
      kw[f.indexOf(byId.get(a.buyerBidId()).bus())] -= a.quantityKwh() / FRAME_HOURS;
    }
    return kw;
  }

  /** The backward-forward sweep of the trades on top of the base load (a copy the caller keeps). */
  public static PowerFlowResult sweep(RadialFeeder f, List<Bid> bids, List<Allocation> trades) {
    return new BackwardForwardSweep(f).solve(injectionsKw(f, bids, trades)).copy();
  }

  private static Map<String, Bid> byId(List<Bid> bids) {
    Map<String, Bid> byId = new HashMap<>();
    bids.forEach(b -> byId.put(b.bidId(), b));
    return byId;
  }
}
