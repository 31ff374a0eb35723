package energy.p2p.clearing;

import energy.p2p.grid.NewtonRaphsonSolver;
import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import java.util.ArrayList;
import java.util.List;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Exact trade-off fronts of one book, computed independently of the engine for its tests (no fee,
 * no class rule), ojAlgo, and the AC grid by Newton-Raphson. Two formulations of which trades a
 * book allows ({@link Formulation}): one variable per rational (buyer, seller) pair (limit ≥
 * ask), or — the same set of trades, far fewer variables — one volume per bid with Hall's
 * condition as a chain of rows; {@code TradeOffReferenceTest} checks they agree. The grid — its sensitivities by finite differences, re-linearised at each
 * solution until the linear model agrees with the AC load flow (successive LP / QP), so the
 * fronts are AC-exact, not those of a linearised feeder. Every front is an ε-constraint sweep
 * over welfare: the best trade-off objective among the trades that reach a given social welfare.
 *
 * <ul>
 *   <li>{@link #fillAt}: max STANDARD fill rate s.t. welfare ≥ w (an LP; voltage rows only when
 *       {@code gridRows});
 *   <li>{@link #headroomAt}: max t s.t. welfare ≥ w, every bus but the slack within
 *       [vMin + t, vMax − t] of the feeder's limits and within the limits in force (the feeder's,
 *       loosened to the base case where the base load breaks them, as the market rules say);
 *   <li>{@link #lossesAt}: min AC losses s.t. welfare ≥ w: a convex QP on the losses' quadratic
 *       model (gradient by central differences at the current point, curvature from the branch
 *       flows), repeated at each solution (sequential QP).
 * </ul>
 */
final class TradeOffReference {
  private static final double STEP_KW = 5.0;
  private static final int ROUNDS = 12;

  /**
   * Which trades a book allows, as variables of the LP / QP.
   *
   * <ul>
   *   <li>{@code PAIRS}: one variable per rational (buyer, seller) pair, each bid's quantity a row
   *       — the plain statement, O(buyers × sellers) variables;
   *   <li>{@code BIDS}: one volume per bid that can trade at all, plus Hall's condition: without
   *       a fee welfare is Σ limit·bought − Σ ask·sold whatever the pairing, so only which
   *       volumes some rational pairing realises matters, and (Gale's theorem; the buyers a
   *       seller can serve are nested by price) that is: for every buyer limit L, the buyers
   *       with limit ≤ L buy at most what the sellers with ask ≤ L sell, and both sides balance.
   *       Written as a chain u_k = u_{k−1} + (sold at asks in (L_{k−1}, L_k]) − (bought at limit
   *       L_k), u_k ≥ 0 (supply left over for dearer buyers), u_last = 0: O(buyers + sellers)
   *       variables, each volume in one chain row.
   * </ul>
   */
  enum Formulation { PAIRS, BIDS }

  private final RadialFeeder feeder;
  private final double frameHours;
  private final boolean gridRows;
  private final int buses;
  private final Formulation formulation;
  /** Columns of the model: {buyer, seller}, −1 for "none" (a pair has both, a bid volume one). */
  private final List<int[]> columns = new ArrayList<>();
  /** {@code BIDS}: per chain level (distinct buyer limits, ascending), its limit. */
  private double[] levels = new double[0];
  private final List<Bid> buyers = new ArrayList<>();
  private final List<Bid> sellers = new ArrayList<>();
  private final double standardDemandKwh;
  private final NewtonRaphsonSolver nr;
  private final double[] vMinInForce;
  private final double[] vMaxInForce;
  private double[] leastLossInjection;
  /**
   * The welfare optimum's injections: ε-constraint solves start their linearisation there (a
   * welfare floor near the optimum is then feasible in the first round's model, where the
   * no-trade linearisation may not reach it).
   */
  private double[] welfareInjection;

  /** The last solve's bus injections (kW), for AC checks. */
  double[] lastInjectionKw;

  TradeOffReference(RadialFeeder feeder, List<Bid> bids, double frameHours, boolean gridRows) {
    this(feeder, bids, frameHours, gridRows, Formulation.BIDS);
  }

  TradeOffReference(RadialFeeder feeder, List<Bid> bids, double frameHours, boolean gridRows,
      Formulation formulation) {
    this.feeder = feeder;
    this.formulation = formulation;
    this.frameHours = frameHours;
    this.gridRows = gridRows;
    this.buses = feeder.busCount();
    double demand = 0;
    for (Bid b : bids) {
      if (b.isBuy()) {
        buyers.add(b);
        demand += b.buyerClass() == BuyerClass.STANDARD ? b.quantityKwh() : 0;
      } else {
        sellers.add(b);
      }
    }
    standardDemandKwh = demand;
    if (formulation == Formulation.PAIRS) {
      for (int i = 0; i < buyers.size(); i++) {
        for (int j = 0; j < sellers.size(); j++) {
          if (buyers.get(i).limitPrice() >= sellers.get(j).limitPrice()) {
            columns.add(new int[] {i, j});
          }
        }
      }
    } else {
      bidColumns();
    }
    nr = new NewtonRaphsonSolver(feeder);
    PowerFlowResult base = nr.solve(null).copy();
    vMinInForce = new double[buses];
    vMaxInForce = new double[buses];
    for (int k = 0; k < buses; k++) {
      vMinInForce[k] = Math.min(feeder.vMinPu(), base.vPu(k));
      vMaxInForce[k] = Math.max(feeder.vMaxPu(), base.vPu(k));
    }
  }

  /** {@code BIDS}: a column per bid that has a rational counterpart; the chain's levels. */
  private void bidColumns() {
    double minAsk = sellers.stream().mapToDouble(Bid::limitPrice).min().orElse(Double.NaN);
    double maxLimit = buyers.stream().mapToDouble(Bid::limitPrice).max().orElse(Double.NaN);
    for (int i = 0; i < buyers.size(); i++) {
      if (buyers.get(i).limitPrice() >= minAsk) {
        columns.add(new int[] {i, -1});
      }
    }
    for (int j = 0; j < sellers.size(); j++) {
      if (sellers.get(j).limitPrice() <= maxLimit) {
        columns.add(new int[] {-1, j});
      }
    }
    levels = columns.stream().filter(c -> c[0] >= 0)
        .mapToDouble(c -> buyers.get(c[0]).limitPrice()).distinct().sorted().toArray();
  }

  /** Variables (columns) of the model: pairs or bid volumes. */
  int variableCount() {
    return columns.size();
  }

  /** The highest social welfare the book reaches (AC-feasible when {@code gridRows}). */
  double maxWelfare() {
    double best = solve(Goal.WELFARE, Double.NEGATIVE_INFINITY).welfare;
    welfareInjection = lastInjectionKw.clone();
    return best;
  }

  /** The most STANDARD fill rate among trades of welfare ≥ {@code w}. */
  double fillAt(double w) {
    return solve(Goal.FILL, w).value;
  }

  /** The most voltage headroom (p.u.) among trades of welfare ≥ {@code w}. */
  double headroomAt(double w) {
    return solve(Goal.HEADROOM, w).value;
  }

  /** The least AC losses (kW) among trades of welfare ≥ {@code w}. */
  double lossesAt(double w) {
    return solve(Goal.LOSSES, w).value;
  }

  /** The best trade-off value among trades of welfare ≥ {@code w} ({@link #fillAt} etc.). */
  double valueAt(Goal goal, double w) {
    return switch (goal) {
      case FILL -> fillAt(w);
      case LOSSES -> lossesAt(w);
      case HEADROOM -> headroomAt(w);
      case WELFARE -> throw new IllegalArgumentException("welfare is not a trade-off");
    };
  }

  /** Welfare of the trades that are best in the trade-off objective alone (the front's far end). */
  double welfareAtBest(Goal goal) {
    Result best = solve(goal, Double.NEGATIVE_INFINITY);
    leastLossInjection = lastInjectionKw.clone();
    // the best objective value, then as much welfare as that allows (lexicographic)
    return solve(Goal.WELFARE, Double.NEGATIVE_INFINITY, goal, best.value).welfare;
  }

  enum Goal { WELFARE, FILL, HEADROOM, LOSSES }

  private record Result(double welfare, double value) {}

  private Result solve(Goal goal, double welfareFloor) {
    return solve(goal, welfareFloor, null, Double.NaN);
  }

  /**
   * Successive linearisation: build the model around operating point p (first: no trade), solve,
   * move p to the solution, until the AC load flow agrees with the linear model (or the point
   * stops moving).
   */
  private Result solve(Goal goal, double welfareFloor, Goal floorGoal, double floor) {
    double[] p = Double.isFinite(welfareFloor) && welfareInjection != null
        ? welfareInjection.clone() : new double[buses];
    Result result = null;
    for (int round = 0; round < ROUNDS; round++) {
      PowerFlowResult at = nr.solve(p).copy();
      double[][] dv = needsVoltages(goal, floorGoal) ? voltageSensitivities(p, at) : null;
      double[] gradient = goal == Goal.LOSSES ? lossGradient(p) : null;
      Model model = build(goal, welfareFloor, floorGoal, floor, p, at, dv, gradient);
      Optimisation.Result r = goal == Goal.LOSSES ? model.m.minimise() : model.m.maximise();
      if (!r.getState().isFeasible() && result != null) {
        break; // a later round's model lost the floor: keep the last AC-checked solution
      }
      if (!r.getState().isFeasible()) {
        throw new IllegalStateException(goal + " at welfare >= " + welfareFloor + ": "
            + r.getState());
      }
      double[] next = model.injection();
      double move = 0;
      for (int k = 0; k < buses; k++) {
        move = Math.max(move, Math.abs(next[k] - p[k]));
      }
      p = next;
      PowerFlowResult ac = nr.solve(p);
      double value = switch (goal) {
        case WELFARE -> model.welfare();
        case FILL -> model.fill();
        case HEADROOM -> headroom(ac);
        case LOSSES -> ac.pLossKw();
      };
      result = new Result(model.welfare(), value);
      if (move < 1e-6 && (dv == null || model.linearError(ac) < 1e-9)) {
        break;
      }
    }
    lastInjectionKw = p;
    return result;
  }

  private boolean needsVoltages(Goal goal, Goal floorGoal) {
    return gridRows || goal == Goal.HEADROOM || floorGoal == Goal.HEADROOM;
  }

  /** The model of one round. */
  private final class Model {
    final ExpressionsBasedModel m = new ExpressionsBasedModel();
    final Variable[] x = new Variable[columns.size()];
    final Expression[] injection = new Expression[buses]; // kW per bus (linear in x)
    final double[] at;
    final PowerFlowResult flow;
    final double[][] dv;

    Model(double[] at, PowerFlowResult flow, double[][] dv) {
      this.at = at;
      this.flow = flow;
      this.dv = dv;
    }

    double welfare() {
      double w = 0;
      for (int q = 0; q < x.length; q++) {
        w += x[q].getValue().doubleValue() * welfarePerKwh(columns.get(q));
      }
      return w;
    }

    double fill() {
      double s = 0;
      for (int q = 0; q < x.length; q++) {
        s += standard(columns.get(q)) ? x[q].getValue().doubleValue() : 0;
      }
      return standardDemandKwh > 0 ? s / standardDemandKwh : 0;
    }

    double[] injection() {
      double[] kw = new double[buses];
      for (int q = 0; q < x.length; q++) {
        int[] c = columns.get(q);
        double v = x[q].getValue().doubleValue() / frameHours;
        if (c[1] >= 0) {
          kw[feeder.indexOf(sellers.get(c[1]).bus())] += v;
        }
        if (c[0] >= 0) {
          kw[feeder.indexOf(buyers.get(c[0]).bus())] -= v;
        }
      }
      return kw;
    }

    /** Largest |AC − linear model| voltage at the solution, p.u. */
    double linearError(PowerFlowResult ac) {
      double[] kw = injection();
      double worst = 0;
      for (int k = 1; k < buses; k++) {
        double lin = flow.vPu(k);
        for (int j = 1; j < buses; j++) {
          lin += dv[k][j] * (kw[j] - at[j]);
        }
        worst = Math.max(worst, Math.abs(ac.vPu(k) - lin));
      }
      return worst;
    }
  }

  private Model build(Goal goal, double welfareFloor, Goal floorGoal, double floor, double[] at,
      PowerFlowResult flow, double[][] dv, double[] gradient) {
    Model md = new Model(at, flow, dv);
    ExpressionsBasedModel m = md.m;
    boolean pairs = formulation == Formulation.PAIRS; // else a bid's quantity is its bound
    Expression[] buyerCap = new Expression[buyers.size()];
    Expression[] sellerCap = new Expression[sellers.size()];
    for (int i = 0; pairs && i < buyerCap.length; i++) {
      buyerCap[i] = m.addExpression("b" + i).upper(buyers.get(i).quantityKwh());
    }
    for (int j = 0; pairs && j < sellerCap.length; j++) {
      sellerCap[j] = m.addExpression("s" + j).upper(sellers.get(j).quantityKwh());
    }
    Expression welfare = m.addExpression("welfare");
    if (Double.isFinite(welfareFloor)) {
      welfare.lower(welfareFloor - 1e-9 * Math.max(1, Math.abs(welfareFloor)));
    }
    Variable[] p = new Variable[buses]; // kW injected per bus, tied to the pairs
    Expression[] tie = new Expression[buses];
    for (int k = 1; k < buses; k++) {
      p[k] = m.addVariable("p" + k);
      tie[k] = m.addExpression("tie" + k).level(0);
      tie[k].set(p[k], -1);
    }
    Expression fill = m.addExpression("fill");
    Expression[] chain = formulation == Formulation.BIDS ? chain(m) : null;
    for (int q = 0; q < columns.size(); q++) {
      int[] c = columns.get(q);
      Variable x = m.addVariable("x" + q).lower(0);
      md.x[q] = x;
      welfare.set(x, welfarePerKwh(c));
      if (c[0] >= 0) {
        Bid b = buyers.get(c[0]);
        if (pairs) {
          buyerCap[c[0]].set(x, 1);
        } else {
          x.upper(b.quantityKwh());
        }
        tie[feeder.indexOf(b.bus())].add(x, -1 / frameHours);
        if (chain != null) { // bought at level L_k leaves the chain at k
          chain[java.util.Arrays.binarySearch(levels, b.limitPrice())].set(x, -1);
        }
      }
      if (c[1] >= 0) {
        Bid s = sellers.get(c[1]);
        if (pairs) {
          sellerCap[c[1]].set(x, 1);
        } else {
          x.upper(s.quantityKwh());
        }
        tie[feeder.indexOf(s.bus())].add(x, 1 / frameHours);
        if (chain != null) { // sold at ask a enters at the first level L_k ≥ a
          chain[firstLevelAtLeast(s.limitPrice())].set(x, 1);
        }
      }
      if (standard(c) && standardDemandKwh > 0) {
        fill.set(x, 1 / standardDemandKwh);
      }
    }
    Variable t = null;
    if (goal == Goal.HEADROOM || floorGoal == Goal.HEADROOM) {
      t = m.addVariable("t");
    }
    if (dv != null) {
      for (int k = 1; k < buses; k++) {
        // v_k ≈ v_k(at) + Σ_j dv[k][j] (p_j − at_j)
        double constant = flow.vPu(k);
        for (int j = 1; j < buses; j++) {
          constant -= dv[k][j] * at[j];
        }
        Expression v = m.addExpression("v" + k).lower(vMinInForce[k] - constant)
            .upper(vMaxInForce[k] - constant);
        for (int j = 1; j < buses; j++) {
          if (dv[k][j] != 0) {
            v.set(p[j], dv[k][j]);
          }
        }
        if (t != null) { // v − t ≥ vMin, v + t ≤ vMax (the feeder's own limits)
          Expression lo = m.addExpression("lo" + k).lower(feeder.vMinPu() - constant);
          Expression hi = m.addExpression("hi" + k).upper(feeder.vMaxPu() - constant);
          for (int j = 1; j < buses; j++) {
            if (dv[k][j] != 0) {
              lo.set(p[j], dv[k][j]);
              hi.set(p[j], dv[k][j]);
            }
          }
          lo.set(t, -1);
          hi.set(t, 1);
        }
      }
    }
    if (floorGoal == Goal.FILL) {
      fill.lower(floor - 1e-9);
    } else if (floorGoal == Goal.HEADROOM) {
      t.lower(floor - 1e-9);
    } else if (floorGoal == Goal.LOSSES) {
      // the injections of the least-losses trades (unique: the losses are strictly convex in
      // them), then as much welfare as trades with exactly those injections give
      for (int k = 1; k < buses; k++) {
        p[k].lower(leastLossInjection[k] - 1e-6).upper(leastLossInjection[k] + 1e-6);
      }
    }
    switch (goal) {
      case WELFARE -> welfare.weight(1);
      case FILL -> fill.weight(1);
      case HEADROOM -> t.weight(1);
      case LOSSES -> lossModel(m, p, at, gradient, flow);
    }
    return md;
  }

  /**
   * {@code BIDS}: the rows u_{k−1} − u_k + sold entering at k − bought at k = 0 of Hall's chain
   * (class comment), with u_k ≥ 0 the supply at asks ≤ L_k not bought by buyers of limit ≤ L_k
   * and the last u fixed at 0 (bought = sold); the caller adds the volumes.
   */
  private Expression[] chain(ExpressionsBasedModel m) {
    Expression[] rows = new Expression[levels.length];
    Variable previous = null;
    for (int k = 0; k < levels.length; k++) {
      Variable u = m.addVariable("u" + k).lower(0);
      if (k == levels.length - 1) {
        u.upper(0);
      }
      rows[k] = m.addExpression("chain" + k).level(0);
      rows[k].set(u, -1);
      if (previous != null) {
        rows[k].set(previous, 1);
      }
      previous = u;
    }
    return rows;
  }

  /** Index of the first chain level ≥ {@code ask} (a tradeable seller has one). */
  private int firstLevelAtLeast(double ask) {
    int k = java.util.Arrays.binarySearch(levels, ask);
    return k >= 0 ? k : -k - 1;
  }

  private double welfarePerKwh(int[] c) {
    return (c[0] >= 0 ? buyers.get(c[0]).limitPrice() : 0)
        - (c[1] >= 0 ? sellers.get(c[1]).limitPrice() : 0);
  }

  private boolean standard(int[] c) {
    return c[0] >= 0 && buyers.get(c[0]).buyerClass() == BuyerClass.STANDARD;
  }

  /**
   * ½ (p − at)ᵀ H (p − at) + g·(p − at) as the objective (constant dropped): g the AC gradient
   * (Newton-Raphson differences at {@code at}), H the losses' curvature in branch flows — losses
   * ≈ Σ_b r_b (P_b² + Q_b²) / V_b², P_b the net load of the subtree below branch b, so H =
   * Σ_b h_b a_b a_bᵀ with h_b = 2 r_b / (1000 V_b²) (kW, Ω, kV) and a_b the subtree's indicator.
   * A variable per branch flow keeps the QP's quadratic diagonal (a dense 32 × 32 one made ojAlgo
   * take seconds per solve). The curvature only steers the steps: a converged sequential QP is a
   * stationary point of the AC losses themselves.
   */
  private void lossModel(ExpressionsBasedModel m, Variable[] p, double[] at, double[] g,
      PowerFlowResult flow) {
    Expression objective = m.addExpression("losses-model").weight(1);
    for (int j = 1; j < buses; j++) {
      objective.set(p[j], g[j]);
    }
    for (int c = 1; c < buses; c++) { // branch c − 1 feeds bus c
      double kv = feeder.baseKv() * flow.vPu(c);
      double h = 2 * feeder.branchROhm(c - 1) / (1000 * kv * kv);
      Variable f = m.addVariable("f" + c);
      Expression subtree = m.addExpression("flow" + c).level(0);
      subtree.set(f, -1);
      double atFlow = 0;
      for (int j = 1; j < buses; j++) {
        if (below(j, c)) {
          subtree.set(p[j], 1);
          atFlow += at[j];
        }
      }
      objective.set(f, f, 0.5 * h);
      objective.set(f, -h * atFlow);
    }
  }

  /** Whether bus index j is c or lies below it. */
  private boolean below(int j, int c) {
    for (int k = j; k > 0; k = feeder.parentIndex(k)) {
      if (k == c) {
        return true;
      }
    }
    return false;
  }

  /** ∂losses/∂p_j (kW per kW) at p, central differences of Newton-Raphson. */
  private double[] lossGradient(double[] p) {
    double[] q = p.clone();
    double[] g = new double[buses];
    for (int j = 1; j < buses; j++) {
      q[j] = p[j] + STEP_KW;
      double up = nr.solve(q).pLossKw();
      q[j] = p[j] - STEP_KW;
      double down = nr.solve(q).pLossKw();
      q[j] = p[j];
      g[j] = (up - down) / (2 * STEP_KW);
    }
    return g;
  }

  /** [k][j]: p.u. at bus k per kW injected at bus j, forward differences of NR at p. */
  private double[][] voltageSensitivities(double[] p, PowerFlowResult at) {
    double[][] dv = new double[buses][buses];
    double[] q = p.clone();
    for (int j = 1; j < buses; j++) {
      q[j] = p[j] + STEP_KW;
      PowerFlowResult up = nr.solve(q);
      double[] vUp = new double[buses];
      for (int k = 0; k < buses; k++) {
        vUp[k] = up.vPu(k);
      }
      q[j] = p[j] - STEP_KW;
      PowerFlowResult down = nr.solve(q);
      for (int k = 1; k < buses; k++) {
        dv[k][j] = (vUp[k] - down.vPu(k)) / (2 * STEP_KW);
      }
      q[j] = p[j];
    }
    return dv;
  }

  /** The smallest margin to the feeder's limits over every bus but the slack, p.u. */
  double headroom(PowerFlowResult r) {
    double least = Double.POSITIVE_INFINITY;
    for (int k = 1; k < buses; k++) {
      least = Math.min(least, Math.min(r.vPu(k) - feeder.vMinPu(), feeder.vMaxPu() - r.vPu(k)));
    }
    return least;
  }

  /** Whether the last solve's trades keep every bus within the limits in force (NR). */
  boolean lastWithinLimits() {
    PowerFlowResult r = nr.solve(lastInjectionKw);
    for (int k = 1; k < buses; k++) {
      if (r.vPu(k) < vMinInForce[k] - 1e-9 || r.vPu(k) > vMaxInForce[k] + 1e-9) {
        return false;
      }
    }
    return r.converged();
  }

}
