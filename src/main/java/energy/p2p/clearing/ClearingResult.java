package energy.p2p.clearing;

import energy.p2p.model.Allocation;
import energy.p2p.model.ClearingReport;
import java.util.List;

/** A window's trades (sorted by buyer bid id, then seller bid id) and its report. */
public record ClearingResult(List<Allocation> allocations, ClearingReport report) {
  public ClearingResult {
    allocations = List.copyOf(allocations);
  }
}
