package energy.p2p.clearing;

import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.grid.limits.FeederGrid;
import energy.p2p.model.Allocation;
import energy.p2p.model.Bid;
import energy.p2p.model.ClearingStatus;
import energy.p2p.model.FrontPoint;
import energy.p2p.model.LimitNote;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;

/**
 * Clears one (feeder, frame) window: merit-order book → grid-feasible seed → seeded NSGA-II over
 * (fill per bid, price split α) with the AC sweep as constraints → compromise point → bilateral
 * trades. Plain Java (no Flink); not thread-safe (owns a sweep): one per feeder per operator
 * instance, reusable across windows. The result depends only on the bids, the feeder and the
 * config — never on bid order, thread, time or other windows.
 */
public final class MarketClearing {
  private static final Logger LOG = LoggerFactory.getLogger(MarketClearing.class);
  private static final double CROSSOVER_PROBABILITY = 0.9;
  private static final double DISTRIBUTION_INDEX = 20.0;
  /** A limit the published flow is this close to (p.u., or fraction of a rating) is binding. */
  private static final double BINDING = 5e-4;

  private final RadialFeeder feeder;
  private final ClearingConfig config;
  private final FeederGrid grid;
  private final Consumer<MarketBook> faultHook;
  /** The last trade-off window's front as genotypes (fills, then the α its trades get). */
  private List<double[]> lastFront = List.of();

  public MarketClearing(RadialFeeder feeder, ClearingConfig config) {
    this(FeederGrid.of(feeder, config.frameHours()), config);
  }

  /** Clears on given grid helpers (their frame length must be the config's). */
  public MarketClearing(FeederGrid grid, ClearingConfig config) {
    this(grid, config, book -> { });
  }

  /** Tests only: {@code faultHook} runs before each search, so a test can make a window fail. */
  MarketClearing(RadialFeeder feeder, ClearingConfig config, Consumer<MarketBook> faultHook) {
    this(FeederGrid.of(feeder, config.frameHours()), config, faultHook);
  }

  private MarketClearing(FeederGrid grid, ClearingConfig config, Consumer<MarketBook> faultHook) {
    if (grid.frameHours() != config.frameHours()) {
      throw new IllegalArgumentException("grid helpers use " + grid.frameHours()
          + " h frames, the clearing config " + config.frameHours() + " h");
    }
    this.faultHook = faultHook;
    this.feeder = grid.feeder();
    this.config = config;
    this.grid = grid;
  }

  public RadialFeeder feeder() {
    return feeder;
  }

  /** The grid helpers this clearing uses (a feasibility check on the same thread may share them). */
  public FeederGrid grid() {
    return grid;
  }

  public ClearingConfig config() {
    return config;
  }

  /** Clears the valid bids of one window (any order). */
  public ClearingResult clear(long frameStartMs, List<Bid> bids) {
    long started = config.recordSolveMillis() ? System.nanoTime() : 0L;
    if (bids.size() > config.maxBidsPerWindow()) {
      throw new IllegalArgumentException("window " + feeder.feederId() + "@" + frameStartMs
          + " has " + bids.size() + " bids, more than maxBidsPerWindow "
          + config.maxBidsPerWindow());
    }
    // a bid that breaks the window's contract (other window, unknown bus, …) is the caller's error
    MarketBook book = MarketBook.of(feeder, frameStartMs, bids, config.gridFeePerKwhPerOhm());
    try {
      return clearBook(book, bids, started);
    } catch (RuntimeException e) {
      // A defect must not turn one window into a poison pill that restarts the job forever:
      // the window publishes nothing, its report says ENGINE_ERROR and the log has the cause.
      LOG.error("clearing failed for feeder {} frame {} ({} bids): nothing published",
          feeder.feederId(), frameStartMs, bids.size(), e);
      return new ClearingResult(List.of(),
          noTrades(frameStartMs, bids).status(ClearingStatus.ENGINE_ERROR).build());
    }
  }

  /** The report of a window that has traded nothing (yet): every bid counted, an empty front. */
  private ReportBuilder noTrades(long frameStartMs, List<Bid> bids) {
    return new ReportBuilder(feeder.feederId(), frameStartMs)
        .trades(bids, List.of())
        .compromise(config.compromiseRule().name(), List.of(), -1)
        .loosenedLimits(ReportBuilder.notes(grid.limits().loosened()))
        .rules(config.inForce());
  }

  private ClearingResult clearBook(MarketBook book, List<Bid> bids, long started) {
    faultHook.accept(book);
    long frameStartMs = book.frameStartMs;
    TreeTransport.Optimum unconstrained = TreeTransport.solve(book);
    double upperBound = unconstrained.welfare();
    ReportBuilder report = noTrades(frameStartMs, bids).upperBound(upperBound);
    if (!grid.limits().baseConverged()) {
      return new ClearingResult(List.of(), report.status(ClearingStatus.GRID_NOT_CONVERGED).build());
    }
    report.voltages(grid.limits().baseVMinPu(), grid.limits().baseVMaxPu());
    if (bids.isEmpty()) {
      return new ClearingResult(List.of(), report.status(ClearingStatus.NO_BIDS).build());
    }
    if (book.buyerCount() == 0 || book.sellerCount() == 0) {
      return new ClearingResult(List.of(), report.status(ClearingStatus.ONE_SIDED).build());
    }
    if (unconstrained.matchedKwh() <= 1e-9) { // no pair gains, fees included
      return new ClearingResult(List.of(), report.status(ClearingStatus.NO_CROSSING).build());
    }
    FillDecoder decoder = new FillDecoder(book, config);
    GridSeed seed = new GridSeed(book, decoder, grid,
        new LinearisedSeed(book, decoder, grid.solver(), grid.limits(), config));
    double[] seedFills =
        seed.fills(new double[][] {unconstrained.buyKwh(), unconstrained.sellKwh()});
    if (!seed.issues().isEmpty()) {
      LOG.warn("feeder {} frame {}: seeding the search: {}", feeder.feederId(), frameStartMs,
          String.join("; ", seed.issues()));
    }
    WindowProblem problem = new WindowProblem(book, decoder, grid.solver(), grid.limits(),
        new ObjectiveValues(config.objectives(), book, feeder));
    // with the welfare pair as objectives the front is the seed's α-spread once its welfare is
    // optimal: proven (the upper bound) or certified by the linearised seed
    boolean pair = ObjectiveSet.isWelfarePair(config.objectives());
    boolean certified = seed.certified() && pair;
    Outcome outcome = pair
        ? welfarePair(book, decoder, problem, seedFills, seed.feasible(),
            certified ? seed.welfare() : upperBound)
        : tradeOff(book, decoder, problem, seedFills);
    List<Allocation> allocations = List.of();
    List<LimitNote> binding = List.of();
    if (outcome.chosen() >= 0) {
      decoder.decode(outcome.values(), outcome.alpha(), true);
      allocations = allocations(book, decoder, outcome.alpha());
      PowerFlowResult flow = grid.solver().solve(decoder.injectionKw());
      report.voltages(flow.vMinPu(), flow.vMaxPu());
      if (seed.gridBound()) {
        binding = ReportBuilder.notes(grid.limits().near(flow, BINDING, BINDING));
      }
    }
    long millis = config.recordSolveMillis() ? (System.nanoTime() - started) / 1_000_000 : 0L;
    report.trades(bids, allocations)
        .compromise(config.compromiseRule().name(), outcome.points(), outcome.chosen())
        .search(outcome.evaluations(), millis)
        .grid(binding, issues(seed.issues(), outcome.anchorIssues()))
        .status(ClearingStatus.CLEARED);
    return new ClearingResult(allocations, report.build());
  }

  /**
   * The published front, the chosen point's index in it, its genotype (fills, α last) and the
   * price split its trades get, and the evaluations spent.
   */
  private record Outcome(List<FrontPoint> points, int chosen, double[] values, double alpha,
      long evaluations, List<String> anchorIssues) {}

  /** The welfare-pair search from the seed, stopping at {@code upperBound} (package: tests). */
  SeededNsga2 search(MarketBook book, FillDecoder decoder, double[] seedFills,
      boolean seedFeasible, double upperBound) {
    WindowProblem problem = new WindowProblem(book, decoder, grid.solver(), grid.limits(),
        new ObjectiveValues(ObjectiveSet.WELFARE_PAIR, book, feeder));
    return welfareSearch(book, problem, seedFills, seedFeasible, upperBound);
  }

  /** The seed's fills with α spread over [0, 1], searched until {@code upperBound} is reached. */
  private SeededNsga2 welfareSearch(MarketBook book, WindowProblem problem, double[] seedFills,
      boolean seedFeasible, double upperBound) {
    int population = config.populationSize();
    List<DoubleSolution> seeds = new ArrayList<>(population);
    for (int k = 0; k < population; k++) {
      double[] values = new double[problem.numberOfVariables()];
      boolean zero = !seedFeasible && k == population - 1; // "no trade" is always feasible
      if (!zero) {
        System.arraycopy(seedFills, 0, values, 0, seedFills.length);
      }
      // α spread evenly over [0, 1] including 0.5 (population is even, so P − 2 is even too)
      values[values.length - 1] = Math.min(1.0, k / (double) (population - 2));
      seeds.add(new FillSolution(values, 2, 3));
    }
    return search(book, problem, seeds, false,
        new WelfareProgress(config.convergenceTolerance(), upperBound));
  }

  /**
   * The default front of buyer against seller welfare: the seed's fills with α spread over
   * [0, 1]; the rule's point, its α polished to the rule's optimum on its segment.
   */
  private Outcome welfarePair(MarketBook book, FillDecoder decoder, WindowProblem problem,
      double[] seedFills, boolean seedFeasible, double upperBound) {
    SeededNsga2 search = welfareSearch(book, problem, seedFills, seedFeasible, upperBound);
    search.run();
    FrontExtractor front = FrontExtractor.of(search.getPopulation());
    List<FrontPoint> points = front.points();
    int chosen = config.compromiseRule().choose(config, points);
    if (chosen < 0) {
      return new Outcome(points, -1, null, Double.NaN, search.evaluations(), List.of());
    }
    double[] values = ((FillSolution) front.solutions().get(chosen)).values();
    double alpha = config.compromiseRule().polishAlpha(points, values[values.length - 1]);
    decoder.decode(values, alpha, false);
    // the polished point replaces the picked one; re-filter so the front stays non-dominated
    FrontPoint published = new FrontPoint(decoder.buyerWelfare(), decoder.sellerWelfare());
    List<FrontPoint> withPolished = new ArrayList<>(points);
    withPolished.set(chosen, published);
    points = FrontExtractor.nondominated(withPolished);
    chosen = nearest(points, published); // itself, or a duplicate within 1e-9 kept instead
    return new Outcome(points, chosen, values, alpha, search.evaluations(), List.of());
  }

  /**
   * A front of welfare against household fill, losses or voltage headroom (two or three
   * objectives): anchors and interpolations ({@link FrontSeeds}), NSGA-II, every feasible
   * non-dominated point evaluated ({@link FrontArchive}); the rule's point published exactly.
   */
  private Outcome tradeOff(MarketBook book, FillDecoder decoder, WindowProblem problem,
      double[] seedFills) {
    int population = config.populationSize();
    int budget = Math.min(2 * population, config.maxEvaluations());
    long t0 = System.nanoTime();
    FrontSeeds fs = new FrontSeeds(book, config, grid, decoder, problem, budget);
    List<DoubleSolution> seeds = fs.build(seedFills);
    long t1 = System.nanoTime();
    FrontArchive archive = new FrontArchive(config.convergenceTolerance(), 2 * population);
    SeededNsga2 search = search(book, problem, seeds, true, archive);
    search.run();
    long t2 = System.nanoTime();
    LOG.debug("feeder {} frame {}: seeds {} ms ({} anchor solves, {} seeds), search {} ms ({}"
        + " evaluations)", feeder.feederId(), book.frameStartMs, (t1 - t0) / 1_000_000,
        fs.anchorSolves(), seeds.size(), (t2 - t1) / 1_000_000, search.evaluations());
    if (!fs.issues().isEmpty()) {
      LOG.warn("feeder {} frame {}: front anchors: {}", feeder.feederId(), book.frameStartMs,
          String.join("; ", fs.issues()));
    }
    ObjectiveValues values = new ObjectiveValues(config.objectives(), book, feeder);
    List<DoubleSolution> front = archive.front(values);
    List<FrontPoint> points = new ArrayList<>(front.size());
    List<String> names = config.objectives().stream().map(Objective::jsonName).toList();
    for (DoubleSolution s : front) {
      List<Double> natural = new ArrayList<>(names.size());
      for (int k = 0; k < names.size(); k++) {
        natural.add(values.natural(k, s.objectives()[k]));
      }
      points.add(new FrontPoint(names, natural));
    }
    lastFront = new ArrayList<>();
    for (DoubleSolution s : front) {
      double[] genotype = ((FillSolution) s).values();
      genotype[genotype.length - 1] = problem.alpha(genotype[genotype.length - 1]);
      lastFront.add(genotype);
    }
    int chosen = config.compromiseRule().choose(config, points);
    if (chosen < 0) {
      return new Outcome(points, -1, null, Double.NaN, search.evaluations(), fs.issues());
    }
    double[] genotype = ((FillSolution) front.get(chosen)).values();
    return new Outcome(points, chosen, genotype, problem.alpha(genotype[genotype.length - 1]),
        search.evaluations(), fs.issues());
  }

  /**
   * Tests only: the genotypes (fills in merit order, then the α its trades get) of the last
   * trade-off window's published front, in the front's order.
   */
  List<double[]> lastFront() {
    return lastFront;
  }

  private SeededNsga2 search(MarketBook book, WindowProblem problem, List<DoubleSolution> seeds,
      boolean seedsEvaluated, SearchProgress progress) {
    SplittableRandom random = new SplittableRandom(
        WindowSeed.of(feeder.feederId(), book.frameStartMs, config.seed()));
    int variables = problem.numberOfVariables();
    Comparator<DoubleSolution> dominance = new ConstrainedDominance();
    return new SeededNsga2(problem, config.maxEvaluations(), config.populationSize(),
        new FillCrossover(CROSSOVER_PROBABILITY, DISTRIBUTION_INDEX, random),
        new FillMutation(1.0 / variables, DISTRIBUTION_INDEX, random),
        new SeededTournament(random, dominance), dominance, seeds, seedsEvaluated,
        config.convergenceGenerations(), progress);
  }

  /** The seed's issues, then the trade-off anchors' (none on the default front). */
  private static List<String> issues(List<String> seed, List<String> anchors) {
    if (anchors.isEmpty()) {
      return seed;
    }
    List<String> all = new ArrayList<>(seed);
    all.addAll(anchors);
    return all;
  }

  private static int nearest(List<FrontPoint> points, FrontPoint p) {
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int k = 0; k < points.size(); k++) {
      double d = Math.abs(points.get(k).buyerWelfare() - p.buyerWelfare())
          + Math.abs(points.get(k).sellerWelfare() - p.sellerWelfare());
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best;
  }

  private static List<Allocation> allocations(MarketBook book, FillDecoder decoder,
      double alpha) {
    List<Allocation> out = new ArrayList<>(decoder.tradeCount());
    for (int t = 0; t < decoder.tradeCount(); t++) {
      double kwh = Rounding.kwh(decoder.tradeKwh(t));
      if (kwh <= 0) {
        continue;
      }
      int i = decoder.tradeBuyer(t);
      int j = decoder.tradeSeller(t);
      Bid buyer = book.buyer(i);
      Bid seller = book.seller(j);
      double fee = book.feePerKwh(i, j);
      double price = Rounding.price(decoder.price(i, j, alpha), seller.limitPrice() + fee / 2,
          buyer.limitPrice() - fee / 2);
      out.add(new Allocation(book.feederId, book.frameStartMs, buyer.bidId(), seller.bidId(),
          buyer.participantId(), seller.participantId(), kwh, price, fee));
    }
    out.sort(Comparator.comparing(Allocation::buyerBidId).thenComparing(Allocation::sellerBidId));
    return out;
  }
}
