package energy.p2p.clearing;

import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.PowerFlowSolver;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.grid.RowSensitivity;
import energy.p2p.grid.limits.GridLimits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Near-optimal quantities when the grid binds: successive linear programming. Each round
 * linearises the feeder around the AC operating point of the current quantities (the rows of
 * {@link RowSensitivity} that the LP needs), maximises social welfare Σ limit·bought − Σ ask·sold
 * subject to balance (with a fee: the fee-aware transportation on the feeder's tree), bid
 * quantities, the class reservations and the voltage / current rows of the elements that are
 * violated or close to a limit (rows are added lazily, so the LP stays small: {@link WelfareLp}
 * on {@link DualSimplex}), then decodes and re-checks the result with the AC sweep. A row that is
 * still violated after it was linearised gets a margin of its residual violation.
 *
 * <p>Stops when the best AC-feasible quantities are <em>certified</em>: the LP linearised around
 * their own operating point (first-order exact there), with every row's margin given back (the
 * duals bound what that is worth), gains at most the tolerance over their welfare — so to first
 * order no better point exists, and the search has nothing to add that it would count as a gain.
 * Otherwise after {@value #MAX_ROUNDS} rounds, with the best feasible round uncertified. Every LP
 * that fails (infeasible, iteration limit) and every round whose load flow does not converge is
 * noted in {@link #issues()}.
 */
final class LinearisedSeed {
  private static final int MAX_ROUNDS = 8;
  /** Elements this close to a limit (p.u., or fraction of rating) get a row before violating. */
  private static final double NEAR = 0.002;
  /** Rows aim this far inside the limit (p.u. / fraction of rating): AC limits are strict. */
  private static final double SAFETY = 1e-7;

  private final MarketBook book;
  private final FillDecoder decoder;
  private final PowerFlowSolver sweep;
  private final GridLimits limits;
  private final RadialFeeder feeder;
  private final int[] columns;
  private final int[] column; // bus index -> column of the sensitivity matrices, -1 if no bid
  private final boolean[] overRow;
  private final boolean[] underRow;
  private final boolean[] currentRow;
  private final double[] overMargin;
  private final double[] underMargin;
  private final double[] currentMargin;
  private final double tolerance;
  private final RowSensitivity sensitivity;
  private final double[] perBus;
  private final int[] tradeableBuyers;
  private final int[] tradeableSellers;
  private final WelfareLp lp;
  private final List<String> issues = new ArrayList<>();
  private int rounds;
  private int lpIterations;
  private double certifiedBound = Double.NaN;
  private double relaxationGain; // of the last LP: what its rows' margins could be worth
  // grid rows of the last LP: coefficients, bounds and how far inside each limit it aims
  private List<double[]> lastRows = List.of();
  private List<double[]> lastBounds = List.of();
  private double[] lastRelax = new double[0];

  LinearisedSeed(MarketBook book, FillDecoder decoder, PowerFlowSolver sweep,
      GridLimits limits, ClearingConfig config) {
    this.book = book;
    this.decoder = decoder;
    this.sweep = sweep;
    this.limits = limits;
    this.feeder = limits.feeder();
    int n = feeder.busCount();
    column = new int[n];
    Arrays.fill(column, -1);
    int count = 0;
    for (int bus : book.buyBus) {
      count += column[bus] < 0 ? (column[bus] = count) * 0 + 1 : 0;
    }
    for (int bus : book.sellBus) {
      count += column[bus] < 0 ? (column[bus] = count) * 0 + 1 : 0;
    }
    columns = new int[count];
    for (int bus = 0; bus < n; bus++) {
      if (column[bus] >= 0) {
        columns[column[bus]] = bus;
      }
    }
    overRow = new boolean[n];
    underRow = new boolean[n];
    currentRow = new boolean[feeder.branchCount()];
    overMargin = new double[n];
    underMargin = new double[n];
    currentMargin = new double[feeder.branchCount()];
    tolerance = config.convergenceTolerance();
    sensitivity = new RowSensitivity(feeder);
    perBus = new double[n];
    double minAsk = book.sellerCount() == 0 ? Double.POSITIVE_INFINITY : book.sellAsk[0];
    double maxLimit = book.buyerCount() == 0 ? Double.NEGATIVE_INFINITY : book.buyLimit[0];
    tradeableBuyers = IntStream.range(0, book.buyerCount())
        .filter(i -> book.buyLimit[i] >= minAsk).toArray();
    tradeableSellers = IntStream.range(0, book.sellerCount())
        .filter(j -> book.sellAsk[j] <= maxLimit).toArray();
    lp = new WelfareLp(book, config, column, tradeableBuyers, tradeableSellers);
  }

  /** What went wrong on the way (failed LPs, rounds that did not converge); empty if nothing. */
  List<String> issues() {
    return issues;
  }

  int rounds() {
    return rounds;
  }

  int lpIterations() {
    return lpIterations;
  }

  /**
   * Whether the quantities {@link #solve} returned are certified: first-order optimal within the
   * convergence tolerance (see the class comment).
   */
  boolean certified() {
    return !Double.isNaN(certifiedBound);
  }

  /** The certificate's first-order upper bound on welfare (NaN when not certified). */
  double certifiedBound() {
    return certifiedBound;
  }

  /**
   * The best quantities {buyers, sellers} that passed the AC sweep, given the merit-order
   * crossing {@code start} (whose violations pick the first rows); the last round's quantities
   * when no round passed (the caller curtails them).
   */
  double[][] solve(double[][] start) {
    double[] buy = start[0].clone();
    double[] sell = start[1].clone();
    double[][] best = null;
    double bestWelfare = Double.NEGATIVE_INFINITY;
    // round 0 linearises around the base case (no trade): there "no trade" is exactly feasible
    // in the linear model too, whereas the far-off crossing would extrapolate badly
    markRows(decodeAndSolve(buy, sell));
    PowerFlowResult operatingPoint = sweep.solve(null);
    double[] injection = new double[feeder.busCount()];
    boolean atBest = false; // whether the operating point is the best feasible round's
    for (rounds = 0; rounds < MAX_ROUNDS; rounds++) {
      double[][] next = linearProgram(operatingPoint, injection, new double[][] {buy, sell});
      if (next == null) {
        break;
      }
      if (atBest && converged(bestWelfare)) {
        break;
      }
      buy = next[0];
      sell = next[1];
      PowerFlowResult flow = decodeAndSolve(buy, sell);
      if (!flow.converged()) {
        issues.add("LP round " + (rounds + 1) + ": the load flow of its trades did not converge ("
            + flow.status() + ")");
        break;
      }
      double welfare = decoder.socialWelfare();
      atBest = !markRows(flow) && welfare > bestWelfare;
      if (atBest) {
        bestWelfare = welfare;
        best = new double[][] {buy.clone(), sell.clone()};
      }
      lp.reserveAt(buy, sell);
      operatingPoint = flow;
      injection = decoder.injectionKw().clone();
    }
    return best != null ? best : new double[][] {buy, sell};
  }

  /**
   * Whether the LP just solved around the best feasible round's own operating point shows the
   * iteration has converged: its optimum plus what giving back every row's margin is worth
   * (duals × margins) exceeds the round's welfare by at most the tolerance. Then the round is
   * certified too — unless a point could escape a reservation row (see WelfareLp), in which case
   * the same must hold without those rows. (More rounds cannot help there: they optimise with
   * the reservation in force.)
   */
  private boolean converged(double welfare) {
    double target = welfare + tolerance * Math.max(1, Math.abs(welfare));
    double bound = lp.objective() + relaxationGain;
    if (bound > target) {
      return false;
    }
    if (lp.hasReservations() && lp.reservationsEscapable()) {
      if (lp.build(lastRows, lastBounds, false).solveFrom(null) != SparseLp.Status.OPTIMAL) {
        return true;
      }
      lpIterations += lp.iterations();
      bound = lp.objective() + lp.relaxationGain(lastRelax);
      if (bound > target) {
        return true; // converged, not certified
      }
    }
    certifiedBound = Math.max(bound, welfare);
    return true;
  }

  /** Decodes volumes (overwritten with what was traded) and runs the sweep on them. */
  private PowerFlowResult decodeAndSolve(double[] buy, double[] sell) {
    decoder.decodeVolumes(buy, sell, 0.5);
    decoder.tradedVolumes(buy, sell);
    return sweep.solve(decoder.injectionKw());
  }

  /** Adds rows for elements near or over a limit; widens margins of rows still violated. */
  private boolean markRows(PowerFlowResult flow) {
    boolean violated = false;
    for (int k = 1; k < feeder.busCount(); k++) {
      double over = flow.vPu(k) - limits.vMaxPu(k);
      double under = limits.vMinPu(k) - flow.vPu(k);
      violated |= over > 0 || under > 0;
      // a row still violated after being linearised gets a margin of its violation: the decoder
      // can drop LP volume that no seller can serve (the LP ignores pairing), so re-linearising
      // alone would not converge
      overMargin[k] = margin(overRow[k], overMargin[k], over);
      underMargin[k] = margin(underRow[k], underMargin[k], under);
      overRow[k] |= over > -NEAR;
      underRow[k] |= under > -NEAR;
    }
    for (int b = 0; b < feeder.branchCount(); b++) {
      double rating = limits.iMaxA(b);
      if (Double.isInfinite(rating)) {
        continue;
      }
      double over = flow.branchCurrentA(b) / rating - 1;
      violated |= over > 0;
      currentMargin[b] = margin(currentRow[b], currentMargin[b], over);
      currentRow[b] |= over > -NEAR;
    }
    return violated;
  }

  /**
   * The margin a row keeps inside its limit: the LP's linear model misses the AC value by some
   * error (the decoder may also drop LP volume no seller can serve: the LP ignores pairing), so a
   * row violated after it was linearised aims inside by that error. The margin follows the error
   * (a fixed-point iteration on the row's offset: AC − (limit − SAFETY) is added each round, and
   * the margin never goes below 0), so a round that lands inside the limit gives back what an
   * earlier overshoot took, instead of keeping it for good.
   */
  private static double margin(boolean row, double margin, double over) {
    if (!row || (over <= 0 && margin == 0)) {
      return margin;
    }
    return Math.max(0, margin + over + SAFETY);
  }

  /**
   * Solves the LP linearised around {@code flow} (whose trades inject {@code injection}); the
   * primal fallback starts from the volumes {@code from}.
   */
  private double[][] linearProgram(PowerFlowResult flow, double[] injection, double[][] from) {
    sensitivity.factor(flow);
    List<double[]> gridRows = new ArrayList<>(); // per row: coefficient per column (p.u. or A per kW)
    List<double[]> gridBounds = new ArrayList<>(); // {lo, hi} of the row
    List<Double> relax = new ArrayList<>(); // how far inside the limit the row aims (p.u. or A)
    for (int k = 1; k < feeder.busCount(); k++) {
      if (overRow[k] || underRow[k]) {
        sensitivity.dVpuPerKw(k, perBus);
        double[] row = perColumn();
        double base = flow.vPu(k) - dot(row, injection);
        gridRows.add(row);
        gridBounds.add(new double[] {
            underRow[k] ? limits.vMinPu(k) + SAFETY + underMargin[k] - base : Double.NEGATIVE_INFINITY,
            overRow[k] ? limits.vMaxPu(k) - SAFETY - overMargin[k] - base : Double.POSITIVE_INFINITY});
        relax.add(SAFETY + Math.max(underRow[k] ? underMargin[k] : 0,
            overRow[k] ? overMargin[k] : 0));
      }
    }
    for (int br = 0; br < feeder.branchCount(); br++) {
      if (currentRow[br]) {
        sensitivity.dCurrentAPerKw(br, perBus);
        double[] row = perColumn();
        double base = flow.branchCurrentA(br) - dot(row, injection);
        gridRows.add(row);
        gridBounds.add(new double[] {Double.NEGATIVE_INFINITY,
            limits.iMaxA(br) * (1 - SAFETY - currentMargin[br]) - base});
        relax.add(limits.iMaxA(br) * (SAFETY + currentMargin[br]));
      }
    }
    SparseLp.Status status = lp.build(gridRows, gridBounds).solveFrom(from);
    lpIterations += lp.iterations();
    if (lp.primalUsed()) {
      issues.add("LP round " + (rounds + 1) + ": the dual simplex stalled, the primal solved it ("
          + status + ")");
    }
    if (status != SparseLp.Status.OPTIMAL) {
      issues.add("LP round " + (rounds + 1) + ": " + status + " (" + gridRows.size()
          + " grid rows)");
      return null;
    }
    lastRows = gridRows;
    lastBounds = gridBounds;
    lastRelax = relax.stream().mapToDouble(Double::doubleValue).toArray();
    relaxationGain = lp.relaxationGain(lastRelax);
    return lp.volumes();
  }

  /** The bid-bus columns of the row in {@link #perBus}. */
  private double[] perColumn() {
    double[] row = new double[columns.length];
    for (int c = 0; c < columns.length; c++) {
      row[c] = perBus[columns[c]];
    }
    return row;
  }

  /** Σ over bid buses of sensitivity × injection at the operating point. */
  private double dot(double[] perKw, double[] injection) {
    double sum = 0;
    for (int c = 0; c < columns.length; c++) {
      sum += perKw[c] * injection[columns[c]];
    }
    return sum;
  }
}
