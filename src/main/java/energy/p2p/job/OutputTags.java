package energy.p2p.job;

import energy.p2p.model.Allocation;
import energy.p2p.model.Rejection;
import org.apache.flink.util.OutputTag;

/** Side outputs of the topology. */
public final class OutputTags {
  /** Bids not cleared as submitted, with reason and raw input. */
  public static final OutputTag<Rejection> REJECTIONS = new OutputTag<>("rejected-bids") {};
  /** The feasibility operator's (possibly curtailed) trades. */
  public static final OutputTag<Allocation> ALLOCATIONS = new OutputTag<>("allocations") {};
  /** Each published window whole (trades + report): the ledger and the settlement take it from here. */
  public static final OutputTag<PublishedWindow> PUBLISHED = new OutputTag<>("published-windows") {};
  /** Meter readings that cannot be used (unreadable, bad values), as settlement notes. */
  public static final OutputTag<OutputLine> READING_NOTES = new OutputTag<>("reading-notes") {};

  private OutputTags() {}
}
