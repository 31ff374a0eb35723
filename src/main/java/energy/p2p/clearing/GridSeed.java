package energy.p2p.clearing;

import energy.p2p.grid.limits.FeederGrid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The seed of the search: the unconstrained optimum (the merit-order crossing, or with a fee the
 * exact fee-aware transportation optimum; optimal when the feeder carries it); when the AC sweep
 * finds it out of limits, the successive-LP optimum over the linearised feeder
 * ({@link LinearisedSeed}); if that still fails the sweep, its trades are curtailed with least
 * welfare lost per unit of violation relieved, repeated through the decoder (whose class repair
 * may move energy) until the decoded seed itself passes the sweep. What happened is kept:
 * whether the grid bound, whether the seed is feasible, and every failure on the way.
 */
final class GridSeed {
  private static final int ROUNDS = 4;

  /** How the seed was found. */
  enum Kind { UNCONSTRAINED, LINEARISED, CURTAILED, INFEASIBLE }

  private final MarketBook book;
  private final FillDecoder decoder;
  private final FeederGrid grid;
  private final double[] violations = new double[3];
  private final LinearisedSeed linearised;
  private final List<String> issues = new ArrayList<>();
  private Kind kind;
  private double welfare = Double.NaN;

  GridSeed(MarketBook book, FillDecoder decoder, FeederGrid grid, LinearisedSeed linearised) {
    this.linearised = linearised;
    this.book = book;
    this.decoder = decoder;
    this.grid = grid;
  }

  /** Whether the decoded seed passed the AC sweep. */
  boolean feasible() {
    return kind != Kind.INFEASIBLE;
  }

  /** Whether the grid limits cut into the unconstrained optimum. */
  boolean gridBound() {
    return kind != Kind.UNCONSTRAINED;
  }

  Kind kind() {
    return kind;
  }

  /**
   * Whether the seed is the linearised optimum certified first-order optimal within the
   * convergence tolerance ({@link LinearisedSeed}): the search then has nothing to add that it
   * would count as a gain.
   */
  boolean certified() {
    return kind == Kind.LINEARISED && linearised.certified();
  }

  /** Social welfare of the decoded seed (NaN when no seed passed the AC sweep). */
  double welfare() {
    return welfare;
  }

  /** Failures on the way (failed LPs, curtailment, no feasible seed); empty if none. */
  List<String> issues() {
    return issues;
  }

  /** Fill fractions (buyers then sellers) of the seed, starting from the unconstrained optimum. */
  double[] fills(double[][] startVolumes) {
    double[] buy = startVolumes[0].clone();
    double[] sell = startVolumes[1].clone();
    for (int round = 0; round < ROUNDS; round++) {
      if (round == 1 && linearised != null) {
        // the unconstrained optimum does not fit the grid: start again from the linearised one
        double[][] lp = linearised.solve(startVolumes);
        buy = lp[0];
        sell = lp[1];
        issues.addAll(linearised.issues());
      }
      decoder.decodeVolumes(buy, sell, 0.5);
      decoder.tradedVolumes(buy, sell);
      if (grid.limits().violations(grid.solver().solve(decoder.injectionKw()), violations) == 0) {
        welfare = decoder.socialWelfare();
        kind = round == 0 ? Kind.UNCONSTRAINED
            : round == 1 && linearised != null ? Kind.LINEARISED : Kind.CURTAILED;
        if (kind == Kind.CURTAILED) {
          issues.add("the linearised seed broke a limit in the AC load flow: curtailed until it"
              + " did not");
        }
        return book.fills(buy, sell);
      }
      if (round > 0 || linearised == null) {
        curtailTrades(buy, sell);
      }
    }
    kind = Kind.INFEASIBLE;
    issues.add("no seed passed the AC load flow after " + ROUNDS + " rounds: the search starts"
        + " from the last one and from no trade");
    return book.fills(buy, sell);
  }

  private void curtailTrades(double[] buy, double[] sell) {
    int count = decoder.tradeCount();
    int[] buyerBus = new int[count];
    int[] sellerBus = new int[count];
    double[] kwh = new double[count];
    double[] welfare = new double[count];
    for (int t = 0; t < count; t++) {
      int i = decoder.tradeBuyer(t);
      int j = decoder.tradeSeller(t);
      buyerBus[t] = book.buyBus[i];
      sellerBus[t] = book.sellBus[j];
      kwh[t] = decoder.tradeKwh(t);
      welfare[t] = book.buyLimit[i] - book.sellAsk[j] - book.feePerKwh(i, j);
    }
    grid.curtailer().curtail(count, buyerBus, sellerBus, kwh, welfare);
    Arrays.fill(buy, 0.0);
    Arrays.fill(sell, 0.0);
    for (int t = 0; t < count; t++) {
      buy[decoder.tradeBuyer(t)] += kwh[t];
      sell[decoder.tradeSeller(t)] += kwh[t];
    }
  }
}
