package energy.p2p.model;

/** Which way energy flows for a bid: a BUY draws energy at its bus, a SELL injects it. */
public enum Side {
  BUY,
  SELL
}
