package energy.p2p.clearing;

import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.PowerFlowSolver;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.grid.RowSensitivity;
import energy.p2p.grid.limits.GridLimits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The welfare–headroom front from LPs that maximise headroom itself, where the ε-constraint
 * anchors ("the welfare optimum under limits tightened by h") give out near the front's far end:
 * there the tightened limits leave the successive LP almost no room, and its margins make the LP
 * infeasible. Here headroom t is a variable — v_k − t ≥ vMin and v_k + t ≤ vMax at every bus but
 * the substation (as rows only where they can bind: the buses near the least margin, then every
 * row the linear model finds broken at a solution), t ≥ 0 (so every point keeps the feeder's own
 * limits, which imply the ones in force), v linearised around the AC operating point
 * ({@link RowSensitivity}) — and the LP
 * maximises either t, then welfare at that t (the front's far end), or welfare + λ·t (its
 * supported points), {@link #weighted}. Each is re-linearised at the AC load
 * flow of its own decoded trades, {@value #ROUNDS} rounds at most; the best AC-feasible round
 * wins.
 *
 * <p>The LP has one volume per bid that can trade and the energy balance, and — added when its
 * solution needs them — Hall's rows: for a buyer limit L, the buyers with limit ≤ L buy at most
 * what sellers with ask ≤ L sell. Without them the LP's volumes may have no rational pairing and
 * the decoder would drop what cannot be paired (the far end sells at the far-end buses, whatever
 * the buyers there can pay). No class rows: the decoder's class repair applies as to any point,
 * and every result is evaluated with the AC sweep like any seed. A failed LP ends the rounds and
 * is noted in {@link #issues()}.
 */
final class HeadroomLp {
  private static final int ROUNDS = 6;
  /** A Hall's row is added when its side is short by more than this, kWh. */
  private static final double HALL_TOL_KWH = 1e-7;
  /** How far below the most headroom the far end's welfare is sought, p.u. */
  private static final double FAR_END_SLACK_PU = 1e-7;
  /** Voltage rows at first: buses whose margin is this close to the least one, p.u. */
  private static final double NEAR_PU = 0.002;
  /** A voltage row is added when the linear model breaks it by more than this, p.u. */
  private static final double ROW_TOL_PU = 1e-9;
  /** Rows one LP may add at most (each is one re-solve), voltage and Hall's together. */
  private static final int CUTS = 16;
  /** Rounds stop when the decoded injections move less than this, kW. */
  private static final double MOVE_KW = 1e-6;

  private final MarketBook book;
  private final FillDecoder decoder;
  private final PowerFlowSolver sweep;
  private final GridLimits limits;
  private final RadialFeeder feeder;
  private final double frameHours;
  private final RowSensitivity sensitivity;
  private final int[] buyers;
  private final int[] sellers;
  private final SparseLp lp = new SparseLp();
  private final DualSimplex dual = new DualSimplex();
  private final BoundedSimplex primal = new BoundedSimplex();
  private final double[] violations = new double[3];
  private final List<String> issues = new ArrayList<>();
  /** Hall's rows: the buyer limit L of each. */
  private final List<Double> hallLevels = new ArrayList<>();
  /**
   * The voltage rows in the LP: {bus, −1 (v − t ≥ vMin) or +1 (v + t ≤ vMax)}. Lazily: first the
   * buses within {@value #NEAR_PU} p.u. of the least margin, then every row the linear model
   * finds broken at a solution (most buses never bind: they would only slow each pivot).
   */
  private final List<int[]> voltageRows = new ArrayList<>();
  private boolean[][] inLp;
  // the linearisation of the current round: per bus k ≥ 1, dv_k per kW at each bus, and base
  private double[][] dvPerKw;
  private double[] vBase;
  private double scale;
  private boolean primalUsed;

  HeadroomLp(MarketBook book, FillDecoder decoder, PowerFlowSolver sweep, GridLimits limits,
      ClearingConfig config) {
    this.book = book;
    this.decoder = decoder;
    this.sweep = sweep;
    this.limits = limits;
    this.feeder = limits.feeder();
    this.frameHours = config.frameHours();
    this.sensitivity = new RowSensitivity(feeder);
    double minAsk = book.sellerCount() == 0 ? Double.POSITIVE_INFINITY : book.sellAsk[0];
    double maxLimit = book.buyerCount() == 0 ? Double.NEGATIVE_INFINITY : book.buyLimit[0];
    this.buyers = java.util.stream.IntStream.range(0, book.buyerCount())
        .filter(i -> book.buyLimit[i] >= minAsk).toArray();
    this.sellers = java.util.stream.IntStream.range(0, book.sellerCount())
        .filter(j -> book.sellAsk[j] <= maxLimit).toArray();
  }

  /** Failed LPs and load flows of the last solve (empty if none). */
  List<String> issues() {
    return issues;
  }

  /**
   * Volumes {buyers, sellers} (merit order) of the trades of most welfare + λ·headroom (λ per
   * p.u.); λ = +∞: the most headroom trades can give, then the most welfare at it (the front's
   * far end). Null when no round is AC-feasible with headroom ≥ 0, or when {@code start}
   * (volumes of a point with headroom ≥ 0, where the first round linearises) has none.
   */
  double[][] weighted(double[][] start, double lambda) {
    issues.clear();
    hallLevels.clear();
    voltageRows.clear();
    inLp = new boolean[2][feeder.busCount()];
    PowerFlowResult flow = decodeAndSolve(start[0], start[1]);
    if (!flow.converged() || ObjectiveValues.headroomPu(feeder, flow) < 0) {
      issues.add("headroom LP: its start has no headroom");
      return null;
    }
    double[] injection = decoder.injectionKw().clone();
    double[][] best = null;
    double bestHeadroom = Double.NEGATIVE_INFINITY;
    double bestWelfare = Double.NEGATIVE_INFINITY;
    for (int round = 0; round < ROUNDS; round++) {
      linearise(flow, injection);
      double[][] volumes = solveLp(lambda);
      if (volumes == null) {
        issues.add("headroom LP round " + (round + 1) + ": " + dual.status()
            + (primalUsed ? " (primal fallback)" : ""));
        break;
      }
      flow = decodeAndSolve(volumes[0], volumes[1]);
      if (!flow.converged()) {
        issues.add("headroom LP round " + (round + 1) + ": load flow " + flow.status());
        break;
      }
      double headroom = ObjectiveValues.headroomPu(feeder, flow);
      double welfare = decoder.socialWelfare();
      boolean feasible = headroom >= 0 && limits.violations(flow, violations) == 0;
      if (feasible && better(lambda, headroom, welfare, bestHeadroom, bestWelfare)) {
        best = volumes;
        bestHeadroom = headroom;
        bestWelfare = welfare;
      }
      double[] next = decoder.injectionKw();
      double move = 0;
      for (int k = 0; k < next.length; k++) {
        move = Math.max(move, Math.abs(next[k] - injection[k]));
      }
      injection = next.clone();
      if (move < MOVE_KW) {
        break;
      }
    }
    return best;
  }

  private static boolean better(double lambda, double headroom, double welfare,
      double bestHeadroom, double bestWelfare) {
    if (Double.isInfinite(lambda)) {
      return headroom > bestHeadroom + FAR_END_SLACK_PU
          || (headroom > bestHeadroom - FAR_END_SLACK_PU && welfare > bestWelfare);
    }
    return welfare + lambda * headroom > bestWelfare + lambda * bestHeadroom;
  }

  /** Decodes volumes (kept: the LP's, not the traded ones) and runs the sweep on the trades. */
  private PowerFlowResult decodeAndSolve(double[] buy, double[] sell) {
    decoder.decodeVolumes(buy, sell, 0.5);
    return sweep.solve(decoder.injectionKw());
  }

  private void linearise(PowerFlowResult flow, double[] injection) {
    int n = feeder.busCount();
    sensitivity.factor(flow);
    dvPerKw = new double[n][n];
    vBase = new double[n];
    double largest = 0;
    for (int k = 1; k < n; k++) {
      sensitivity.dVpuPerKw(k, dvPerKw[k]);
      double base = flow.vPu(k);
      for (int b = 1; b < n; b++) {
        base -= dvPerKw[k][b] * injection[b];
        largest = Math.max(largest, Math.abs(dvPerKw[k][b]) / frameHours);
      }
      vBase[k] = base;
    }
    scale = largest > 0 ? 1 / largest : 1; // rows and the headroom column in units of ~1
    double least = ObjectiveValues.headroomPu(feeder, flow);
    for (int k = 1; k < n; k++) {
      if (flow.vPu(k) - feeder.vMinPu() <= least + NEAR_PU) {
        addVoltageRow(k, -1);
      }
      if (feeder.vMaxPu() - flow.vPu(k) <= least + NEAR_PU) {
        addVoltageRow(k, 1);
      }
    }
  }

  private void addVoltageRow(int bus, int side) {
    boolean[] in = inLp[side < 0 ? 0 : 1];
    if (!in[bus]) {
      in[bus] = true;
      voltageRows.add(new int[] {bus, side});
    }
  }

  /**
   * One round's LP: maximise t (then welfare at it) or welfare + λ·t; Hall's rows added while
   * the solution needs them. Volumes {buyers, sellers}, or null if an LP failed.
   */
  private double[][] solveLp(double lambda) {
    boolean lexicographic = Double.isInfinite(lambda);
    double[][] volumes = solveWithHall(0, lexicographic ? 1 : lambda / scale, !lexicographic);
    if (volumes == null || !lexicographic) {
      return volumes;
    }
    double headroomPu = Math.max(0, headroomColumnValue() / scale - FAR_END_SLACK_PU);
    return solveWithHall(headroomPu, 0, true);
  }

  private double[][] solveWithHall(double floorPu, double headroomCost, boolean welfareCosts) {
    for (int cut = 0; ; cut++) {
      build(floorPu, headroomCost, welfareCosts);
      SparseLp.Status status = dual.solve(lp);
      primalUsed = status == SparseLp.Status.ITERATION_LIMIT;
      if (primalUsed) {
        status = primal.solve(lp);
      }
      if (status != SparseLp.Status.OPTIMAL) {
        return null;
      }
      double[][] volumes = volumes();
      if (cut >= CUTS) {
        return volumes;
      }
      boolean added = addBrokenVoltageRows(volumes, floorPu + headroomColumnValue() / scale);
      double level = shortHallLevel(volumes);
      if (!Double.isNaN(level) && hallLevels.size() < Long.SIZE - 1) {
        hallLevels.add(level);
        added = true;
      }
      if (!added) {
        return volumes;
      }
    }
  }

  /** Adds the voltage rows the linear model breaks at these volumes and headroom t; any? */
  private boolean addBrokenVoltageRows(double[][] volumes, double tPu) {
    int n = feeder.busCount();
    double[] kw = new double[n];
    for (int i = 0; i < volumes[0].length; i++) {
      kw[book.buyBus[i]] -= volumes[0][i] / frameHours;
    }
    for (int j = 0; j < volumes[1].length; j++) {
      kw[book.sellBus[j]] += volumes[1][j] / frameHours;
    }
    boolean added = false;
    for (int k = 1; k < n; k++) {
      double v = vBase[k];
      for (int b = 1; b < n; b++) {
        v += dvPerKw[k][b] * kw[b];
      }
      if (!inLp[0][k] && v - tPu < feeder.vMinPu() - ROW_TOL_PU) {
        addVoltageRow(k, -1);
        added = true;
      }
      if (!inLp[1][k] && v + tPu > feeder.vMaxPu() + ROW_TOL_PU) {
        addVoltageRow(k, 1);
        added = true;
      }
    }
    return added;
  }

  /**
   * The LP at the current linearisation: columns = tradeable buyers, sellers, then the headroom
   * column s = (t − floor) · scale ≥ 0; rows = balance, the voltage rows in force, Hall's rows.
   */
  private void build(double floorPu, double headroomCost, boolean welfareCosts) {
    int voltages = voltageRows.size();
    lp.reset(1 + voltages + hallLevels.size());
    lp.rowBounds(0, 0, 0);
    for (int r = 0; r < voltages; r++) {
      int k = voltageRows.get(r)[0];
      if (voltageRows.get(r)[1] < 0) { // v − t ≥ vMin
        lp.rowBounds(1 + r, scale * (feeder.vMinPu() + floorPu - vBase[k]),
            Double.POSITIVE_INFINITY);
      } else { // v + t ≤ vMax
        lp.rowBounds(1 + r, Double.NEGATIVE_INFINITY,
            scale * (feeder.vMaxPu() - floorPu - vBase[k]));
      }
    }
    int firstHall = 1 + voltages;
    for (int h = 0; h < hallLevels.size(); h++) {
      lp.rowBounds(firstHall + h, Double.NEGATIVE_INFINITY, 0);
    }
    Map<Long, Integer> groups = new HashMap<>();
    for (int i : buyers) {
      int g = groupOf(groups, book.buyBus[i], -1, hallMask(book.buyLimit[i], true), firstHall);
      lp.addColumn(welfareCosts ? book.buyLimit[i] : 0, book.buyQtyKwh[i], g);
    }
    for (int j : sellers) {
      int g = groupOf(groups, book.sellBus[j], 1, hallMask(book.sellAsk[j], false), firstHall);
      lp.addColumn(welfareCosts ? -book.sellAsk[j] : 0, book.sellQtyKwh[j], g);
    }
    int[] tRows = new int[voltages];
    double[] tValues = new double[voltages];
    for (int r = 0; r < voltages; r++) {
      tRows[r] = 1 + r;
      tValues[r] = voltageRows.get(r)[1];
    }
    double most = scale * ((feeder.vMaxPu() - feeder.vMinPu()) / 2 - floorPu);
    lp.addColumn(headroomCost, Math.max(0, most), tRows, tValues);
  }

  /** Bit h set: the bid is in Hall's row h (buyer: limit ≤ L_h; seller: ask ≤ L_h). */
  private long hallMask(double price, boolean buyer) {
    long mask = 0;
    for (int h = 0; h < hallLevels.size(); h++) {
      mask |= price <= hallLevels.get(h) ? 1L << h : 0;
    }
    return mask;
  }

  /** The shared rows and values of the bids of one side on one bus in the same Hall's rows. */
  private int groupOf(Map<Long, Integer> groups, int bus, int sign, long mask, int firstHall) {
    long key = (mask * 2 + (sign > 0 ? 1 : 0)) * feeder.busCount() + bus;
    Integer known = groups.get(key);
    if (known != null) {
      return known;
    }
    int voltages = voltageRows.size();
    int[] rows = new int[1 + voltages + Long.bitCount(mask)];
    double[] values = new double[rows.length];
    rows[0] = 0;
    values[0] = sign; // sold − bought = 0
    for (int r = 0; r < voltages; r++) {
      rows[1 + r] = 1 + r;
      values[1 + r] = sign * scale * dvPerKw[voltageRows.get(r)[0]][bus] / frameHours;
    }
    int at = 1 + voltages;
    for (int h = 0; h < hallLevels.size(); h++) {
      if ((mask & (1L << h)) != 0) {
        rows[at] = firstHall + h;
        values[at++] = -sign; // bought − sold ≤ 0
      }
    }
    int g = lp.group(rows, values);
    groups.put(key, g);
    return g;
  }

  private double value(int column) {
    return primalUsed ? primal.value(column) : dual.value(column);
  }

  private double headroomColumnValue() {
    return value(buyers.length + sellers.length);
  }

  private double[][] volumes() {
    double[] buy = new double[book.buyerCount()];
    double[] sell = new double[book.sellerCount()];
    for (int k = 0; k < buyers.length; k++) {
      buy[buyers[k]] = Math.max(0, Math.min(value(k), book.buyQtyKwh[buyers[k]]));
    }
    for (int k = 0; k < sellers.length; k++) {
      int j = sellers[k];
      sell[j] = Math.max(0, Math.min(value(buyers.length + k), book.sellQtyKwh[j]));
    }
    return new double[][] {buy, sell};
  }

  /**
   * The buyer limit L whose Hall's condition the volumes break most (buyers of limit ≤ L buy
   * more than sellers of ask ≤ L sell), or NaN when a rational pairing of them exists.
   */
  private double shortHallLevel(double[][] volumes) {
    double bought = 0;
    double sold = 0;
    int j = 0;
    double worst = -HALL_TOL_KWH;
    double level = Double.NaN;
    for (int i = book.buyerCount() - 1; i >= 0; i--) { // ascending limit
      bought += volumes[0][i];
      double limit = book.buyLimit[i];
      if (i > 0 && book.buyLimit[i - 1] == limit) {
        continue; // the whole level first
      }
      while (j < book.sellerCount() && book.sellAsk[j] <= limit) {
        sold += volumes[1][j++];
      }
      if (sold - bought < worst) {
        worst = sold - bought;
        level = limit;
      }
    }
    return level;
  }
}
