package energy.p2p.job;

import energy.p2p.model.Allocation;
import energy.p2p.model.ClearingReport;
import energy.p2p.model.Rejection;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * The three outputs of the job.
 *
 * @param parallelism sink parallelism, or -1 for the job's (replay's sorted file sinks need 1)
 */
public record MarketSinks(
    Sink<Allocation> allocations, Sink<ClearingReport> reports, Sink<Rejection> rejections, int parallelism) {}
