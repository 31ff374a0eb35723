package energy.p2p.settlement;

import energy.p2p.model.Ids;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * What can be judged from one meter reading alone, before it may enter the settlement's state:
 * clean ids, a loaded feeder, a frame aligned to the market's frame length, plausible instants, a
 * reading taken after its frame started and before the frame's correction horizon ran out (later
 * it could never be settled). A reading that fails becomes a {@code reading-rejected} note instead
 * of waiting in state for a frame the market never clears. Immutable and thread-safe.
 */
public final class MeterReadingCheck implements Serializable {
  /** Instants before this are not plausible readings (as for bids). */
  private static final long EARLIEST_MS = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
  /** Instants from this on are not plausible readings. */
  private static final long LATEST_MS = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();

  private final TreeSet<String> feederIds;
  private final long frameMs;
  private final SettlementConfig config;

  public MeterReadingCheck(Set<String> feederIds, int frameMinutes, SettlementConfig config) {
    this.feederIds = new TreeSet<>(feederIds);
    this.frameMs = frameMinutes * 60_000L;
    this.config = config;
  }

  /** Why {@code r} cannot be settled, or null when it may be. */
  public String problem(MeterReading r) {
    String ids = Ids.problem("participantId", r.participantId());
    if (ids != null || (ids = Ids.problem("feederId", r.feederId())) != null) {
      return ids;
    }
    if (!feederIds.contains(r.feederId())) {
      return "feederId '" + r.feederId() + "' is not a loaded feeder";
    }
    for (long t : new long[] {r.frameStartMs(), r.readingAtMs()}) {
      if (t < EARLIEST_MS || t >= LATEST_MS) {
        return (t == r.frameStartMs() ? "frameStart " : "readingAt ") + Instant.ofEpochMilli(t)
            + " is outside the plausible range 2000..2099";
      }
    }
    if (Math.floorMod(r.frameStartMs(), frameMs) != 0) {
      return "frameStart " + Instant.ofEpochMilli(r.frameStartMs()) + " is not aligned to " + frameMs / 60_000L
          + "-minute frames";
    }
    if (r.readingAtMs() < r.frameStartMs()) {
      return "readingAt " + Instant.ofEpochMilli(r.readingAtMs()) + " is before its frame starts ("
          + Instant.ofEpochMilli(r.frameStartMs()) + ")";
    }
    long lastMs = r.frameStartMs() + frameMs + config.deadline().toMillis() + config.correctionHorizon().toMillis();
    if (r.readingAtMs() > lastMs) {
      return "readingAt " + Instant.ofEpochMilli(r.readingAtMs()) + " is past the frame's correction horizon ("
          + Instant.ofEpochMilli(lastMs) + ": deadline " + config.deadline() + " + horizon "
          + config.correctionHorizon() + " after the frame): it can never be settled";
    }
    return null;
  }

  /** A reading more than {@code maxJump} ahead of the newest accepted one (a clock far ahead). */
  public static String jumpProblem(MeterReading r, long newestMs, Duration maxJump) {
    if (newestMs == Long.MIN_VALUE || r.readingAtMs() <= newestMs + maxJump.toMillis()) {
      return null;
    }
    return "readingAt " + Instant.ofEpochMilli(r.readingAtMs()) + " is more than " + maxJump.toHours()
        + " h ahead of the newest reading so far (" + Instant.ofEpochMilli(newestMs) + ")";
  }
}
