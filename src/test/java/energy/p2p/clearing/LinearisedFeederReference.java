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
 * The reference optimum of a book on a feeder whose voltage limits bind, built independently of
 * the production code: the feeder is linearised around its base case by finite differences of
 * the Newton-Raphson solver (+10 kW at each bus in turn), then an LP maximises social welfare
 * Σ limit·bought − Σ ask·sold subject to balance, bid quantities and every bus voltage within
 * [vMinPu, vMaxPu] (no class rule, no fee, no current ratings).
 */
final class LinearisedFeederReference {
  private static final double STEP_KW = 10.0;

  private LinearisedFeederReference() {}

  static double optimumWelfare(RadialFeeder feeder, List<Bid> bids, double frameHours) {
    int n = feeder.busCount();
    NewtonRaphsonSolver nr = new NewtonRaphsonSolver(feeder);
    PowerFlowResult base = nr.solve(null).copy();
    double[][] dv = new double[n][n]; // [observed][injected] p.u. per kW
    double[] injection = new double[n];
    for (int j = 1; j < n; j++) {
      injection[j] = STEP_KW;
      PowerFlowResult r = nr.solve(injection);
      injection[j] = 0;
      for (int k = 0; k < n; k++) {
        dv[k][j] = (r.vPu(k) - base.vPu(k)) / STEP_KW;
      }
    }
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    Expression balance = model.addExpression("balance").level(0);
    Expression[] voltage = new Expression[n];
    for (int k = 1; k < n; k++) {
      voltage[k] = model.addExpression("v" + k)
          .lower(feeder.vMinPu() - base.vPu(k)).upper(feeder.vMaxPu() - base.vPu(k));
    }
    List<Variable> vars = new ArrayList<>();
    for (Bid b : bids) {
      boolean buy = b.isBuy();
      Variable x = model.addVariable(b.bidId()).lower(0).upper(b.quantityKwh())
          .weight(buy ? b.limitPrice() : -b.limitPrice());
      vars.add(x);
      balance.set(x, buy ? 1 : -1);
      int bus = feeder.indexOf(b.bus());
      double kwPerKwh = (buy ? -1 : 1) / frameHours;
      for (int k = 1; k < n; k++) {
        voltage[k].set(x, dv[k][bus] * kwPerKwh);
      }
    }
    Optimisation.Result result = model.maximise();
    if (!result.getState().isFeasible()) {
      throw new IllegalStateException("reference LP: " + result.getState());
    }
    return result.getValue();
  }
}
