package energy.p2p.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The optimiser solves thousands of times per window: a solve must not allocate. Counted with the
 * JVM's per-thread allocation counter (bytes, not time, so it is stable on a shared machine).
 */
class SweepAllocationTest {

  private static final int WARM_UP_SOLVES = 20_000;
  private static final int MEASURED_SOLVES = 10_000;
  /** Slack for the counter's own bookkeeping; any real allocation would be >= 16 B per solve. */
  private static final long ALLOWED_BYTES = 1024;

  @Test
  void solveAllocatesNothingInSteadyState() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
    RadialFeeder feeder = TestFeeders.ieee33();
    BackwardForwardSweep sweep = new BackwardForwardSweep(feeder);
    double[] injectionKw = new double[feeder.busCount()];
    double[] injectionKvar = new double[feeder.busCount()];
    double checksum = 0;
    for (int k = 0; k < WARM_UP_SOLVES; k++) {
      injectionKw[18] = k % 500;
      checksum += sweep.solve(injectionKw, injectionKvar).vMinPu();
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int k = 0; k < MEASURED_SOLVES; k++) {
      injectionKw[18] = k % 500;
      PowerFlowResult r = sweep.solve(injectionKw, injectionKvar);
      checksum += r.vMinPu() + (r.withinLimits() ? 1 : 0);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertTrue(checksum > 0);
    assertTrue(allocated <= ALLOWED_BYTES, allocated + " bytes over " + MEASURED_SOLVES + " solves");
    assertEquals(PowerFlowStatus.CONVERGED, sweep.solve(injectionKw).status());
  }
}
