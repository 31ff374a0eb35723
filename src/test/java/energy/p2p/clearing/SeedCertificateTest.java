package energy.p2p.clearing;

import static energy.p2p.clearing.Books.FRAME;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.grid.RadialFeeder;
import energy.p2p.model.Bid;
import energy.p2p.model.ClearingReport;
import energy.p2p.synth.RandomBookGenerator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The linearised seed's certificate (first-order optimal within the convergence tolerance, see
 * {@link LinearisedSeed}) lets a grid-bound window publish its seed without a search. Checked
 * against the search itself: on the benchmark's grid-bound books the full NSGA-II run from the
 * same seed, stopped only by its own rules, never finds a feasible point the tolerance would
 * count as a gain over what was published. With the class reservation on (default rules) that
 * includes the points that escape the reservation (a dear seller raises the marginal ask above
 * what the class can pay: the search found one on ieee33 book 19, +0.06 %), so there the
 * certificate must hold without the reservation rows and holds less often. Without reservations
 * (the LinDistFlow LP's problem) it holds on nearly every grid-bound window: that is where the
 * speed comes from.
 */
class SeedCertificateTest {
  private static final int BOOKS = 20;

  @ParameterizedTest(name = "{0}, STANDARD share {1}")
  @CsvSource({"ieee33, 0.5, 0.2", "case69, 0.5, 0.4", "ieee33, 0, 0.9", "case69, 0, 0.9"})
  void theSearchFindsNothingBetterThanACertifiedSeed(String name, double standardShare,
      double certifiedAtLeast) {
    RadialFeeder f = GridBoundBooks.light(name);
    ClearingConfig config = ClearingConfig.defaults().withMinShares(standardShare, 0, 0);
    MarketClearing clearing = new MarketClearing(f, config);
    int gridBound = 0;
    int certified = 0;
    for (long seed = 1; seed <= BOOKS; seed++) {
      List<Bid> bids = new RandomBookGenerator(f).generate(
          RandomBookGenerator.Options.of(100, 100).withFarEndSellers(3), FRAME, seed);
      ClearingReport r = clearing.clear(FRAME, bids).report();
      if (r.socialWelfare() >= r.welfareUpperBound() - 1e-9) {
        continue; // the grid did not bind: optimal by the upper bound
      }
      gridBound++;
      if (r.evaluations() != config.populationSize()) {
        continue; // not certified: clear searched
      }
      certified++;
      double searched = UncertifiedSearch.bestFeasibleWelfare(
          UncertifiedSearch.run(clearing, FRAME, bids));
      double allowed = r.socialWelfare() * (1 + config.convergenceTolerance()) + 1e-6;
      assertTrue(searched <= allowed, name + " book " + seed + ": the search reached " + searched
          + ", the certified seed published " + r.socialWelfare());
    }
    assertTrue(gridBound >= BOOKS / 2, "precondition: grid-bound books, " + gridBound);
    assertTrue(certified >= certifiedAtLeast * gridBound,
        certified + " of " + gridBound + " certified");
  }
}
