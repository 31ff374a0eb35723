package energy.p2p.job;

import energy.p2p.ingest.ValidationConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Which frames every feeder must report, followed per input partition, and the feeder clocks
 * ({@link WindowInput#clock}) that tell the windows. Decided per partition from the partition's own
 * records in their order, so the same whatever the interleaving of partitions: a replay of a
 * recorded topic reports the same windows.
 *
 * <ul>
 *   <li>{@link TimeModel#RECEIPT} (the live market): every frame whose gate closure the partition's
 *       receipt time passes after its first record — so a quiet night still reports every frame.
 *   <li>{@link TimeModel#SUBMITTED_AT} (replay, clear, backfills): every frame between the
 *       earliest and the latest frame any accepted bid of the partition is for — the span of the
 *       history replayed, whatever the order of its records (a bid submitted days ahead, or a LATE
 *       one from long ago, does not open days of empty windows before the market's own frames).
 * </ul>
 *
 * Growing a span backwards never reaches a frame that already has a window: its frames lie before
 * every frame seen so far.
 */
final class FeederClocks {
  private final ValidationConfig config;
  private final List<String> feederIds;
  /** partition → {low, high}: receipt: first and newest time; submitted-at: first and last frame. */
  private final Map<Integer, long[]> spanByPartition = new HashMap<>();

  FeederClocks(ValidationConfig config, List<String> feederIds) {
    this.config = config;
    this.feederIds = feederIds;
  }

  /** Restored state (after rescaling several readers' spans merge). */
  void restore(int partition, long low, long high) {
    long[] span = spanByPartition.get(partition);
    if (span == null) {
      spanByPartition.put(partition, new long[] {low, high});
    } else {
      span[0] = Math.min(span[0], low);
      span[1] = Math.max(span[1], high);
    }
  }

  /** partition → {low, high} (for the checkpoint). */
  Map<Integer, long[]> spans() {
    return spanByPartition;
  }

  /** Receipt time: the partition's time moves to {@code timeMs} if newer; clocks for the gates it passed. */
  void receivedAt(int partition, long timeMs, Consumer<WindowInput> out) {
    long[] span = spanByPartition.get(partition);
    if (span == null) {
      spanByPartition.put(partition, new long[] {timeMs, timeMs});
    } else if (timeMs > span[1]) {
      emitGates(span[1], timeMs, out);
      span[1] = timeMs;
    }
  }

  /** Submitted-at time: an accepted bid for {@code frameStartMs}; clocks for the frames the span grew by. */
  void bidFor(int partition, long frameStartMs, Consumer<WindowInput> out) {
    long[] span = spanByPartition.get(partition);
    if (span == null) {
      spanByPartition.put(partition, new long[] {frameStartMs, frameStartMs});
      emitFrames(frameStartMs, frameStartMs, out);
    } else if (frameStartMs > span[1]) {
      emitFrames(span[1] + config.frameMillis(), frameStartMs, out);
      span[1] = frameStartMs;
    } else if (frameStartMs < span[0]) {
      emitFrames(frameStartMs, span[0] - config.frameMillis(), out);
      span[0] = frameStartMs;
    }
  }

  /** Frames first..last as the gate closures they own: (gate(first) − 1 ms, gate(last)]. */
  private void emitFrames(long firstFrameMs, long lastFrameMs, Consumer<WindowInput> out) {
    emitGates(config.gateClosureMs(firstFrameMs) - 1, config.gateClosureMs(lastFrameMs), out);
  }

  private void emitGates(long fromExclusiveMs, long toInclusiveMs, Consumer<WindowInput> out) {
    if (config.lastFrameGatedBy(toInclusiveMs) >= config.firstFrameGatedAfter(fromExclusiveMs)) {
      for (String feederId : feederIds) {
        out.accept(WindowInput.clock(feederId, fromExclusiveMs, toInclusiveMs));
      }
    }
  }
}
