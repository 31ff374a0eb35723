package energy.p2p.clearing;

import energy.p2p.feasibility.GridLimits;
import energy.p2p.feasibility.TradeCurtailer;
import energy.p2p.grid.BackwardForwardSweep;
import java.util.Arrays;

/**
 * The seed of the search: the merit-order crossing (optimal when the feeder carries it); when the
 * AC sweep finds it out of limits, the successive-LP optimum over the linearised feeder
 * ({@link LinearisedSeed}); if that still fails the sweep (or no LP is used), its trades are
 * curtailed with least welfare lost per unit of violation relieved, repeated through the decoder
 * (whose class repair may move energy) until the decoded seed itself passes the sweep.
 */
final class GridSeed {
  private static final int ROUNDS = 4;

  private final MarketBook book;
  private final FillDecoder decoder;
  private final BackwardForwardSweep sweep;
  private final GridLimits limits;
  private final TradeCurtailer curtailer;
  private final double[] violations = new double[3];
  private final LinearisedSeed linearised;
  boolean feasible;
  boolean gridBound;

  GridSeed(MarketBook book, FillDecoder decoder, BackwardForwardSweep sweep, GridLimits limits,
      TradeCurtailer curtailer, LinearisedSeed linearised) {
    this.linearised = linearised;
    this.book = book;
    this.decoder = decoder;
    this.sweep = sweep;
    this.limits = limits;
    this.curtailer = curtailer;
  }

  /** Fill fractions (buyers then sellers) of the seed. */
  double[] fills(double[][] startVolumes) {
    int n = book.buyerCount();
    int m = book.sellerCount();
    double[] buy = startVolumes[0].clone();
    double[] sell = startVolumes[1].clone();
    for (int round = 0; round < ROUNDS; round++) {
      if (round == 1 && linearised != null) {
        // the crossing does not fit the grid: start again from the linearised optimum
        double[][] lp = linearised.solve(startVolumes);
        if (lp != null) {
          buy = lp[0];
          sell = lp[1];
        }
      }
      System.arraycopy(buy, 0, decoder.buyVol, 0, n);
      System.arraycopy(sell, 0, decoder.sellVol, 0, m);
      decoder.decodeVolumes(0.5, true);
      tradedVolumes(buy, sell);
      if (limits.violations(sweep.solve(decoder.injectionKw), violations) == 0) {
        feasible = true;
        return toFills(buy, sell);
      }
      gridBound = true;
      if (round > 0 || linearised == null) {
        curtailTrades(buy, sell);
      }
    }
    feasible = false;
    return toFills(buy, sell);
  }

  private void tradedVolumes(double[] buy, double[] sell) {
    Arrays.fill(buy, 0.0);
    Arrays.fill(sell, 0.0);
    for (int t = 0; t < decoder.tradeCount; t++) {
      buy[decoder.tradeBuyer[t]] += decoder.tradeKwh[t];
      sell[decoder.tradeSeller[t]] += decoder.tradeKwh[t];
    }
  }

  private void curtailTrades(double[] buy, double[] sell) {
    int count = decoder.tradeCount;
    int[] buyerBus = new int[count];
    int[] sellerBus = new int[count];
    double[] kwh = new double[count];
    double[] welfare = new double[count];
    for (int t = 0; t < count; t++) {
      int i = decoder.tradeBuyer[t];
      int j = decoder.tradeSeller[t];
      buyerBus[t] = book.buyBus[i];
      sellerBus[t] = book.sellBus[j];
      kwh[t] = decoder.tradeKwh[t];
      welfare[t] = book.buyLimit[i] - book.sellAsk[j] - book.feePerKwh(i, j);
    }
    curtailer.curtail(count, buyerBus, sellerBus, kwh, welfare);
    Arrays.fill(buy, 0.0);
    Arrays.fill(sell, 0.0);
    for (int t = 0; t < count; t++) {
      buy[decoder.tradeBuyer[t]] += kwh[t];
      sell[decoder.tradeSeller[t]] += kwh[t];
    }
  }

  private double[] toFills(double[] buy, double[] sell) {
    int n = book.buyerCount();
    double[] fills = new double[n + book.sellerCount()];
    for (int i = 0; i < n; i++) {
      fills[i] = Math.min(1.0, buy[i] / book.buyQtyKwh[i]);
    }
    for (int j = 0; j < sell.length; j++) {
      fills[n + j] = Math.min(1.0, sell[j] / book.sellQtyKwh[j]);
    }
    return fills;
  }
}
