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
 * The reference of the trade-off tests checked against itself: its compact formulation (one
 * volume per bid, Hall's condition as a chain of rows), which makes 30×30 and larger losses
 * books affordable, gives the same optima as the plain one (one variable per rational pair) —
 * welfare, and fill, headroom and losses at welfare floors across the front.
 */
class TradeOffReferenceTest {
  private static final double FRAME_HOURS = 0.25;
  private static final RadialFeeder IEEE33 = Books.ieee33();
  private static final RadialFeeder LIGHT =
      FeederVariants.scaled(IEEE33, 0.2, 0.95, 1.02, Double.POSITIVE_INFINITY);

  @ParameterizedTest(name = "{0} on {1}, {2}x{2}, book {3}")
  @CsvSource({
      "FILL, ieee33, 12, 1",
      "FILL, ieee33, 12, 2",
      "LOSSES, ieee33, 8, 1",
      "LOSSES, ieee33, 8, 3",
      "HEADROOM, ieee33, 12, 1",
      "HEADROOM, light-far-end, 40, 1"})
  void bidVolumesWithHallsChainGiveThePairOptima(TradeOffReference.Goal goal, String grid,
      int size, long seed) {
    boolean light = grid.equals("light-far-end");
    RadialFeeder feeder = light ? LIGHT : IEEE33;
    RandomBookGenerator.Options options = RandomBookGenerator.Options.of(size, size);
    List<Bid> bids = new RandomBookGenerator(feeder)
        .generate(light ? options.withFarEndSellers(3) : options, FRAME, seed);
    TradeOffReference pairs = new TradeOffReference(feeder, bids, FRAME_HOURS, light,
        TradeOffReference.Formulation.PAIRS);
    TradeOffReference compact = new TradeOffReference(feeder, bids, FRAME_HOURS, light,
        TradeOffReference.Formulation.BIDS);
    assertTrue(compact.variableCount() < pairs.variableCount(),
        compact.variableCount() + " bid volumes, " + pairs.variableCount() + " pairs");

    double best = pairs.maxWelfare();
    assertEquals(best, compact.maxWelfare(), 1e-6 * Math.max(1, best), "max welfare");
    // the far end's welfare is not compared: where the front is flat at its best (light-far-end:
    // the same headroom from welfare 0.45 to 10), "most welfare at the best value" depends on
    // where the successive linearisation lands; the values along the front are what count
    double farEnd = pairs.welfareAtBest(goal);
    for (int s = 0; s <= 4; s++) {
      double w = farEnd + (best - farEnd) * s / 4;
      double expected = pairs.valueAt(goal, w);
      double actual = compact.valueAt(goal, w);
      assertEquals(expected, actual, 1e-5 * Math.max(1, Math.abs(expected)),
          goal + " at welfare " + w);
    }
  }

}
