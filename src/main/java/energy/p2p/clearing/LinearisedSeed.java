package energy.p2p.clearing;

import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.PowerFlowSolver;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.grid.VoltageSensitivity;
import energy.p2p.grid.limits.GridLimits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Near-optimal quantities when the grid binds: successive linear programming. Each round
 * linearises the feeder around the AC operating point of the current quantities
 * ({@link VoltageSensitivity}), maximises social welfare Σ limit·bought − Σ ask·sold subject to
 * balance (with a fee: the fee-aware transportation on the feeder's tree), bid quantities, the
 * class reservations and the voltage / current rows of the elements that are violated or close to
 * a limit (rows are added lazily, so the LP stays small: {@link WelfareLp} on the project's own
 * {@link BoundedSimplex}), then decodes and re-checks the result with the AC sweep. A row that is
 * still violated after it was linearised gets a margin of its residual violation. Stops at the
 * first AC-feasible round that no longer gains or sits on a limit violated the round before.
 * Every LP that fails (infeasible, iteration limit) and every round whose load flow does not
 * converge is noted in {@link #issues()}.
 */
final class LinearisedSeed {
  private static final int MAX_ROUNDS = 8;
  /** Elements this close to a limit (p.u., or fraction of rating) get a row before violating. */
  private static final double NEAR = 0.002;
  /** A feasible round gaining less than this fraction of welfare ends the iteration. */
  private static final double GAIN = 2e-4;
  /** A feasible round with every once-violated limit this close (p.u. / fraction) has converged. */
  private static final double TIGHT = 5e-4;
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
  private final boolean[] overHit; // violated in the latest round
  private final boolean[] overBefore; // violated in the round before
  private final boolean[] underBefore;
  private final boolean[] currentBefore;
  private final boolean[] underHit;
  private final boolean[] currentHit;
  private final int[] tradeableBuyers;
  private final int[] tradeableSellers;
  private final WelfareLp lp;
  private final List<String> issues = new ArrayList<>();
  private int rounds;
  private int lpIterations;

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
    overHit = new boolean[n];
    overBefore = new boolean[n];
    underBefore = new boolean[n];
    currentBefore = new boolean[feeder.branchCount()];
    underHit = new boolean[n];
    currentHit = new boolean[feeder.branchCount()];
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
    for (rounds = 0; rounds < MAX_ROUNDS; rounds++) {
      double[][] next = linearProgram(operatingPoint, injection, new double[][] {buy, sell});
      if (next == null) {
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
      if (!markRows(flow)) {
        boolean gain = best == null
            || welfare > bestWelfare + GAIN * Math.max(1, Math.abs(bestWelfare));
        if (welfare > bestWelfare) {
          bestWelfare = welfare;
          best = new double[][] {buy.clone(), sell.clone()};
        }
        if (!gain || tight(flow)) {
          break; // feasible and on the binding limits, or no longer improving: converged
        }
      }
      operatingPoint = flow;
      injection = decoder.injectionKw().clone();
    }
    return best != null ? best : new double[][] {buy, sell};
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
      overBefore[k] = overHit[k];
      underBefore[k] = underHit[k];
      overHit[k] = over > 0;
      underHit[k] = under > 0;
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
      currentBefore[b] = currentHit[b];
      currentHit[b] = over > 0;
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
   * Whether a limit violated in the previous round is now met with less than {@link #TIGHT} to
   * spare: the iteration sits on the binding constraint (on a radial feeder the neighbours of the
   * binding bus follow it), so a further round could only gain a sliver.
   */
  private boolean tight(PowerFlowResult flow) {
    for (int k = 1; k < feeder.busCount(); k++) {
      if ((overBefore[k] && limits.vMaxPu(k) - flow.vPu(k) <= TIGHT)
          || (underBefore[k] && flow.vPu(k) - limits.vMinPu(k) <= TIGHT)) {
        return true;
      }
    }
    for (int b = 0; b < feeder.branchCount(); b++) {
      if (currentBefore[b] && 1 - flow.branchCurrentA(b) / limits.iMaxA(b) <= TIGHT) {
        return true;
      }
    }
    return false;
  }



  private double[][] linearProgram(PowerFlowResult flow, double[] injection, double[][] from) {
    VoltageSensitivity s = VoltageSensitivity.around(feeder, flow, columns);
    double[][] dv = s.dVpuPerKw();
    double[][] di = s.dCurrentAPerKw();
    List<double[]> gridRows = new ArrayList<>(); // per row: coefficient per column (p.u. or A per kW)
    List<double[]> gridBounds = new ArrayList<>(); // {lo, hi} of the row
    for (int k = 1; k < feeder.busCount(); k++) {
      if (overRow[k] || underRow[k]) {
        double base = flow.vPu(k) - dot(dv[k], injection);
        gridRows.add(dv[k]);
        gridBounds.add(new double[] {
            underRow[k] ? limits.vMinPu(k) + SAFETY + underMargin[k] - base : Double.NEGATIVE_INFINITY,
            overRow[k] ? limits.vMaxPu(k) - SAFETY - overMargin[k] - base : Double.POSITIVE_INFINITY});
      }
    }
    for (int br = 0; br < feeder.branchCount(); br++) {
      if (currentRow[br]) {
        double base = flow.branchCurrentA(br) - dot(di[br], injection);
        gridRows.add(di[br]);
        gridBounds.add(new double[] {Double.NEGATIVE_INFINITY,
            limits.iMaxA(br) * (1 - SAFETY - currentMargin[br]) - base});
      }
    }
    BoundedSimplex.Status status = lp.build(gridRows, gridBounds).solveFrom(from);
    lpIterations += lp.simplex().iterations();
    if (status != BoundedSimplex.Status.OPTIMAL) {
      issues.add("LP round " + (rounds + 1) + ": " + status + " (" + gridRows.size()
          + " grid rows)");
      return null;
    }
    return lp.volumes();
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
