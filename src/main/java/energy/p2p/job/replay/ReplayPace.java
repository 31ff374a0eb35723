package energy.p2p.job.replay;

import java.io.InterruptedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps a replay's meter-readings reader from running ahead of its bids reader. Both files cover
 * the same history in time order, but the readings file is far smaller: read freely, all its
 * readings would wait in the settlement's state for windows the bids have not reached yet — memory
 * growing with the history. So the readings reader (a follower) waits while the share of its file
 * it has read is more than {@link #SLACK_PPM} ahead of the share the bids reader (the leader) has
 * read. Pacing only: what is read, and so every output, is unchanged. JVM-local by run id, like
 * {@link ReplayTally}: replay runs on an embedded MiniCluster; without a registered leader nobody waits.
 */
final class ReplayPace {
  /** Shares are in parts per million. */
  static final long WHOLE = 1_000_000L;
  /** How far (share of its file) the follower may run ahead of the leader. */
  static final long SLACK_PPM = 5_000L;
  private static final ConcurrentHashMap<String, AtomicLong> LEADERS = new ConcurrentHashMap<>();

  private ReplayPace() {}

  /** Registers the leader of {@code runId} before its job starts (share 0). */
  static void register(String runId) {
    LEADERS.put(runId, new AtomicLong());
  }

  static void release(String runId) {
    LEADERS.remove(runId);
  }

  /** The leader has read {@code ppm} of its file ({@link #WHOLE}: all of it, or it stopped). */
  static void lead(String runId, long ppm) {
    AtomicLong share = LEADERS.get(runId);
    if (share != null) {
      share.accumulateAndGet(ppm, Math::max);
    }
  }

  /** Waits while {@code ppm} (the follower's share) is more than the slack ahead of the leader's. */
  static void follow(String runId, long ppm) throws InterruptedIOException {
    AtomicLong leader = LEADERS.get(runId);
    while (leader != null && leader.get() < WHOLE && ppm > leader.get() + SLACK_PPM) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("replay cancelled while pacing the meter readings");
      }
      leader = LEADERS.get(runId);
    }
  }
}
