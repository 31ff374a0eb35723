package energy.p2p.bench;

import energy.p2p.grid.RadialFeeder;
import energy.p2p.io.FeederReader;
import energy.p2p.model.Bid;
import energy.p2p.synth.FeederVariants;
import energy.p2p.synth.RandomBookGenerator;
import java.nio.file.Path;
import java.util.List;

/**
 * The clearing benchmarks' window: a feeder ("ieee33", or "light-far-end": base load × 0.2, limits
 * [0.95, 1.02] p.u., sellers on the three farthest buses, so voltage binds) and a seeded random
 * book "BUYERSxSELLERS" on it.
 */
record BenchBook(RadialFeeder feeder, List<Bid> bids) {
  static final long FRAME = 1_795_514_400_000L; // 2026-11-24T10:00:00Z

  static BenchBook of(String grid, String book) {
    RadialFeeder ieee33 = FeederReader.read(Path.of("sample-data", "feeders"), "ieee33");
    boolean farEnd = grid.equals("light-far-end");
    RadialFeeder feeder = farEnd
        ? FeederVariants.scaled(ieee33, 0.2, 0.95, 1.02, Double.POSITIVE_INFINITY) : ieee33;
    String[] nm = book.split("x");
    RandomBookGenerator.Options options =
        RandomBookGenerator.Options.of(Integer.parseInt(nm[0]), Integer.parseInt(nm[1]));
    List<Bid> bids = new RandomBookGenerator(feeder)
        .generate(farEnd ? options.withFarEndSellers(3) : options, FRAME, 1);
    return new BenchBook(feeder, bids);
  }
}
