package energy.p2p.job;

import energy.p2p.ingest.ValidationConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The time of each input partition, and the feeder clocks it owes the windows: when a partition's
 * time (the newest it has seen) passes one or more gate closures, every feeder gets one
 * {@link WindowInput#clock} for them — so the frames that report are those whose gate closure lies
 * in (first, newest] of some partition. Decided per partition from the partition's own records in
 * their order, so the same whatever the interleaving of partitions: a replay of a recorded topic
 * reports the same windows. A partition's first record only starts its time, and an older record
 * never moves it (a bid submitted long ago and arriving LATE must not open a day of empty windows).
 */
final class FeederClocks {
  private final ValidationConfig config;
  private final List<String> feederIds;
  private final Map<Integer, Long> newestByPartition = new HashMap<>();

  FeederClocks(ValidationConfig config, List<String> feederIds) {
    this.config = config;
    this.feederIds = feederIds;
  }

  /** Restored state (after rescaling several readers' times merge). */
  void restore(int partition, long newestMs) {
    newestByPartition.merge(partition, newestMs, Math::max);
  }

  /** partition → newest time (for the checkpoint). */
  Map<Integer, Long> newest() {
    return newestByPartition;
  }

  /** Moves {@code partition}'s time to {@code timeMs} if newer; emits the feeder clocks for gates passed. */
  void advance(int partition, long timeMs, Consumer<WindowInput> out) {
    Long before = newestByPartition.get(partition);
    if (before != null && timeMs <= before) {
      return;
    }
    newestByPartition.put(partition, timeMs);
    if (before != null && config.lastFrameGatedBy(timeMs) >= config.firstFrameGatedAfter(before)) {
      for (String feederId : feederIds) {
        out.accept(WindowInput.clock(feederId, before, timeMs));
      }
    }
  }
}
