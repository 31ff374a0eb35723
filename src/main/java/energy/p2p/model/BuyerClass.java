package energy.p2p.model;

/**
 * Demand class of a BUY bid. When supply is short, HIGH and ULTRA_HIGH buyers must not crowd out
 * STANDARD households: the clearing reserves a configurable minimum share per class.
 */
public enum BuyerClass {
  STANDARD,
  HIGH,
  ULTRA_HIGH
}
