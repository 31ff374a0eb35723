package energy.p2p.job;

import energy.p2p.model.ReasonCode;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** Rejection counters by reason, under {@code <operator>.bidsRejected.<REASON>}. */
final class BidMetrics {
  private final Map<ReasonCode, Counter> rejected = new EnumMap<>(ReasonCode.class);
  private final Counter rejectedTotal;

  BidMetrics(MetricGroup group, ReasonCode... reasons) {
    MetricGroup byReason = group.addGroup("bidsRejected");
    for (ReasonCode r : reasons) {
      rejected.put(r, byReason.counter(r.name()));
    }
    rejectedTotal = group.counter("bidsRejectedTotal");
  }

  void reject(ReasonCode reason) {
    Counter c = rejected.get(reason);
    if (c != null) {
      c.inc();
    }
    rejectedTotal.inc();
  }
}
