package energy.p2p.job;

import energy.p2p.model.Allocation;
import energy.p2p.model.Bid;
import energy.p2p.model.ClearingReport;
import java.util.List;

/**
 * One (feeder, frame) window as the clearing operator leaves it, on its way to the feasibility
 * operator: the window's bids (sorted by bidId) and the engine's trades and report.
 */
public record ClearedWindow(
    String feederId, long frameStartMs, List<Bid> bids, List<Allocation> allocations, ClearingReport report) {}
