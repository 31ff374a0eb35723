package energy.p2p.clearing;

import energy.p2p.feasibility.GridLimits;
import energy.p2p.grid.BackwardForwardSweep;
import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.grid.VoltageSensitivity;
import java.math.BigDecimal;
import java.util.Arrays;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Near-optimal quantities when the grid binds: successive linear programming. Each round
 * linearises the feeder around the AC operating point of the current quantities
 * ({@link VoltageSensitivity}), maximises social welfare Σ limit·bought − Σ ask·sold subject to
 * balance, bid quantities, the class reservations and the voltage / current rows of the elements
 * that are violated or close to a limit (rows are added lazily, so the LP stays small), then
 * decodes and re-checks the result with the AC sweep. A row that is still violated after it was
 * linearised gets a margin of its residual violation. Stops at the first AC-feasible round.
 */
final class LinearisedSeed {
  static {
    // ojAlgo prints a hardware-profile notice to System.out on first use unless this is set;
    // our stdout is for JSON only
    if (System.getProperty("shut.up.ojAlgo") == null) {
      System.setProperty("shut.up.ojAlgo", "true");
    }
  }

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
  private final BackwardForwardSweep sweep;
  private final GridLimits limits;
  private final RadialFeeder feeder;
  private final double frameHours;
  private final double[] minShare = new double[3];
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
  int rounds;

  LinearisedSeed(MarketBook book, FillDecoder decoder, BackwardForwardSweep sweep,
      GridLimits limits, ClearingConfig config) {
    this.book = book;
    this.decoder = decoder;
    this.sweep = sweep;
    this.limits = limits;
    this.feeder = limits.feeder();
    this.frameHours = config.frameHours();
    for (energy.p2p.model.BuyerClass c : energy.p2p.model.BuyerClass.values()) {
      minShare[c.ordinal()] = config.minShare(c);
    }
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
    tradeableBuyers = java.util.stream.IntStream.range(0, book.buyerCount())
        .filter(i -> book.buyLimit[i] >= minAsk).toArray();
    tradeableSellers = java.util.stream.IntStream.range(0, book.sellerCount())
        .filter(j -> book.sellAsk[j] <= maxLimit).toArray();
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
      double[][] next = linearProgram(operatingPoint, injection);
      if (next == null) {
        break;
      }
      buy = next[0];
      sell = next[1];
      PowerFlowResult flow = decodeAndSolve(buy, sell);
      if (!flow.converged()) {
        break;
      }
      double welfare = decoder.buyerWelfare + decoder.sellerWelfare;
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
      injection = decoder.injectionKw.clone();
    }
    return best != null ? best : new double[][] {buy, sell};
  }

  /** Decodes volumes (overwritten with what was traded) and runs the sweep on them. */
  private PowerFlowResult decodeAndSolve(double[] buy, double[] sell) {
    System.arraycopy(buy, 0, decoder.buyVol, 0, buy.length);
    System.arraycopy(sell, 0, decoder.sellVol, 0, sell.length);
    decoder.decodeVolumes(0.5, true);
    traded(buy, sell);
    return sweep.solve(decoder.injectionKw);
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
      overMargin[k] += overRow[k] && over > 0 ? over : 0;
      underMargin[k] += underRow[k] && under > 0 ? under : 0;
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
      currentMargin[b] += currentRow[b] && over > 0 ? over : 0;
      currentBefore[b] = currentHit[b];
      currentHit[b] = over > 0;
      currentRow[b] |= over > -NEAR;
    }
    return violated;
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



  private double[][] linearProgram(PowerFlowResult flow, double[] injection) {
    VoltageSensitivity s = VoltageSensitivity.around(feeder, flow, columns);
    double[][] dv = s.dVpuPerKw();
    double[][] di = s.dCurrentAPerKw();
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    // only bids that can trade at all get a column: a buyer below every ask or a seller above
    // every limit stays at 0 (fewer columns, same optimum)
    Variable[] b = new Variable[tradeableBuyers.length];
    Variable[] x = new Variable[tradeableSellers.length];
    // one net-injection variable per bus with bids (kWh): grid rows refer to these few
    // variables instead of to every bid (ojAlgo turns each coefficient into a BigDecimal, and
    // that, not the simplex, was the cost)
    Variable[] net = new Variable[columns.length];
    Expression[] netDefinition = new Expression[columns.length];
    Expression balance = model.addExpression("balance").level(0);
    double[] drawable = new double[columns.length];
    double[] injectable = new double[columns.length];
    for (int i : tradeableBuyers) {
      drawable[column[book.buyBus[i]]] += book.buyQtyKwh[i];
    }
    for (int j : tradeableSellers) {
      injectable[column[book.sellBus[j]]] += book.sellQtyKwh[j];
    }
    for (int c = 0; c < columns.length; c++) {
      // explicit bounds: ojAlgo variables are not free by default
      net[c] = model.addVariable("net" + c).lower(-drawable[c]).upper(injectable[c])
          .value(BigDecimal.ZERO);
      netDefinition[c] = model.addExpression("def" + c).level(0);
      netDefinition[c].set(net[c], -1);
      balance.set(net[c], 1);
    }
    for (int k = 0; k < b.length; k++) {
      int i = tradeableBuyers[k];
      b[k] = model.addVariable("b" + i).lower(0).upper(book.buyQtyKwh[i]).weight(book.buyLimit[i])
          .value(BigDecimal.ZERO); // a start value spares ojAlgo a BigDecimal midpoint per column
      netDefinition[column[book.buyBus[i]]].set(b[k], -1);
    }
    for (int k = 0; k < x.length; k++) {
      int j = tradeableSellers[k];
      x[k] = model.addVariable("s" + j).lower(0).upper(book.sellQtyKwh[j])
          .weight(-book.sellAsk[j]).value(BigDecimal.ZERO);
      netDefinition[column[book.sellBus[j]]].set(x[k], 1);
    }
    for (int k = 1; k < feeder.busCount(); k++) {
      if (overRow[k] || underRow[k]) {
        double base = flow.vPu(k) - dot(dv[k], injection);
        Expression row = model.addExpression("v" + k);
        if (overRow[k]) {
          row.upper(limits.vMaxPu(k) - SAFETY - overMargin[k] - base);
        }
        if (underRow[k]) {
          row.lower(limits.vMinPu(k) + SAFETY + underMargin[k] - base);
        }
        coefficients(row, dv[k], net);
      }
    }
    for (int br = 0; br < feeder.branchCount(); br++) {
      if (currentRow[br]) {
        double base = flow.branchCurrentA(br) - dot(di[br], injection);
        Expression row = model.addExpression("i" + br)
            .upper(limits.iMaxA(br) * (1 - SAFETY - currentMargin[br]) - base);
        coefficients(row, di[br], net);
      }
    }
    classRows(model, b);
    Optimisation.Result result = model.maximise();
    if (!result.getState().isFeasible()) {
      return null;
    }
    double[] buy = new double[book.buyerCount()];
    double[] sell = new double[book.sellerCount()];
    for (int k = 0; k < b.length; k++) {
      int i = tradeableBuyers[k];
      buy[i] = clamp(result.doubleValue(columns.length + k), book.buyQtyKwh[i]);
    }
    for (int k = 0; k < x.length; k++) {
      int j = tradeableSellers[k];
      sell[j] = clamp(result.doubleValue(columns.length + b.length + k), book.sellQtyKwh[j]);
    }
    return new double[][] {buy, sell};
  }

  /** Row coefficients on the net kWh injected per bus: kW per kWh is 1/h. */
  private void coefficients(Expression row, double[] perKw, Variable[] net) {
    for (int c = 0; c < net.length; c++) {
      row.set(net[c], perKw[c] / frameHours);
    }
  }

  /** Σ over bid buses of sensitivity × injection at the operating point. */
  private double dot(double[] perKw, double[] injection) {
    double sum = 0;
    for (int c = 0; c < columns.length; c++) {
      sum += perKw[c] * injection[columns[c]];
    }
    return sum;
  }

  /** matched_c ≥ share_c × matched, for classes whose paying demand can always fill it. */
  private void classRows(ExpressionsBasedModel model, Variable[] b) {
    double[][] merit = MeritOrder.crossingVolumes(book);
    double matched = Arrays.stream(merit[0]).sum();
    double marginalAsk = 0;
    for (int j = 0; j < merit[1].length; j++) {
      marginalAsk = merit[1][j] > 0 ? book.sellAsk[j] : marginalAsk;
    }
    for (int c = 0; c < 3; c++) {
      if (minShare[c] <= 0) {
        continue;
      }
      double paying = 0;
      for (int i = 0; i < book.buyerCount(); i++) {
        paying += book.buyClass[i] == c && book.buyLimit[i] >= marginalAsk ? book.buyQtyKwh[i] : 0;
      }
      if (paying >= minShare[c] * matched) {
        Expression row = model.addExpression("class" + c).lower(0);
        for (int k = 0; k < b.length; k++) {
          row.set(b[k], (book.buyClass[tradeableBuyers[k]] == c ? 1 : 0) - minShare[c]);
        }
      }
    }
  }

  private void traded(double[] buy, double[] sell) {
    Arrays.fill(buy, 0.0);
    Arrays.fill(sell, 0.0);
    for (int t = 0; t < decoder.tradeCount; t++) {
      buy[decoder.tradeBuyer[t]] += decoder.tradeKwh[t];
      sell[decoder.tradeSeller[t]] += decoder.tradeKwh[t];
    }
  }

  private static double clamp(double v, double max) {
    return v < 0 ? 0 : Math.min(v, max);
  }
}
