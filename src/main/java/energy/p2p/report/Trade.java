package energy.p2p.report;

/** One allocation of a replay's allocations.jsonl: a BUY bid matched with a SELL bid. */
public record Trade(String feederId, long frameStartMs, String buyerBidId, String sellerBidId,
    double quantityKwh) {}
