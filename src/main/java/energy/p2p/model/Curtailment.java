package energy.p2p.model;

/**
 * One cut the feasibility operator made to a trade.
 *
 * @param buyerBidId the trade's BUY bid
 * @param sellerBidId the trade's SELL bid
 * @param cutKwh energy removed from the trade (the whole trade when it was removed)
 * @param remainingKwh energy the trade still carries after the cut (0 = removed)
 * @param reason the binding element that made the cut necessary, e.g. "OVER_VOLTAGE bus 18",
 *     "OVER_CURRENT branch 1-2" or "NOT_CONVERGED"
 */
public record Curtailment(
    String buyerBidId, String sellerBidId, double cutKwh, double remainingKwh, String reason) {}
