package energy.p2p.clearing;

import energy.p2p.grid.BackwardForwardSweep;
import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.model.Bid;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The plain LP a utility engineer would write for a window, built here independently of the
 * engine: one variable per bid, the energy balance, and every bus voltage within the feeder's
 * limits by LinDistFlow around the AC base case: V_k = V_k,base + Σ_j R(k, j) ΔP_j (p.u.), R(k, j)
 * the resistance the paths from the slack to k and to j share (lossless, active power only). The
 * same LP the benchmark hands HiGHS ({@code GridBoundBenchmark} uses {@link #sensitivities}).
 */
public final class LinDistFlowReference {
  private LinDistFlowReference() {}

  /** [k][j]: p.u. of voltage at bus k per kW injected at bus j. */
  public static double[][] sensitivities(RadialFeeder f) {
    int n = f.busCount();
    double[] rootR = new double[n];
    for (int k = 1; k < n; k++) {
      rootR[k] = rootR[f.parentIndex(k)] + f.branchROhm(k - 1) / f.baseImpedanceOhm();
    }
    double[][] dv = new double[n][n];
    for (int k = 1; k < n; k++) {
      for (int j = 1; j < n; j++) {
        int a = k;
        int b = j;
        while (a != b) { // common ancestor: parents have smaller indices
          if (a > b) {
            a = f.parentIndex(a);
          } else {
            b = f.parentIndex(b);
          }
        }
        dv[k][j] = rootR[a] / RadialFeeder.S_BASE_KVA;
      }
    }
    return dv;
  }

  static double optimumWelfare(RadialFeeder f, java.util.List<Bid> bids, double frameHours) {
    int n = f.busCount();
    double[][] dv = sensitivities(f);
    PowerFlowResult base = new BackwardForwardSweep(f).solve(null).copy();
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    Expression balance = model.addExpression("balance").level(0);
    Expression[] voltage = new Expression[n];
    for (int k = 1; k < n; k++) {
      voltage[k] = model.addExpression("v" + k)
          .lower(f.vMinPu() - base.vPu(k)).upper(f.vMaxPu() - base.vPu(k));
    }
    for (Bid b : bids) {
      boolean buy = b.isBuy();
      Variable x = model.addVariable(b.bidId()).lower(0).upper(b.quantityKwh())
          .weight(buy ? b.limitPrice() : -b.limitPrice());
      balance.set(x, buy ? 1 : -1);
      int bus = f.indexOf(b.bus());
      double kwPerKwh = (buy ? -1 : 1) / frameHours;
      for (int k = 1; k < n; k++) {
        voltage[k].set(x, dv[k][bus] * kwPerKwh);
      }
    }
    Optimisation.Result result = model.maximise();
    if (!result.getState().isFeasible()) {
      throw new IllegalStateException("LinDistFlow LP: " + result.getState());
    }
    return result.getValue();
  }
}
