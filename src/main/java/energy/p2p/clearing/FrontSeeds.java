package energy.p2p.clearing;

import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.limits.FeederGrid;
import energy.p2p.grid.limits.GridLimits;
import energy.p2p.model.Bid;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;

/**
 * The initial population of a search over a trade-off front — social welfare against household
 * fill, feeder losses or voltage headroom — built from anchors solved by the welfare seed's own
 * machinery ({@link GridSeed}: the exact unconstrained optimum, the successive LP when the grid
 * binds, curtailment), every one evaluated with the AC sweep:
 *
 * <ul>
 *   <li>the welfare optimum (given) and "no trade";
 *   <li>{@code STANDARD_FILL_RATE}: weighted sums welfare + λ·fill, i.e. the book with every
 *       STANDARD buyer's limit raised by λ ÷ STANDARD demand, λ found by dichotomy between two
 *       neighbouring points (Aneja–Nair: each λ is the slope between them, so every supported
 *       point of the front is found), from the welfare optimum to the fill-first extreme;
 *   <li>{@code LOSSES_KW}: weighted sums welfare − λ·losses by the same dichotomy, each solved by
 *       Frank-Wolfe steps on the AC losses ({@link LossDescent}: the book with both sides at bus
 *       k shifted by λ × the marginal loss factor of bus k ÷ frame hours gives the direction, the
 *       AC sweep the step); with a fee, that shifted book's welfare seed at the welfare
 *       optimum's loss factors (finite differences of the sweep);
 *   <li>{@code VOLTAGE_HEADROOM_PU}: the far end from an LP that maximises headroom, then welfare
 *       at it ({@link HeadroomLp}); ε-constraints: the welfare optimum under limits tightened to
 *       headroom ≥ h ({@code GridLimits.withHeadroom}), h on a ladder from the welfare optimum's
 *       headroom to the no-trade headroom and beyond while it is reached; and weighted sums
 *       welfare + λ·headroom (the same LP) by the same dichotomy, welfare optimum to far end;
 *   <li>then points between neighbouring anchors (their fills interpolated: on the linear parts of
 *       a front, exactly its segment), and, when buyer and seller welfare are both objectives,
 *       the anchors at price splits 0 and 1.
 * </ul>
 *
 * <p>Modified books clear on real bids' terms: their volumes are decoded with the real book, so a
 * pairing the real limits do not allow is dropped, never published.
 */
final class FrontSeeds {
  /** Rungs of the headroom ladder between the welfare optimum and no trade. */
  private static final int LADDER = 4;
  /** ε-constraint probes, and weighted headroom LPs, once the far end is known. */
  private static final int HEADROOM_RUNGS = 6;
  private static final int HEADROOM_WEIGHTS = 6;
  /** Headroom step (p.u.) when no trade has no more headroom than the welfare optimum. */
  private static final double HEADROOM_STEP_PU = 0.002;
  /** Bisections towards the most headroom trades can give, once a rung is out of reach. */
  private static final int BISECTIONS = 5;
  /** Finite-difference step of the marginal loss factors, kW. */
  private static final double LOSS_STEP_KW = 1.0;
  /** Frank-Wolfe steps towards the losses-first extreme, and towards each weighted optimum. */
  private static final int EXTREME_STEPS = 8;
  private static final int STEPS = 3;
  /**
   * Weighted optima on a losses trace at most: each costs a few Frank-Wolfe steps, and on a
   * curved front the dichotomy would split to the end of any budget; the interpolations between
   * them are nearly as good (the front is smooth) at one evaluation each.
   */
  private static final int LOSS_WEIGHTS = 8;

  private final MarketBook book;
  private final ClearingConfig config;
  private final FeederGrid grid;
  private final FillDecoder decoder;
  private final WindowProblem problem;
  private final List<Objective> objectives;
  private final int budget;
  private final List<DoubleSolution> seeds = new ArrayList<>();
  private final double defaultAlpha;
  private final List<String> issues = new ArrayList<>();
  private int anchorSolves;

  /**
   * @param budget the most seeds (each is one evaluation)
   */
  FrontSeeds(MarketBook book, ClearingConfig config, FeederGrid grid, FillDecoder decoder,
      WindowProblem problem, int budget) {
    this.book = book;
    this.config = config;
    this.grid = grid;
    this.decoder = decoder;
    this.problem = problem;
    this.objectives = config.objectives();
    this.budget = budget;
    double fixed = ObjectiveSet.fixedAlpha(objectives);
    this.defaultAlpha = Double.isNaN(fixed) ? 0.5 : fixed;
  }

  /** The evaluated seeds, from the welfare optimum's fills. */
  List<DoubleSolution> build(double[] welfareFills) {
    DoubleSolution welfare = probe(welfareFills, defaultAlpha);
    DoubleSolution noTrade = probe(new double[welfareFills.length], defaultAlpha);
    List<Objective> tradeOffs = ObjectiveSet.tradeOffs(objectives);
    boolean split = ObjectiveSet.splitsPrice(objectives);
    int reserve = split ? 4 * tradeOffs.size() : 0;
    int perTrace = Math.max(2, (budget - seeds.size() - reserve) * 2 / 3 / tradeOffs.size());
    List<List<DoubleSolution>> traces = new ArrayList<>();
    for (Objective t : tradeOffs) {
      int before = seeds.size();
      switch (t) {
        case STANDARD_FILL_RATE -> traceFill(welfare, perTrace);
        case LOSSES_KW -> traceLosses(welfare, perTrace);
        case VOLTAGE_HEADROOM_PU -> traceHeadroom(welfare, noTrade, perTrace);
        default -> throw new IllegalStateException("not a trade-off: " + t);
      }
      List<DoubleSolution> trace = new ArrayList<>(List.of(welfare, noTrade));
      trace.addAll(seeds.subList(before, seeds.size()));
      traces.add(trace);
    }
    for (int t = 0; t < tradeOffs.size(); t++) {
      int share = (budget - reserve - seeds.size()) / (tradeOffs.size() - t);
      interpolate(traces.get(t), index(tradeOffs.get(t)), share);
    }
    for (int t = 0; split && t < tradeOffs.size(); t++) {
      splitExtremes(welfare);
      splitExtremes(best(traces.get(t), index(tradeOffs.get(t))));
    }
    return seeds;
  }

  /** What failed while solving anchors (LPs, load flows); empty if nothing. */
  List<String> issues() {
    return issues;
  }

  /** Heavy solves spent on anchors (GridSeed runs), for tests and logs. */
  int anchorSolves() {
    return anchorSolves;
  }

  // ---- traces: one per trade-off objective ----

  private void traceFill(DoubleSolution welfare, int probes) {
    double demand = book.standardDemandKwh();
    if (demand <= 0) {
      return; // no STANDARD buyer: the fill rate is 0 whatever is traded
    }
    int k = index(Objective.STANDARD_FILL_RATE);
    double first = 2 * (maxPrice() + maxFee()) + 1; // every STANDARD kWh before any other
    DoubleSolution extreme = probe(fillWeighted(first), defaultAlpha);
    dichotomy(welfare, extreme, k, probes - 1,
        (lambda, a, b) -> fillWeighted(lambda / demand));
  }

  /** Fills of the book with every STANDARD buyer's limit raised by {@code bonusPerKwh}. */
  private double[] fillWeighted(double bonusPerKwh) {
    double[] buyShift = new double[book.buyerCount()];
    for (int i = 0; i < buyShift.length; i++) {
      buyShift[i] = book.buyClass[i] == energy.p2p.model.BuyerClass.STANDARD.ordinal()
          ? bonusPerKwh : 0;
    }
    return shifted(buyShift, new double[book.sellerCount()]);
  }

  private void traceLosses(DoubleSolution welfare, int probes) {
    if (!book.hasFee()) {
      traceLossesByDescent(welfare, probes);
      return;
    }
    int k = index(Objective.LOSSES_KW);
    double[] mlf = marginalLosses(welfare);
    double spread = maxFactorSpread(mlf);
    if (spread <= 1e-12) {
      return; // trades anywhere change losses alike: nothing to trade off
    }
    // λ so large that losses outweigh any price difference: the losses-first extreme
    double first = 1e3 * (maxPrice() + maxFee() + 0.01) * config.frameHours() / spread;
    DoubleSolution extreme = probe(lossWeighted(first, mlf), defaultAlpha);
    if (extreme == null) {
      return;
    }
    // the loss factors change with the trades: once more around that extreme's operating point
    DoubleSolution again = probe(lossWeighted(first, marginalLosses(extreme)), defaultAlpha);
    if (again != null && natural(again, k) < natural(extreme, k)) {
      extreme = again;
    }
    dichotomy(welfare, extreme, k, probes - 2, (lambda, a, b) -> lossWeighted(lambda, mlf));
  }

  /**
   * Without a fee: the weighted optima welfare − λ·losses by Frank-Wolfe steps on the AC losses
   * ({@link LossDescent}) — the losses-first extreme from the welfare optimum, then the
   * dichotomy, each weight from the better end of its segment.
   */
  private void traceLossesByDescent(DoubleSolution welfare, int probes) {
    int k = index(Objective.LOSSES_KW);
    LossDescent descent = new LossDescent(book, decoder, grid, config);
    double[][] start = volumesOf(welfare);
    double[] mlf = descent.marginalLosses(start);
    double spread = mlf == null ? 0 : maxFactorSpread(mlf);
    if (spread <= 1e-12) {
      return; // trades anywhere change losses alike: nothing to trade off
    }
    double first = 1e3 * (maxPrice() + 0.01) * config.frameHours() / spread;
    anchorSolves++;
    DoubleSolution extreme = probe(fillsOf(descent.maximise(start, first, EXTREME_STEPS)),
        defaultAlpha);
    dichotomy(welfare, extreme, k, Math.min(probes - 1, LOSS_WEIGHTS), (lambda, a, b) -> {
      anchorSolves++;
      DoubleSolution from = socialWelfare(a) + lambda * oriented(a, k)
          >= socialWelfare(b) + lambda * oriented(b, k) ? a : b;
      return fillsOf(descent.maximise(volumesOf(from), lambda, STEPS));
    });
  }

  /** Fills of the book with both sides at bus b shifted by λ · mlf_b / frame hours. */
  private double[] lossWeighted(double lambda, double[] mlf) {
    double[] buyShift = new double[book.buyerCount()];
    double[] sellShift = new double[book.sellerCount()];
    for (int i = 0; i < buyShift.length; i++) {
      buyShift[i] = lambda * mlf[book.buyBus[i]] / config.frameHours();
    }
    for (int j = 0; j < sellShift.length; j++) {
      sellShift[j] = lambda * mlf[book.sellBus[j]] / config.frameHours();
    }
    return shifted(buyShift, sellShift);
  }

  private void traceHeadroom(DoubleSolution welfare, DoubleSolution noTrade, int probes) {
    int k = index(Objective.VOLTAGE_HEADROOM_PU);
    // the far end from the LP that maximises headroom itself: the ε-constraint ladder below
    // gives out near it (tightened limits leave its successive LP no room)
    DoubleSolution start = natural(noTrade, k) >= natural(welfare, k) ? noTrade : welfare;
    HeadroomLp lp = new HeadroomLp(book, decoder, grid.solver(), grid.limits(), config);
    DoubleSolution far = natural(start, k) >= 0 ? headroomLp(lp, start, Double.POSITIVE_INFINITY)
        : null;
    // each probe is a successive LP on the whole book: a few of each, then the interpolations
    int ladderProbes = far == null ? probes : Math.min(HEADROOM_RUNGS, probes - 1);
    int weighted = far == null ? 0 : Math.min(HEADROOM_WEIGHTS, probes - 1 - ladderProbes);
    ladder(welfare, noTrade, k, ladderProbes);
    if (far != null) {
      // supported points between the welfare optimum and the far end: welfare + λ·headroom
      dichotomy(welfare, far, k, weighted, (lambda, a, b) -> fillsOrNull(lp, start, lambda));
    }
  }

  /** The headroom LP's point (evaluated), or null when it found none. */
  private DoubleSolution headroomLp(HeadroomLp lp, DoubleSolution start, double lambda) {
    double[] fills = fillsOrNull(lp, start, lambda);
    return fills == null ? null : probe(fills, defaultAlpha);
  }

  private double[] fillsOrNull(HeadroomLp lp, DoubleSolution start, double lambda) {
    anchorSolves++;
    double[][] volumes = lp.weighted(volumesOf(start), lambda);
    issues.addAll(lp.issues());
    return volumes == null ? null : fillsOf(volumes);
  }

  /** The ε-constraint ladder: welfare optima at headroom ≥ h for rising h. */
  private void ladder(DoubleSolution welfare, DoubleSolution noTrade, int k, int probes) {
    double atWelfare = natural(welfare, k);
    double atNoTrade = natural(noTrade, k);
    double step = atNoTrade > atWelfare + 1e-6 ? (atNoTrade - atWelfare) / LADDER
        : HEADROOM_STEP_PU;
    int rungs = atNoTrade > atWelfare + 1e-6 ? LADDER : 0;
    double target = atWelfare;
    double reachedPu = atWelfare;
    for (int r = 0; r < probes; r++) {
      target += step;
      if (reaches(target, k)) {
        reachedPu = Math.max(reachedPu, target);
      } else if (r >= rungs) {
        // beyond what trades can reach: bisect towards the most headroom any trades give (the
        // front's far end, which the ladder's steps would miss by up to a step)
        bisect(reachedPu, target, k, Math.min(BISECTIONS, probes - r - 1));
        return;
      }
    }
  }

  /** Bisections of [reached, missed] headroom targets, each one ε-constraint probe. */
  private void bisect(double reachedPu, double missedPu, int k, int steps) {
    double lo = reachedPu;
    double hi = missedPu;
    for (int b = 0; b < steps; b++) {
      double mid = (lo + hi) / 2;
      if (reaches(mid, k)) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
  }

  /** Probes the welfare optimum at headroom ≥ target; whether a feasible point reached it. */
  private boolean reaches(double targetPu, int k) {
    if (seeds.size() >= budget) {
      return false;
    }
    DoubleSolution s = probe(headroomConstrained(targetPu), defaultAlpha);
    return s != null && ConstrainedDominance.violation(s) == 0
        && natural(s, k) >= targetPu - 1e-6;
  }

  /**
   * Fills of the welfare optimum under limits with at least {@code h} p.u. of headroom: the
   * unconstrained optimum when it has that headroom, else the successive LP's quantities under
   * the tightened limits (not curtailed: beyond the no-trade headroom only more trades help).
   */
  private double[] headroomConstrained(double headroomPu) {
    anchorSolves++;
    GridLimits tight = grid.limits().withHeadroom(headroomPu);
    TreeTransport.Optimum start = TreeTransport.solve(book);
    double[][] volumes = {start.buyKwh().clone(), start.sellKwh().clone()};
    decoder.decodeVolumes(volumes[0], volumes[1], 0.5);
    if (tight.violations(grid.solver().solve(decoder.injectionKw()), new double[3]) > 0) {
      volumes = new LinearisedSeed(book, decoder, grid.solver(), tight, config).solve(volumes);
    }
    return fillsOf(volumes);
  }

  private double[] fillsOf(double[][] volumes) {
    return book.fills(volumes[0], volumes[1]);
  }

  /** Volumes {buyers, sellers} of an evaluated seed's fills. */
  private double[][] volumesOf(DoubleSolution s) {
    return book.volumes(((FillSolution) s).values());
  }

  // ---- the weighted-sum dichotomy ----

  /** Fills solving a weighted problem: welfare + λ · (trade-off objective, oriented); or null. */
  private interface Weighted {
    /** Between the segment's ends a (welfare end) and b, where a solver may start from. */
    double[] fills(double lambda, DoubleSolution a, DoubleSolution b);
  }

  /**
   * Aneja–Nair dichotomy between the welfare optimum and the trade-off's extreme: for two
   * neighbouring points P, Q the weight λ of the segment between them (welfare given up per unit
   * of the trade-off gained) is solved; a point beyond the segment splits it, else it is done.
   */
  private void dichotomy(DoubleSolution welfare, DoubleSolution extreme, int k, int probes,
      Weighted solver) {
    if (extreme == null) {
      return;
    }
    Deque<DoubleSolution[]> segments = new ArrayDeque<>();
    segments.add(new DoubleSolution[] {welfare, extreme});
    int used = 0;
    while (!segments.isEmpty() && used < probes) {
      DoubleSolution[] seg = segments.poll();
      double dW = socialWelfare(seg[0]) - socialWelfare(seg[1]);
      double dT = oriented(seg[1], k) - oriented(seg[0], k);
      if (!(dW > 1e-9 * Math.max(1, Math.abs(socialWelfare(seg[0]))) && dT > 1e-12)) {
        continue;
      }
      double lambda = dW / dT;
      double[] fills = solver.fills(lambda, seg[0], seg[1]);
      if (fills == null) {
        continue; // no point for this weight (noted in issues): the segment stays as it is
      }
      DoubleSolution c = probe(fills, defaultAlpha);
      if (c == null) {
        return;
      }
      used++;
      double onSegment = socialWelfare(seg[0]) + lambda * oriented(seg[0], k);
      if (socialWelfare(c) + lambda * oriented(c, k)
          > onSegment + 1e-9 * Math.max(1, Math.abs(onSegment))) {
        segments.add(new DoubleSolution[] {seg[0], c});
        segments.add(new DoubleSolution[] {c, seg[1]});
      }
    }
  }

  // ---- interpolation and price splits ----

  /**
   * Fills the gaps between neighbouring trace points (feasible, non-dominated in welfare and the
   * trade-off) with interpolated fills, most where the gap is widest (normalised).
   */
  private void interpolate(List<DoubleSolution> trace, int k, int count) {
    List<DoubleSolution> front = new ArrayList<>();
    for (DoubleSolution s : trace) {
      if (ConstrainedDominance.violation(s) == 0 && trace.stream().noneMatch(o -> o != s
          && dominates2(o, s, k))) {
        front.add(s);
      }
    }
    front.sort(Comparator.comparingDouble(s -> oriented(s, k)));
    if (front.size() < 2 || count <= 0) {
      return;
    }
    double wRange = socialWelfare(front.get(0)) - socialWelfare(front.get(front.size() - 1));
    double tRange = oriented(front.get(front.size() - 1), k) - oriented(front.get(0), k);
    double[] gap = new double[front.size() - 1];
    double total = 0;
    for (int g = 0; g < gap.length; g++) {
      double dw = wRange > 0 ? (socialWelfare(front.get(g)) - socialWelfare(front.get(g + 1)))
          / wRange : 0;
      double dt = tRange > 0 ? (oriented(front.get(g + 1), k) - oriented(front.get(g), k))
          / tRange : 0;
      gap[g] = Math.hypot(dw, dt);
      total += gap[g];
    }
    if (total <= 0) {
      return;
    }
    int placed = 0;
    for (int g = 0; g < gap.length && placed < count; g++) {
      int here = (int) Math.round(count * gap[g] / total);
      here = Math.min(here, count - placed);
      double[] a = ((FillSolution) front.get(g)).values();
      double[] b = ((FillSolution) front.get(g + 1)).values();
      for (int q = 1; q <= here; q++) {
        double theta = q / (here + 1.0);
        double[] fills = new double[a.length - 1];
        for (int v = 0; v < fills.length; v++) {
          fills[v] = (1 - theta) * a[v] + theta * b[v];
        }
        if (probe(fills, defaultAlpha) == null) {
          return;
        }
      }
      placed += here;
    }
  }

  /** The same fills with every surplus to buyers (α = 0) and to sellers (α = 1). */
  private void splitExtremes(DoubleSolution s) {
    double[] v = ((FillSolution) s).values();
    double[] fills = Arrays.copyOf(v, v.length - 1);
    probe(fills, 0.0);
    probe(fills, 1.0);
  }

  private static DoubleSolution best(List<DoubleSolution> trace, int k) {
    DoubleSolution best = trace.get(0);
    for (DoubleSolution s : trace) {
      if (ConstrainedDominance.violation(s) == 0 && oriented(s, k) > oriented(best, k)) {
        best = s;
      }
    }
    return best;
  }

  private boolean dominates2(DoubleSolution a, DoubleSolution b, int k) {
    double wa = socialWelfare(a);
    double wb = socialWelfare(b);
    double ta = oriented(a, k);
    double tb = oriented(b, k);
    return ConstrainedDominance.violation(a) == 0 && wa >= wb && ta >= tb && (wa > wb || ta > tb);
  }

  // ---- modified books ----

  /**
   * Fills (real book order) of the welfare seed of the book whose buyers' limits and sellers'
   * asks are shifted as given (per real merit-order index), all prices lifted by one constant so
   * none is negative (a common shift changes no optimum: bought = sold).
   */
  private double[] shifted(double[] buyShift, double[] sellShift) {
    anchorSolves++;
    int n = book.buyerCount();
    int m = book.sellerCount();
    double lowest = 0;
    for (int i = 0; i < n; i++) {
      lowest = Math.min(lowest, book.buyLimit[i] + buyShift[i]);
    }
    for (int j = 0; j < m; j++) {
      lowest = Math.min(lowest, book.sellAsk[j] + sellShift[j]);
    }
    double lift = -lowest;
    List<Bid> bids = new ArrayList<>(n + m);
    for (int i = 0; i < n; i++) {
      bids.add(priced(book.buyer(i), book.buyLimit[i] + buyShift[i] + lift));
    }
    for (int j = 0; j < m; j++) {
      bids.add(priced(book.seller(j), book.sellAsk[j] + sellShift[j] + lift));
    }
    MarketBook other = MarketBook.of(grid.feeder(), book.frameStartMs, bids,
        book.feePerKwhPerOhm);
    FillDecoder otherDecoder = new FillDecoder(other, config);
    TreeTransport.Optimum start = TreeTransport.solve(other);
    GridSeed seed = new GridSeed(other, otherDecoder, grid,
        new LinearisedSeed(other, otherDecoder, grid.solver(), grid.limits(), config));
    double[] otherFills = seed.fills(new double[][] {start.buyKwh(), start.sellKwh()});
    return toThisBook(other, otherFills);
  }

  private static Bid priced(Bid b, double price) {
    return new Bid(b.bidId(), b.participantId(), b.feederId(), b.bus(), b.side(),
        b.quantityKwh(), price, b.frameStartMs(), b.submittedAtMs(), b.buyerClass());
  }

  /** Fills of another book of the same bids, re-indexed to this book's merit order. */
  private double[] toThisBook(MarketBook other, double[] otherFills) {
    Map<String, Integer> at = new HashMap<>();
    for (int i = 0; i < other.buyerCount(); i++) {
      at.put(other.buyer(i).bidId(), i);
    }
    for (int j = 0; j < other.sellerCount(); j++) {
      at.put(other.seller(j).bidId(), other.buyerCount() + j);
    }
    int n = book.buyerCount();
    double[] fills = new double[n + book.sellerCount()];
    for (int i = 0; i < n; i++) {
      fills[i] = otherFills[at.get(book.buyer(i).bidId())];
    }
    for (int j = 0; j < book.sellerCount(); j++) {
      fills[n + j] = otherFills[at.get(book.seller(j).bidId())];
    }
    return fills;
  }

  private double maxPrice() {
    double max = 0;
    for (double p : book.buyLimit) {
      max = Math.max(max, p);
    }
    for (double p : book.sellAsk) {
      max = Math.max(max, p);
    }
    return max;
  }

  private double maxFee() {
    return book.feePerKwhPerOhm * Arrays.stream(book.rootROhm).max().orElse(0) * 2;
  }

  // ---- losses ----

  /**
   * ∂ losses / ∂ injection (kW per kW) at every bus with a bid, by central differences of the
   * sweep around the AC operating point of {@code at}'s trades (0 at buses without bids).
   */
  private double[] marginalLosses(DoubleSolution at) {
    double[] v = ((FillSolution) at).values();
    decoder.decode(Arrays.copyOf(v, v.length - 1), problem.alpha(v[v.length - 1]), false);
    double[] injection = decoder.injectionKw().clone();
    double[] mlf = new double[book.busCount()];
    boolean[] bidBus = new boolean[book.busCount()];
    for (int bus : book.buyBus) {
      bidBus[bus] = true;
    }
    for (int bus : book.sellBus) {
      bidBus[bus] = true;
    }
    for (int bus = 1; bus < mlf.length; bus++) {
      if (!bidBus[bus]) {
        continue;
      }
      injection[bus] += LOSS_STEP_KW;
      PowerFlowResult up = grid.solver().solve(injection);
      double lossUp = up.converged() ? up.pLossKw() : Double.NaN;
      injection[bus] -= 2 * LOSS_STEP_KW;
      PowerFlowResult down = grid.solver().solve(injection);
      double lossDown = down.converged() ? down.pLossKw() : Double.NaN;
      injection[bus] += LOSS_STEP_KW;
      double d = (lossUp - lossDown) / (2 * LOSS_STEP_KW);
      mlf[bus] = Double.isFinite(d) ? d : 0;
    }
    return mlf;
  }

  private static double maxFactorSpread(double[] mlf) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int bus = 1; bus < mlf.length; bus++) {
      lo = Math.min(lo, mlf[bus]);
      hi = Math.max(hi, mlf[bus]);
    }
    return hi - lo;
  }

  // ---- evaluation ----

  /**
   * Evaluates fills (+ α) with the AC sweep and keeps it as a seed; null (nothing evaluated) once
   * the budget is spent: every evaluation counts.
   */
  private DoubleSolution probe(double[] fills, double alpha) {
    if (seeds.size() >= budget) {
      return null;
    }
    double[] values = Arrays.copyOf(fills, fills.length + 1);
    values[fills.length] = alpha;
    FillSolution s = new FillSolution(values, objectives.size(), 3);
    problem.evaluate(s);
    seeds.add(s);
    return s;
  }

  private int index(Objective o) {
    return objectives.indexOf(o);
  }

  /** Social welfare of a seed: the sum of its welfare objectives (α fixed or 0.5 while seeding). */
  private double socialWelfare(DoubleSolution s) {
    double sum = 0;
    for (int k = 0; k < objectives.size(); k++) {
      if (objectives.get(k).isWelfare()) {
        sum -= s.objectives()[k];
      }
    }
    return sum;
  }

  private double natural(DoubleSolution s, int k) {
    return objectives.get(k).maximised() ? -s.objectives()[k] : s.objectives()[k];
  }

  /** The trade-off objective with more = better (losses negated). */
  private static double oriented(DoubleSolution s, int k) {
    return -s.objectives()[k];
  }
}
