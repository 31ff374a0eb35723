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
    // with the welfare pair as objectives the front is the seed's α-spread once its welfare is
    // optimal: proven (the upper bound) or certified by the linearised seed
    boolean certified = seed.certified() && config.objectives().equals(ClearingConfig.WELFARE_PAIR);
    SeededNsga2 search = search(book, decoder, seedFills, seed.feasible(),
        certified ? seed.welfare() : upperBound);
    search.run();
    FrontExtractor front = FrontExtractor.of(search.getPopulation());
    List<FrontPoint> points = front.points();
    int chosen = config.compromiseRule().choose(points);
    List<Allocation> allocations = List.of();
    List<LimitNote> binding = List.of();
    if (chosen >= 0) {
      double[] values = ((FillSolution) front.solutions().get(chosen)).values();
      double alpha = config.compromiseRule().polishAlpha(points, values[values.length - 1]);
      decoder.decode(values, alpha, true);
      allocations = allocations(book, decoder, alpha);
      PowerFlowResult flow = grid.solver().solve(decoder.injectionKw());
      report.voltages(flow.vMinPu(), flow.vMaxPu());
      if (seed.gridBound()) {
        binding = ReportBuilder.notes(grid.limits().near(flow, BINDING, BINDING));
      }
      // the polished point replaces the picked one; re-filter so the front stays non-dominated
      FrontPoint published = new FrontPoint(decoder.buyerWelfare(), decoder.sellerWelfare());
      List<FrontPoint> withPolished = new ArrayList<>(points);
      withPolished.set(chosen, published);
      points = FrontExtractor.nondominated(withPolished);
      chosen = nearest(points, published); // itself, or a duplicate within 1e-9 kept instead
    }
    long millis = config.recordSolveMillis() ? (System.nanoTime() - started) / 1_000_000 : 0L;
    report.trades(bids, allocations)
        .compromise(config.compromiseRule().name(), points, chosen)
        .search(search.evaluations(), millis)
        .grid(binding, seed.issues())
        .status(ClearingStatus.CLEARED);
    return new ClearingResult(allocations, report.build());
  }

  /** The window's search from the seed, stopping at {@code upperBound} (package: for tests). */
  SeededNsga2 search(MarketBook book, FillDecoder decoder, double[] seedFills,
      boolean seedFeasible, double upperBound) {
    SplittableRandom random = new SplittableRandom(
        WindowSeed.of(feeder.feederId(), book.frameStartMs, config.seed()));
    WindowProblem problem = new WindowProblem(book, decoder, grid.solver(), grid.limits());
    int variables = problem.numberOfVariables();
    Comparator<DoubleSolution> dominance = new ConstrainedDominance();
    int population = config.populationSize();
    List<DoubleSolution> seeds = new ArrayList<>(population);
    for (int k = 0; k < population; k++) {
      double[] values = new double[variables];
      boolean zero = !seedFeasible && k == population - 1; // "no trade" is always feasible
      if (!zero) {
        System.arraycopy(seedFills, 0, values, 0, seedFills.length);
      }
      // α spread evenly over [0, 1] including 0.5 (population is even, so P − 2 is even too)
      values[variables - 1] = Math.min(1.0, k / (double) (population - 2));
      seeds.add(new FillSolution(values, 2, 3));
    }
    return new SeededNsga2(problem, config.maxEvaluations(), population,
        new FillCrossover(CROSSOVER_PROBABILITY, DISTRIBUTION_INDEX, random),
        new FillMutation(1.0 / variables, DISTRIBUTION_INDEX, random),
        new SeededTournament(random, dominance), dominance, seeds,
        config.convergenceGenerations(), config.convergenceTolerance(), upperBound);
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
