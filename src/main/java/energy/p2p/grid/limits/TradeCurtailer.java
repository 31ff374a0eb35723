package energy.p2p.grid.limits;

import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.PowerFlowSolver;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.grid.VoltageSensitivity;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * The curtailment kernel: given trades as (buyer bus, seller bus, kWh, welfare per kWh), cuts them
 * until the AC sweep finds every bus and rated branch within {@link GridLimits}. Each step cuts the
 * trade that loses the least welfare per unit of violation relieved (the relief is linearised with
 * {@link VoltageSensitivity} at the current operating point) by just enough to clear the worst
 * violation it relieves, then re-runs the sweep — so what is finally published has passed the AC
 * check itself, not a linear estimate. Not thread-safe (shares the caller's solver).
 */
public final class TradeCurtailer {
  /** Overshoot of each cut, to absorb the nonlinearity of voltage and current. */
  private static final double CUT_OVERSHOOT = 1.05;
  private static final double EPS_KWH = 1e-9;

  private final GridLimits limits;
  private final RadialFeeder feeder;
  private final PowerFlowSolver solver;
  private final double frameHours;
  private final int[] allBuses;

  public TradeCurtailer(GridLimits limits, PowerFlowSolver solver, double frameHours) {
    this.limits = limits;
    this.feeder = limits.feeder();
    this.solver = solver;
    this.frameHours = frameHours;
    this.allBuses = new int[feeder.busCount()];
    for (int k = 0; k < allBuses.length; k++) {
      allBuses[k] = k;
    }
  }

  /** What a curtailment did: cuts per trade, why, and the final (feasible) load flow. */
  public record Outcome(
      boolean converged,
      double[] cutKwh,
      String[] reason,
      TreeSet<Integer> bindingBuses,
      TreeSet<String> bindingBranches,
      PowerFlowResult finalFlow) {
    public double totalCutKwh() {
      return Arrays.stream(cutKwh).sum();
    }
  }

  /**
   * Cuts {@code kwh} in place. Trades are given by bus INDICES. Returns {@code converged=false}
   * only when even the base case (no trade at all) does not converge.
   */
  public Outcome curtail(int count, int[] buyerBus, int[] sellerBus, double[] kwh,
      double[] welfarePerKwh) {
    double[] cut = new double[count];
    String[] reason = new String[count];
    TreeSet<Integer> buses = new TreeSet<>();
    TreeSet<String> branches = new TreeSet<>();
    double[] injection = new double[feeder.busCount()];
    double[] totals = new double[3];
    int maxSteps = 4 * count + 50;
    for (int step = 0; ; step++) {
      PowerFlowResult flow = solver.solve(injections(count, buyerBus, sellerBus, kwh, injection));
      if (!flow.converged()) {
        if (allZero(count, kwh)) {
          return new Outcome(false, cut, reason, buses, branches, flow.copy());
        }
        scaleAll(count, kwh, cut, reason, step < 40 ? 0.5 : 0.0, "NOT_CONVERGED");
        continue;
      }
      if (limits.violations(flow, totals) == 0) {
        return new Outcome(true, cut, reason, buses, branches, flow.copy());
      }
      if (allZero(count, kwh)) {
        // limits that "no trade" itself breaks (never the case with limits loosened to the base
        // case): nothing is left to cut, so stop instead of cutting nothing forever
        return new Outcome(true, cut, reason, buses, branches, flow.copy());
      }
      Violated violated = Violated.of(limits, flow, buses, branches);
      if (step >= maxSteps || !cutBest(count, buyerBus, sellerBus, kwh, welfarePerKwh, cut,
          reason, violated, flow)) {
        scaleAll(count, kwh, cut, reason, 0.0, violated.worstName());
      }
    }
  }

  private boolean cutBest(int count, int[] buyerBus, int[] sellerBus, double[] kwh,
      double[] welfarePerKwh, double[] cut, String[] reason, Violated violated,
      PowerFlowResult flow) {
    VoltageSensitivity sensitivity = VoltageSensitivity.around(feeder, flow, allBuses);
    double[][] dv = sensitivity.dVpuPerKw();
    double[][] di = sensitivity.dCurrentAPerKw();
    int best = -1;
    double bestScore = Double.POSITIVE_INFINITY;
    for (int t = 0; t < count; t++) {
      if (kwh[t] <= EPS_KWH) {
        continue;
      }
      double relief = violated.totalRelief(dv, di, buyerBus[t], sellerBus[t], frameHours, limits);
      if (relief > 1e-12) {
        double score = Math.max(0, welfarePerKwh[t]) / relief;
        if (score < bestScore) {
          bestScore = score;
          best = t;
        }
      }
    }
    if (best < 0) {
      return false;
    }
    int e = violated.worstRelieved(dv, di, buyerBus[best], sellerBus[best], frameHours, limits);
    double perKwh = violated.relief(e, dv, di, buyerBus[best], sellerBus[best], frameHours,
        limits);
    double delta = Math.min(kwh[best], CUT_OVERSHOOT * violated.amount(e) / perKwh + EPS_KWH);
    kwh[best] -= delta;
    if (kwh[best] < EPS_KWH) {
      delta += kwh[best];
      kwh[best] = 0;
    }
    cut[best] += delta;
    if (reason[best] == null) {
      reason[best] = violated.name(e);
    }
    return true;
  }

  private double[] injections(int count, int[] buyerBus, int[] sellerBus, double[] kwh,
      double[] injection) {
    Arrays.fill(injection, 0.0);
    for (int t = 0; t < count; t++) {
      double kw = kwh[t] / frameHours;
      injection[sellerBus[t]] += kw;
      injection[buyerBus[t]] -= kw;
    }
    return injection;
  }

  private static boolean allZero(int count, double[] kwh) {
    for (int t = 0; t < count; t++) {
      if (kwh[t] > 0) {
        return false;
      }
    }
    return true;
  }

  private static void scaleAll(int count, double[] kwh, double[] cut, String[] reason,
      double factor, String why) {
    for (int t = 0; t < count; t++) {
      if (kwh[t] > 0) {
        double delta = factor == 0.0 ? kwh[t] : kwh[t] * (1 - factor);
        kwh[t] -= delta;
        cut[t] += delta;
        if (reason[t] == null) {
          reason[t] = why;
        }
      }
    }
  }
}
