package energy.p2p.clearing;

import energy.p2p.grid.limits.FeederGrid;
import energy.p2p.model.Bid;
import java.util.List;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;

/**
 * A window's search as {@link MarketClearing#clear} sets it up (same book, seed, operators and
 * generator), except that it stops only at the proven upper bound: the seed's certificate is not
 * consulted, so the search runs on seeds the clearing would publish at once.
 */
final class UncertifiedSearch {
  private UncertifiedSearch() {}

  static SeededNsga2 run(MarketClearing clearing, long frameStartMs, List<Bid> bids) {
    ClearingConfig config = clearing.config();
    MarketBook book = MarketBook.of(clearing.feeder(), frameStartMs, bids,
        config.gridFeePerKwhPerOhm());
    TreeTransport.Optimum optimum = TreeTransport.solve(book);
    FillDecoder decoder = new FillDecoder(book, config);
    FeederGrid grid = clearing.grid();
    GridSeed seed = new GridSeed(book, decoder, grid,
        new LinearisedSeed(book, decoder, grid.solver(), grid.limits(), config));
    double[] fills = seed.fills(new double[][] {optimum.buyKwh(), optimum.sellKwh()});
    SeededNsga2 search = clearing.search(book, decoder, fills, seed.feasible(), optimum.welfare());
    search.run();
    return search;
  }

  /** Best social welfare of a feasible member of the search's final population. */
  static double bestFeasibleWelfare(SeededNsga2 search) {
    double best = Double.NEGATIVE_INFINITY;
    for (DoubleSolution s : search.getPopulation()) {
      if (ConstrainedDominance.violation(s) <= 0) {
        best = Math.max(best, -s.objectives()[0] - s.objectives()[1]);
      }
    }
    return best;
  }
}
