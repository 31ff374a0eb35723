package energy.p2p.job.replay;

import energy.p2p.model.ReasonCode;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * JVM-local running figures of one replay (progress line and final summary). Replay runs on an
 * embedded MiniCluster inside the CLI's JVM, so its operators and the CLI share these by run id.
 * Display only: no job logic reads them.
 */
public final class ReplayTally {
  private static final ConcurrentHashMap<String, ReplayTally> RUNS = new ConcurrentHashMap<>();

  public final AtomicLong recordsRead = new AtomicLong();
  public final AtomicLong windows = new AtomicLong();
  public final AtomicLong bidsCleared = new AtomicLong();
  public final AtomicLong allocations = new AtomicLong();
  public final DoubleAdder matchedKwh = new DoubleAdder();
  public final DoubleAdder socialWelfare = new DoubleAdder();
  public final DoubleAdder curtailedKwh = new DoubleAdder();
  private final Map<ReasonCode, AtomicLong> rejected = new EnumMap<>(ReasonCode.class);

  private ReplayTally() {
    for (ReasonCode r : ReasonCode.values()) {
      rejected.put(r, new AtomicLong());
    }
  }

  public static ReplayTally of(String runId) {
    return RUNS.computeIfAbsent(runId, k -> new ReplayTally());
  }

  public static void release(String runId) {
    RUNS.remove(runId);
  }

  public void rejected(ReasonCode reason) {
    rejected.get(reason).incrementAndGet();
  }

  /** Rejections so far, by reason (reasons with none left out), in enum order. */
  public Map<ReasonCode, Long> rejectedByReason() {
    Map<ReasonCode, Long> m = new EnumMap<>(ReasonCode.class);
    rejected.forEach((r, n) -> {
      if (n.get() > 0) {
        m.put(r, n.get());
      }
    });
    return m;
  }

  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(AtomicLong::get).sum();
  }
}
