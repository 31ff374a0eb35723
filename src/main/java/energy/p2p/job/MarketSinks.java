package energy.p2p.job;

import energy.p2p.model.Allocation;
import energy.p2p.model.ClearingReport;
import energy.p2p.model.Rejection;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * The outputs of the job.
 *
 * @param parallelism sink parallelism, or -1 for the job's (replay's sorted file sinks need 1)
 * @param ledger the hash-chained ledger (null: no ledger)
 * @param settlements settlements against meter readings (null: no settlement)
 */
public record MarketSinks(
    Sink<Allocation> allocations, Sink<ClearingReport> reports, Sink<Rejection> rejections, int parallelism,
    Sink<OutputLine> ledger, Sink<OutputLine> settlements) {

  /** The three market outputs only. */
  public MarketSinks(Sink<Allocation> allocations, Sink<ClearingReport> reports, Sink<Rejection> rejections,
      int parallelism) {
    this(allocations, reports, rejections, parallelism, null, null);
  }

  public MarketSinks withIntegrity(Sink<OutputLine> ledgerSink, Sink<OutputLine> settlementsSink) {
    return new MarketSinks(allocations, reports, rejections, parallelism, ledgerSink, settlementsSink);
  }
}
