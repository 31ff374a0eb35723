package energy.p2p.clearing;

/**
 * What the search maximises (or minimises), as named in a rules file's {@code "objectives"}. The
 * engine optimises buyer and seller welfare today (NSGA-II over their Pareto front); the other
 * names are reserved for the Pareto-front issue and refused by the rules loader until then.
 */
public enum Objective {
  BUYER_WELFARE,
  SELLER_WELFARE,
  SOCIAL_WELFARE,
  STANDARD_FILL_RATE,
  LOSSES_KW,
  VOLTAGE_HEADROOM_PU
}
