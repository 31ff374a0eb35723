package energy.p2p.report;

import energy.p2p.grid.BackwardForwardSweep;
import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.RadialFeeder;
import java.util.List;

/**
 * The bus voltages of one frame along a feeder, base case and with the frame's published trades:
 * a matched SELL injects {@code quantityKwh / frameHours} kW at the seller's bus, the matched BUY
 * draws it at the buyer's bus, on top of the base load — the same injections the feasibility
 * operator checked, so the lowest voltage equals the report's {@code vMinPu}.
 *
 * @param busNumbers bus numbers in ascending order
 * @param baseVPu base-case voltage per bus (same order), p.u.
 * @param tradedVPu voltage with the trades, p.u.; null when a trade's bus is unknown
 * @param unknownTrades trades whose buyer or seller bus the bids file did not give
 */
public record VoltageProfile(WindowSummary window, int[] busNumbers, double[] baseVPu,
    double[] tradedVPu, double tradedVMinPu, int unknownTrades) {

  static VoltageProfile of(RadialFeeder feeder, WindowSummary window, List<Trade> trades,
      BidBuses buses, double frameHours) {
    BackwardForwardSweep sweep = new BackwardForwardSweep(feeder);
    PowerFlowResult base = sweep.solve(null).copy();
    double[] injectionKw = new double[feeder.busCount()];
    int unknown = 0;
    for (Trade t : trades) {
      int buyer = buses == null ? -1 : feeder.indexOf(
          buses.bus(t.feederId(), t.frameStartMs(), t.buyerBidId()));
      int seller = buses == null ? -1 : feeder.indexOf(
          buses.bus(t.feederId(), t.frameStartMs(), t.sellerBidId()));
      if (buyer < 0 || seller < 0) {
        unknown++;
        continue;
      }
      double kw = t.quantityKwh() / frameHours;
      injectionKw[seller] += kw;
      injectionKw[buyer] -= kw;
    }
    PowerFlowResult traded = unknown > 0 || buses == null ? null : sweep.solve(injectionKw);
    int n = feeder.busCount();
    int[] numbers = new int[n];
    double[] baseV = new double[n];
    double[] tradedV = traded == null ? null : new double[n];
    for (int rank = 0; rank < n; rank++) {
      int i = feeder.indexInNumberOrder(rank);
      numbers[rank] = feeder.busNumber(i);
      baseV[rank] = base.vPu(i);
      if (tradedV != null) {
        tradedV[rank] = traded.vPu(i);
      }
    }
    return new VoltageProfile(window, numbers, baseV, tradedV,
        traded == null ? Double.NaN : traded.vMinPu(), unknown);
  }
}
