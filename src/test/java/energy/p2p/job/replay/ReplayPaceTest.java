package energy.p2p.job.replay;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The meter-readings reader waits while it is ahead of the bids reader, and only then. */
class ReplayPaceTest {
  static Thread follower(String run, long ppm, CountDownLatch done) {
    Thread t = new Thread(() -> {
      try {
        ReplayPace.follow(run, ppm);
        done.countDown();
      } catch (java.io.InterruptedIOException e) {
        // cancelled: done stays open
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Test
  void theFollowerWaitsWhileAheadAndGoesOnWhenTheLeaderCatchesUpOrFinishes() throws Exception {
    String run = "pace-" + System.nanoTime();
    ReplayPace.register(run);
    try {
      CountDownLatch near = new CountDownLatch(1);
      follower(run, ReplayPace.SLACK_PPM, near);
      assertTrue(near.await(2, TimeUnit.SECONDS), "within the slack: no wait");

      CountDownLatch ahead = new CountDownLatch(1);
      follower(run, 500_000, ahead);
      assertFalse(ahead.await(200, TimeUnit.MILLISECONDS), "half the readings while no bid is read: waits");
      ReplayPace.lead(run, 400_000);
      assertFalse(ahead.await(200, TimeUnit.MILLISECONDS), "still ahead");
      ReplayPace.lead(run, 496_000);
      assertTrue(ahead.await(2, TimeUnit.SECONDS), "the bids caught up");

      CountDownLatch last = new CountDownLatch(1);
      follower(run, ReplayPace.WHOLE, last);
      ReplayPace.lead(run, ReplayPace.WHOLE);
      assertTrue(last.await(2, TimeUnit.SECONDS), "the bids are all read: nothing holds the readings");
    } finally {
      ReplayPace.release(run);
    }
    CountDownLatch free = new CountDownLatch(1);
    follower(run, ReplayPace.WHOLE, free);
    assertTrue(free.await(2, TimeUnit.SECONDS), "no registered leader: no pacing");
  }
}
