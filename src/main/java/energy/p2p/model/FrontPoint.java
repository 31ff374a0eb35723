package energy.p2p.model;

/** One point of a window's Pareto front, in currency units. */
public record FrontPoint(double buyerWelfare, double sellerWelfare) {}
