package energy.p2p.clearing;

import energy.p2p.grid.NewtonRaphsonSolver;
import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.model.Bid;
import java.util.ArrayList;
import java.util.List;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The exact fee-aware optimum, built in the test with ojAlgo and independently of the production
 * code (no tree flow, no decoder): every kWh between buyer i and seller j pays
 * rate × R(bus_i, bus_j), the resistance of the path between the two buses, walked here from the
 * feeder's branch data.
 *
 * <ul>
 *   <li>{@link #perPair}: one variable per (buyer, seller) pair that gains anything — the
 *       textbook transportation LP; for books up to a few thousand pairs.
 *   <li>{@link #perBusPair}: one variable per bid and one per (buyer bus, seller bus) flow —
 *       equal to the per-pair LP (fees depend only on the two buses; {@code FeeClearingTest}
 *       checks the two agree), small enough for 500 × 500 books; with {@code voltageRows}, every
 *       bus voltage within the feeder's limits, linearised around the base case by finite
 *       differences of the Newton-Raphson solver (as {@link LinearisedFeederReference}).
 * </ul>
 */
final class FeeAwareReference {
  private static final double STEP_KW = 10.0;

  private FeeAwareReference() {}

  /** Path resistance between two bus indices, ohm, walked up the feeder's parent links. */
  static double pathOhm(RadialFeeder f, int a, int b) {
    List<Integer> upA = new ArrayList<>();
    for (int k = a; k >= 0; k = f.parentIndex(k)) {
      upA.add(k);
    }
    double rB = 0;
    int k = b;
    while (!upA.contains(k)) {
      rB += f.branchROhm(k - 1);
      k = f.parentIndex(k);
    }
    double rA = 0;
    for (int x = a; x != k; x = f.parentIndex(x)) {
      rA += f.branchROhm(x - 1);
    }
    return rA + rB;
  }

  static double perPair(RadialFeeder f, List<Bid> bids, double rate) {
    List<Bid> buyers = bids.stream().filter(Bid::isBuy).toList();
    List<Bid> sellers = bids.stream().filter(b -> !b.isBuy()).toList();
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    Expression[] bought = new Expression[buyers.size()];
    Expression[] sold = new Expression[sellers.size()];
    for (int i = 0; i < bought.length; i++) {
      bought[i] = model.addExpression("b" + i).upper(buyers.get(i).quantityKwh());
    }
    for (int j = 0; j < sold.length; j++) {
      sold[j] = model.addExpression("s" + j).upper(sellers.get(j).quantityKwh());
    }
    for (int i = 0; i < bought.length; i++) {
      for (int j = 0; j < sold.length; j++) {
        Bid b = buyers.get(i);
        Bid s = sellers.get(j);
        double gain = b.limitPrice() - s.limitPrice()
            - rate * pathOhm(f, f.indexOf(b.bus()), f.indexOf(s.bus()));
        if (gain > 0) {
          Variable q = model.addVariable("q" + i + "_" + j).lower(0).weight(gain);
          bought[i].set(q, 1);
          sold[j].set(q, 1);
        }
      }
    }
    return solve(model);
  }

  static double perBusPair(RadialFeeder f, List<Bid> bids, double rate, boolean voltageRows,
      double frameHours) {
    int n = f.busCount();
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    // per bus: kWh bought there = Σ flows into it; kWh sold there = Σ flows out of it
    Expression[] drawn = new Expression[n];
    Expression[] fed = new Expression[n];
    for (int k = 0; k < n; k++) {
      drawn[k] = model.addExpression("drawn" + k).level(0);
      fed[k] = model.addExpression("fed" + k).level(0);
    }
    double[][] dv = voltageRows ? sensitivities(f) : null;
    Expression[] voltage = new Expression[n];
    PowerFlowResult base = voltageRows ? new NewtonRaphsonSolver(f).solve(null).copy() : null;
    for (int k = 1; voltageRows && k < n; k++) {
      voltage[k] = model.addExpression("v" + k)
          .lower(f.vMinPu() - base.vPu(k)).upper(f.vMaxPu() - base.vPu(k));
    }
    boolean[] buyerBus = new boolean[n];
    boolean[] sellerBus = new boolean[n];
    for (Bid b : bids) {
      int bus = f.indexOf(b.bus());
      Variable x = model.addVariable(b.bidId()).lower(0).upper(b.quantityKwh())
          .weight(b.isBuy() ? b.limitPrice() : -b.limitPrice());
      (b.isBuy() ? drawn : fed)[bus].set(x, 1);
      (b.isBuy() ? buyerBus : sellerBus)[bus] = true;
      if (voltageRows) {
        double kwPerKwh = (b.isBuy() ? -1 : 1) / frameHours;
        for (int k = 1; k < n; k++) {
          voltage[k].set(x, dv[k][bus] * kwPerKwh);
        }
      }
    }
    for (int a = 0; a < n; a++) {
      for (int s = 0; s < n; s++) {
        if (buyerBus[a] && sellerBus[s]) {
          Variable flow = model.addVariable("F" + a + "_" + s).lower(0)
              .weight(-rate * pathOhm(f, a, s));
          drawn[a].set(flow, -1);
          fed[s].set(flow, -1);
        }
      }
    }
    return solve(model);
  }

  /** [observed][injected] p.u. per kW, finite differences of Newton-Raphson at the base case. */
  private static double[][] sensitivities(RadialFeeder f) {
    int n = f.busCount();
    NewtonRaphsonSolver nr = new NewtonRaphsonSolver(f);
    PowerFlowResult base = nr.solve(null).copy();
    double[][] dv = new double[n][n];
    double[] injection = new double[n];
    for (int j = 1; j < n; j++) {
      injection[j] = STEP_KW;
      PowerFlowResult r = nr.solve(injection);
      injection[j] = 0;
      for (int k = 0; k < n; k++) {
        dv[k][j] = (r.vPu(k) - base.vPu(k)) / STEP_KW;
      }
    }
    return dv;
  }

  private static double solve(ExpressionsBasedModel model) {
    Optimisation.Result result = model.maximise();
    if (!result.getState().isFeasible()) {
      throw new IllegalStateException("reference LP: " + result.getState());
    }
    return result.getValue();
  }
}
