package energy.p2p.job;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JVM-local counters for replay's progress line (bids read, windows cleared). Replay runs on an
 * embedded MiniCluster in the CLI's JVM, so its operators and the progress printer share these.
 * Display only: no job logic reads them, and on a real cluster they simply stay unused.
 */
public final class ReplayProgress {
  private static final ConcurrentHashMap<String, AtomicLong> COUNTERS = new ConcurrentHashMap<>();

  private ReplayProgress() {}

  public static AtomicLong counter(String key) {
    return COUNTERS.computeIfAbsent(key, k -> new AtomicLong());
  }

  /** Forgets the counters of a finished run. */
  public static void release(String prefix) {
    COUNTERS.keySet().removeIf(k -> k.startsWith(prefix));
  }
}
