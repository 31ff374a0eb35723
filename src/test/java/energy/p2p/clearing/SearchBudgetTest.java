package energy.p2p.clearing;

import static energy.p2p.clearing.Books.FRAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.grid.RadialFeeder;
import energy.p2p.model.Bid;
import energy.p2p.synth.FeederVariants;
import energy.p2p.synth.RandomBookGenerator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The search budget does what the rules say: evaluations follow populationSize, maxEvaluations,
 * convergenceGenerations and convergenceTolerance exactly (they used to be compared through a
 * score with a 1e12 feasibility offset, i.e. at ~1e-4: every run not stopped early spent 100
 * evaluations and the "reached the bound" stop was a coin flip).
 */
class SearchBudgetTest {
  private static final RadialFeeder IEEE33 = Books.ieee33();
  private static final RadialFeeder LIGHT =
      FeederVariants.scaled(IEEE33, 0.2, 0.95, 1.02, Double.POSITIVE_INFINITY);

  private static List<Bid> open(long seed) {
    return new RandomBookGenerator(IEEE33)
        .generate(RandomBookGenerator.Options.of(60, 60), FRAME, seed);
  }

  private static List<Bid> gridBound(long seed) {
    return new RandomBookGenerator(LIGHT).generate(
        RandomBookGenerator.Options.of(100, 100).withFarEndSellers(3), FRAME, seed);
  }

  @ParameterizedTest(name = "population {0}, book {1}")
  @CsvSource({"4, 1", "20, 2", "20, 3", "40, 4", "64, 5"})
  void aSeedThatReachesTheUpperBoundStopsAfterTheInitialPopulation(int population, long seed) {
    ClearingConfig config = ClearingConfig.defaults().withMinShares(0, 0, 0)
        .withSearch(population, 2_000, 4);
    ClearingResult r = new MarketClearing(IEEE33, config).clear(FRAME, open(seed));
    assertEquals(r.report().welfareUpperBound(), r.report().socialWelfare(), 1e-9);
    assertEquals(population, r.report().evaluations());
  }

  @ParameterizedTest(name = "population {0}, max {1}")
  @CsvSource({"20, 60", "20, 100", "20, 110", "40, 200", "12, 300"})
  void aSearchThatNeverStallsSpendsTheWholeBudgetAndNeverMore(int population, int max) {
    // tolerance 0 and endless patience: only the budget stops it (a generation that would exceed
    // it is not started)
    ClearingConfig config = ClearingConfig.defaults().withSearch(population, max, 1_000_000)
        .withConvergenceTolerance(0);
    ClearingResult r = new MarketClearing(LIGHT, config).clear(FRAME, gridBound(1));
    assertEquals(max / population * population, r.report().evaluations());
  }

  @ParameterizedTest(name = "patience {0}")
  @CsvSource({"1", "2", "4", "9"})
  void withAHugeToleranceTheSearchStopsAfterExactlyItsPatience(int patience) {
    // no generation can gain 90 % of the welfare: every one is a stall. (clear itself would not
    // search at all: at 90 % tolerance the linearised seed is certified at once — see below)
    ClearingConfig config = ClearingConfig.defaults().withSearch(20, 2_000, patience)
        .withConvergenceTolerance(0.9);
    MarketClearing clearing = new MarketClearing(LIGHT, config);
    SeededNsga2 search = UncertifiedSearch.run(clearing, FRAME, gridBound(2));
    assertEquals(20 * (1 + patience), search.evaluations());
    ClearingResult r = clearing.clear(FRAME, gridBound(2));
    assertTrue(r.report().socialWelfare() < r.report().welfareUpperBound(), "grid-bound");
    assertEquals(20, r.report().evaluations(), "a certified seed stops the search");
  }
}
