package energy.p2p.grid;

/** How a power-flow solve ended. Only {@link #CONVERGED} results describe a physical state. */
public enum PowerFlowStatus {
  /** The voltage update (sweep) or power mismatch (Newton) fell below the tolerance. */
  CONVERGED,
  /** The iteration limit was reached first: typically a feeder close to voltage collapse. */
  MAX_ITERATIONS,
  /** The iterates left the physical range (voltage collapse, singular Jacobian). */
  DIVERGED
}
