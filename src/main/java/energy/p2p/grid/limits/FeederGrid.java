package energy.p2p.grid.limits;

import energy.p2p.grid.BackwardForwardSweep;
import energy.p2p.grid.PowerFlowSolver;
import energy.p2p.grid.RadialFeeder;

/**
 * The per-feeder grid helpers the clearing engine and the feasibility check both use: one load-flow
 * solver, the limits measured against its base case, and the curtailment kernel on the same
 * solver. Built once per feeder per operator instance (one base-case solve); not thread-safe, like
 * the solver it owns.
 *
 * @param solver the AC load flow (the Backward-Forward Sweep unless given another)
 * @param limits bus and branch limits, loosened where the base load alone breaks them
 * @param curtailer cuts trades until the solver finds them within {@code limits}
 * @param frameHours delivery frame length, h: kW = kWh ÷ frameHours
 */
public record FeederGrid(PowerFlowSolver solver, GridLimits limits, TradeCurtailer curtailer,
    double frameHours) {

  /** The helpers on the Backward-Forward Sweep of {@code feeder}. */
  public static FeederGrid of(RadialFeeder feeder, double frameHours) {
    return of(new BackwardForwardSweep(feeder), frameHours);
  }

  /** The helpers on a given solver (bound to its feeder). */
  public static FeederGrid of(PowerFlowSolver solver, double frameHours) {
    if (!(frameHours > 0)) {
      throw new IllegalArgumentException("frameHours must be > 0, got " + frameHours);
    }
    GridLimits limits = new GridLimits(solver);
    return new FeederGrid(solver, limits, new TradeCurtailer(limits, solver, frameHours),
        frameHours);
  }

  public RadialFeeder feeder() {
    return solver.feeder();
  }
}
