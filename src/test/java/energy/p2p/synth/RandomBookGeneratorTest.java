package energy.p2p.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.grid.RadialFeeder;
import energy.p2p.ingest.BidValidator;
import energy.p2p.ingest.ValidationConfig;
import energy.p2p.io.FeederReader;
import energy.p2p.model.Bid;
import energy.p2p.model.Side;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RandomBookGeneratorTest {
  private static final long FRAME = 1_795_514_400_000L;
  private static final RadialFeeder IEEE33 =
      FeederReader.read(Path.of("sample-data", "feeders"), "ieee33");

  @Test
  void sameSeedSameBooksAndAnotherSeedAnotherBook() {
    RandomBookGenerator g = new RandomBookGenerator(IEEE33);
    RandomBookGenerator.Options o = RandomBookGenerator.Options.of(30, 20);
    assertEquals(g.generate(o, FRAME, 4), g.generate(o, FRAME, 4));
    assertNotEquals(g.generate(o, FRAME, 4), g.generate(o, FRAME, 5));
  }

  @Test
  void everyBidPassesTheValidatorTheJobUses() {
    List<Bid> bids = new RandomBookGenerator(IEEE33)
        .generate(RandomBookGenerator.Options.of(60, 40).withClassShares(0.3, 0.2), FRAME, 9);
    assertEquals(60, bids.stream().filter(Bid::isBuy).count());
    assertEquals(40, bids.stream().filter(b -> b.side() == Side.SELL).count());
    assertEquals(100, bids.stream().map(Bid::bidId).distinct().count());
    BidValidator validator = new BidValidator(Map.of("ieee33", IEEE33), ValidationConfig.defaults());
    for (Bid b : bids) {
      assertTrue(validator.validate(b, "").isEmpty(), () -> b + ": " + validator.validate(b, ""));
    }
  }

  @Test
  void farEndSellersSitOnTheThreeElectricallyFarthestBuses() {
    List<Bid> bids = new RandomBookGenerator(IEEE33)
        .generate(RandomBookGenerator.Options.of(10, 50).withFarEndSellers(2), FRAME, 1);
    Set<Integer> buses = bids.stream().filter(b -> !b.isBuy()).map(Bid::bus)
        .collect(Collectors.toSet());
    // IEEE 33: the end of the main feeder (16, 17, 18) is farthest from the substation in ohms
    assertEquals(Set.of(16, 17, 18), buses);
    assertTrue(bids.stream().filter(b -> !b.isBuy()).allMatch(b -> b.quantityKwh() <= 12.0));
  }
}
