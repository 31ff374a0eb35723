package energy.p2p.model;

/**
 * Per buyer class figures of one window.
 *
 * @param buyers number of BUY bids of the class in the window
 * @param demandKwh energy the class asked for
 * @param matchedKwh energy the class got
 * @param fillRate matchedKwh / demandKwh (0 when there was no demand)
 * @param welfare the class's buyer welfare (currency units)
 */
public record ClassStats(int buyers, double demandKwh, double matchedKwh, double fillRate, double welfare) {}
