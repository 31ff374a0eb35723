package energy.p2p.job;

import energy.p2p.model.Allocation;
import energy.p2p.model.ClearingReport;
import java.util.List;

/** One window as published (after feasibility): its trades in published order and its report. */
public record PublishedWindow(String feederId, long frameStartMs, List<Allocation> allocations, ClearingReport report) {}
