package energy.p2p.clearing;

import energy.p2p.grid.RadialFeeder;
import energy.p2p.io.FeederReader;
import energy.p2p.io.MatpowerReader;
import energy.p2p.model.Bid;
import energy.p2p.synth.FeederVariants;
import energy.p2p.synth.RandomBookGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The grid-bound windows that {@code GridBoundBenchmark} times and {@link GridBoundQualityTest}
 * checks, chosen by one rule so both see the same books: 100 × 100 seeded books (seeds 1, 2, …)
 * on the feeder at base load × 0.2 with limits [0.95, 1.02] p.u. and every seller on the three
 * farthest buses, keeping only the books whose unconstrained (merit-order) optimum exceeds the
 * LinDistFlow LP's optimum by more than 0.1 % — the voltage limit binds — until {@code count}.
 */
public final class GridBoundBooks {
  /** The window's frame start (2026-11-24T10:00:00Z). */
  public static final long FRAME = Books.FRAME;
  private static final int MAX_SEED = 1_000;

  private GridBoundBooks() {
  }

  /** The stress variant of {@code ieee33} (sample-data/feeders) or {@code case69} (MATPOWER). */
  public static RadialFeeder light(String feeder) {
    RadialFeeder base = feeder.equals("case69")
        ? MatpowerReader.read(Path.of("sample-data", "feeders-matpower", "case69.m"), "case69")
        : FeederReader.read(Path.of("sample-data", "feeders"), "ieee33");
    return FeederVariants.scaled(base, 0.2, 0.95, 1.02, Double.POSITIVE_INFINITY);
  }

  /** The seeds of the first {@code count} grid-bound books on {@code feeder}, ascending. */
  public static List<Long> seeds(RadialFeeder feeder, int count) {
    List<Long> seeds = new ArrayList<>(count);
    for (long seed = 1; seeds.size() < count; seed++) {
      if (seed > MAX_SEED) {
        throw new IllegalStateException("fewer than " + count + " grid-bound books in seeds 1.."
            + MAX_SEED + " on " + feeder.feederId());
      }
      List<Bid> bids = book(feeder, seed);
      if (MeritOrderReference.optimumWelfare(bids)
          > 1.001 * LinDistFlowReference.optimumWelfare(feeder, bids, 0.25)) {
        seeds.add(seed);
      }
    }
    return seeds;
  }

  /** The book of one seed. */
  public static List<Bid> book(RadialFeeder feeder, long seed) {
    return new RandomBookGenerator(feeder).generate(
        RandomBookGenerator.Options.of(100, 100).withFarEndSellers(3), FRAME, seed);
  }
}
