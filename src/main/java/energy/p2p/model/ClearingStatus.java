package energy.p2p.model;

/** Outcome of clearing one (feeder, frame) window. */
public enum ClearingStatus {
  /** Trades were matched. */
  CLEARED,
  /** Valid bids, but no buyer's limit reaches any seller's ask (after grid fees): nothing traded. */
  NO_CROSSING,
  /**
   * No valid bid for this feeder and frame: the market ran at gate closure and nothing was offered.
   * Reported so operators see every (feeder, frame), also on a quiet night.
   */
  NO_BIDS,
  /** Only buyers or only sellers: nothing to match. */
  ONE_SIDED,
  /** The feeder's load flow did not converge (base case or every candidate): nothing traded. */
  GRID_NOT_CONVERGED,
  /**
   * The clearing engine failed on this window (a defect, logged with its cause): nothing traded,
   * the window's bids are counted in the report, and the job carries on with the next window.
   */
  ENGINE_ERROR
}
