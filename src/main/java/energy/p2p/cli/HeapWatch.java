package energy.p2p.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Heap use of this JVM while it is watched, from the garbage collector's own accounts: the heap
 * used right after each collection (the live data the run holds — what grows if memory grows with
 * the history) and right before (how full the collector let the heap get), plus collections and
 * their pause time. The heap pools' peak usage is reset at the start and read at the end as a
 * cross-check (it sums per-pool peaks, so it can only be higher than the true peak).
 */
final class HeapWatch implements NotificationListener, AutoCloseable {
  private final AtomicLong maxAfterGc = new AtomicLong();
  private final AtomicLong maxBeforeGc = new AtomicLong();
  private final AtomicLong collections = new AtomicLong();
  private final AtomicLong pauseMillis = new AtomicLong();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final List<MemoryPoolMXBean> heapPools = new ArrayList<>();

  HeapWatch() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
        heapPools.add(p);
      }
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter e) {
        e.addNotificationListener(this, null, null);
        emitters.add(e);
      }
    }
  }

  @Override
  public void handleNotification(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    if (info.getGcAction().contains("cycle")) {
      return; // G1's concurrent cycle: no pause, its "after" is not a collection's result
    }
    maxBeforeGc.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
    maxAfterGc.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
    collections.incrementAndGet();
    pauseMillis.addAndGet(info.getGcInfo().getDuration());
  }

  private long heapUsed(Map<String, MemoryUsage> byPool) {
    long used = 0;
    for (MemoryPoolMXBean p : heapPools) {
      MemoryUsage u = byPool.get(p.getName());
      used += u == null ? 0 : u.getUsed();
    }
    return used;
  }

  /** The figures as JSON fields (MiB), for the benchmark's one-line result. */
  String json() {
    long poolPeaks = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    return String.format(java.util.Locale.ROOT,
        "\"heapMaxMiB\":%d,\"peakHeapAfterGcMiB\":%d,\"peakHeapBeforeGcMiB\":%d,\"heapPoolPeaksMiB\":%d,"
            + "\"gcCount\":%d,\"gcPauseSeconds\":%.1f",
        mib(Runtime.getRuntime().maxMemory()), mib(maxAfterGc.get()), mib(maxBeforeGc.get()), mib(poolPeaks),
        collections.get(), pauseMillis.get() / 1e3);
  }

  private static long mib(long bytes) {
    return Math.round(bytes / 1048576.0);
  }

  @Override
  public void close() {
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(this);
      } catch (javax.management.ListenerNotFoundException ignored) {
        // already gone
      }
    }
  }
}
