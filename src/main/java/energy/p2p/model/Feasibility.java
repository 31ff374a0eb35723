package energy.p2p.model;

/** Result of the AC feasibility check of a window's trades. */
public enum Feasibility {
  /** The trades as cleared keep every bus and rated branch within limits. */
  FEASIBLE,
  /** Some trades were curtailed (reduced or removed) until the feeder could carry them. */
  CURTAILED,
  /** The load flow did not converge: nothing is published for the window. */
  NOT_CONVERGED,
  /** Not checked yet (a report straight out of the clearing engine). */
  NOT_CHECKED
}
