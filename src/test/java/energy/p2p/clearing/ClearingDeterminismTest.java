package energy.p2p.clearing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import energy.p2p.grid.RadialFeeder;
import energy.p2p.io.BidCodec;
import energy.p2p.model.Allocation;
import energy.p2p.model.Bid;
import energy.p2p.synth.FeederVariants;
import energy.p2p.synth.RandomBookGenerator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.uma.jmetal.util.pseudorandom.JMetalRandom;

/** Same book → same bytes: on any thread, in any bid order, next to other windows. */
class ClearingDeterminismTest {
  private static final RadialFeeder FEEDER = Books.ieee33();
  /** Sellers crowded at the far end of a lightly loaded feeder: the grid binds, curtailment runs. */
  private static final RadialFeeder LIGHT =
      FeederVariants.scaled(FEEDER, 0.3, 0.95, 1.02, Double.POSITIVE_INFINITY);

  private static List<List<Bid>> books() {
    List<List<Bid>> books = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      books.add(new RandomBookGenerator(FEEDER)
          .generate(RandomBookGenerator.Options.of(30 + 20 * k, 40), Books.FRAME + k * 900_000L, k));
    }
    return books;
  }

  private static String bytes(RadialFeeder feeder, ClearingConfig config, List<Bid> book) {
    ClearingResult r = new MarketClearing(feeder, config).clear(book.get(0).frameStartMs(), book);
    StringBuilder out = new StringBuilder();
    for (Allocation a : r.allocations()) {
      out.append(BidCodec.toJson(a)).append('\n');
    }
    return out.append(r.report()).toString();
  }

  @Test
  void concurrentWindowsGiveTheSameBytesAsSequentialOnes() throws Exception {
    List<List<Bid>> books = books();
    ClearingConfig config = ClearingConfig.defaults().withSeed(42);
    List<String> sequential = new ArrayList<>();
    for (List<Bid> book : books) {
      sequential.add(bytes(FEEDER, config, book));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> futures = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (List<Bid> book : books) {
          futures.add(pool.submit(() -> bytes(FEEDER, config, book)));
        }
        // meanwhile somebody else uses jMetal's JVM-wide generator
        futures.add(pool.submit(noise()));
      }
      int k = 0;
      for (Future<String> f : futures) {
        String got = f.get();
        if (got != null) {
          assertEquals(sequential.get(k % books.size()), got);
          k++;
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void bidArrivalOrderDoesNotMatter() {
    List<Bid> book = new ArrayList<>(books().get(2));
    String expected = bytes(FEEDER, ClearingConfig.defaults(), book);
    Collections.shuffle(book, new Random(9));
    assertEquals(expected, bytes(FEEDER, ClearingConfig.defaults(), book));
    Collections.reverse(book);
    assertEquals(expected, bytes(FEEDER, ClearingConfig.defaults(), book));
  }

  @Test
  void gridBoundWindowIsReproducibleToo() {
    List<Bid> book = new RandomBookGenerator(LIGHT).generate(
        RandomBookGenerator.Options.of(150, 60).withFarEndSellers(4), Books.FRAME, 17);
    String first = bytes(LIGHT, ClearingConfig.defaults(), book);
    List<Bid> shuffled = new ArrayList<>(book);
    Collections.shuffle(shuffled, new Random(3));
    assertEquals(first, bytes(LIGHT, ClearingConfig.defaults(), shuffled));
  }

  @Test
  void neverDrawsFromJMetalsSingleton() {
    JMetalRandom.getInstance().setSeed(123);
    double expected = JMetalRandom.getInstance().nextDouble();
    JMetalRandom.getInstance().setSeed(123);
    bytes(FEEDER, ClearingConfig.defaults(), books().get(1));
    assertEquals(expected, JMetalRandom.getInstance().nextDouble());
  }

  @Test
  void configuredSeedIsPartOfTheWindowSeed() {
    assertNotEquals(WindowSeed.of("ieee33", Books.FRAME, 1), WindowSeed.of("ieee33", Books.FRAME, 2));
    assertNotEquals(WindowSeed.of("ieee33", Books.FRAME, 1),
        WindowSeed.of("ieee33", Books.FRAME + 900_000, 1));
    assertNotEquals(WindowSeed.of("a", Books.FRAME, 1), WindowSeed.of("b", Books.FRAME, 1));
    assertEquals(WindowSeed.of("ieee33", Books.FRAME, 1), WindowSeed.of("ieee33", Books.FRAME, 1));
  }

  private static Callable<String> noise() {
    return () -> {
      for (int k = 0; k < 10_000; k++) {
        JMetalRandom.getInstance().nextDouble();
      }
      return null;
    };
  }
}
