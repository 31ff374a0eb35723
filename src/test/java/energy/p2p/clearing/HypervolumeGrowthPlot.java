package energy.p2p.clearing;

import energy.p2p.grid.RadialFeeder;
import energy.p2p.model.Bid;
import energy.p2p.model.FrontPoint;
import energy.p2p.synth.RandomBookGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Draws docs/img/hypervolume-vs-evaluations.svg: how the engine's front grows with its evaluation
 * budget, measured on the books of {@code ParetoFrontQualityTest.hypervolumeGrowsWithEvaluations}
 * (the same book cleared with budgets from the seeds alone to 2,000, patience out of the way),
 * each time as hypervolume ÷ the exact front's ({@link TradeOffReference}: ε-constraint sweep,
 * 13 welfare samples, the polyline through them), both from the exact front's nadir. Prints the
 * numbers too. Run (docs/clearing.md):
 *
 * <pre>
 * mvn -q -B -ntp test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=energy.p2p.clearing.HypervolumeGrowthPlot -Dexec.args=docs/img/hypervolume-vs-evaluations.svg
 * </pre>
 */
public final class HypervolumeGrowthPlot {

  private static final double FRAME_HOURS = 0.25;
  private static final int SAMPLES = 12;
  private static final double[] BUDGETS = {40, 80, 120, 160, 240, 320, 480, 640, 1000, 1400, 2000};
  private static final double[] TICKS = {40, 80, 160, 320, 640, 2000};

  private record Book(Objective tradeOff, TradeOffReference.Goal goal, int size, long seed,
      String name) {}

  private static final List<Book> BOOKS = List.of(
      new Book(Objective.STANDARD_FILL_RATE, TradeOffReference.Goal.FILL, 40, 1,
          "welfare vs household fill, ieee33 40×40 book 1"),
      new Book(Objective.VOLTAGE_HEADROOM_PU, TradeOffReference.Goal.HEADROOM, 30, 2,
          "welfare vs voltage headroom, ieee33 30×30 book 2"));

  private HypervolumeGrowthPlot() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: HypervolumeGrowthPlot OUT.svg");
    }
    RadialFeeder feeder = Books.ieee33();
    SvgLineChart chart = new SvgLineChart("Front hypervolume ÷ the exact front's, by evaluations",
        "evaluation budget (log scale; 40 = the seeds alone)", "hypervolume ratio");
    double lowest = 1;
    for (Book b : BOOKS) {
      double[] ratios = growth(feeder, b);
      StringBuilder line = new StringBuilder(b.name() + ":");
      for (int k = 0; k < BUDGETS.length; k++) {
        line.append(String.format(Locale.ROOT, " %d: %.4f", (int) BUDGETS[k], ratios[k]));
        lowest = Math.min(lowest, ratios[k]);
      }
      System.out.println(line);
      chart.add(b.name(), BUDGETS, ratios);
    }
    double yMin = Math.floor(lowest * 200) / 200; // a 0.005 grid below the lowest point
    Path out = Path.of(args[0]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, chart.svg(TICKS, yMin, 1.0, 0.005));
    System.out.println("wrote " + out);
  }

  /** Hypervolume ratio of the engine's front at each budget. */
  static double[] growth(RadialFeeder feeder, Book b) {
    List<Bid> bids = new RandomBookGenerator(feeder)
        .generate(RandomBookGenerator.Options.of(b.size(), b.size()), Books.FRAME, b.seed());
    TradeOffReference exact = new TradeOffReference(feeder, bids, FRAME_HOURS, false);
    double best = exact.maxWelfare();
    double farEnd = exact.welfareAtBest(b.goal());
    List<double[]> exactFront = new ArrayList<>(); // {welfare, trade-off, more is better}
    for (int s = 0; s <= SAMPLES; s++) {
      double w = farEnd + (best - farEnd) * s / SAMPLES;
      exactFront.add(new double[] {w, oriented(b.tradeOff(), exact.valueAt(b.goal(), w))});
    }
    double[] nadir = {farEnd, exactFront.get(SAMPLES)[1]};
    double exactArea = trapezoids(exactFront, nadir);
    double[] ratios = new double[BUDGETS.length];
    for (int k = 0; k < BUDGETS.length; k++) {
      ClearingConfig config = ClearingConfig.defaults().withMinShares(0, 0, 0).withSeed(b.seed())
          .withObjectives(List.of(Objective.SOCIAL_WELFARE, b.tradeOff()))
          .withSearch(20, (int) BUDGETS[k], 1000);
      List<FrontPoint> front = new MarketClearing(feeder, config).clear(Books.FRAME, bids)
          .report().front();
      List<double[]> minimised = new ArrayList<>();
      front.forEach(p -> minimised.add(new double[] {-p.value(0),
          -oriented(b.tradeOff(), p.value(1))}));
      ratios[k] = Hypervolume.of(minimised, new double[] {-nadir[0], -nadir[1]}) / exactArea;
    }
    return ratios;
  }

  /** Area between the exact front's polyline and the nadir (both objectives maximised). */
  private static double trapezoids(List<double[]> front, double[] nadir) {
    List<double[]> byTradeOff = new ArrayList<>(front);
    byTradeOff.sort(Comparator.comparingDouble(p -> p[1]));
    double area = 0;
    for (int k = 1; k < byTradeOff.size(); k++) {
      double[] lo = byTradeOff.get(k - 1);
      double[] hi = byTradeOff.get(k);
      area += (hi[1] - lo[1]) * ((lo[0] + hi[0]) / 2 - nadir[0]);
    }
    return area;
  }

  private static double oriented(Objective o, double v) {
    return o.maximised() ? v : -v;
  }
}
