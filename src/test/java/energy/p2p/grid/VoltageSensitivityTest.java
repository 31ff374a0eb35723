package energy.p2p.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VoltageSensitivityTest {

  private static final double STEP_KW = 1.0;
  private static final double DELTA_DV_PER_KW = 1e-10;   // p.u./kW; values are ~1e-5
  private static final double DELTA_DI_PER_KW = 1e-6;    // A/kW; values are ~0.05

  @Test
  void matchesCentralFiniteDifferencesOnIeee33WithInjection() {
    RadialFeeder feeder = TestFeeders.ieee33();
    double[] injectionKw = new double[feeder.busCount()];
    injectionKw[feeder.indexOf(30)] = 900; // an operating point with some reverse flow
    BackwardForwardSweep sweep = new BackwardForwardSweep(feeder, 1e-14, 200);
    PowerFlowResult op = sweep.solve(injectionKw).copy();
    double[][] dV = VoltageSensitivity.dVpuPerKw(feeder, op);
    double[][] dI = VoltageSensitivity.dCurrentAPerKw(feeder, op);

    for (int k : new int[] {feeder.indexOf(18), feeder.indexOf(30), feeder.indexOf(22), 0}) {
      double[] plus = injectionKw.clone();
      double[] minus = injectionKw.clone();
      plus[k] += STEP_KW;
      minus[k] -= STEP_KW;
      PowerFlowResult up = sweep.solve(plus).copy();
      PowerFlowResult down = sweep.solve(minus);
      for (int i = 0; i < feeder.busCount(); i++) {
        double fd = (up.vPu(i) - down.vPu(i)) / (2 * STEP_KW);
        assertEquals(fd, dV[i][k], DELTA_DV_PER_KW, "dV at " + i + " per kW at " + k);
      }
      for (int b = 0; b < feeder.branchCount(); b++) {
        double fd = (up.branchCurrentA(b) - down.branchCurrentA(b)) / (2 * STEP_KW);
        assertEquals(fd, dI[b][k], DELTA_DI_PER_KW, "dI of " + feeder.branchName(b));
      }
    }
  }

  @Test
  void injectionRaisesVoltageMostAtItsOwnBus() {
    RadialFeeder feeder = TestFeeders.ieee33();
    PowerFlowResult op = new BackwardForwardSweep(feeder).solve(null);
    int bus18 = feeder.indexOf(18);
    VoltageSensitivity s = VoltageSensitivity.around(feeder, op, new int[] {bus18});
    double own = s.dVpuPerKw()[bus18][0];
    assertTrue(own > 0);
    for (int i = 0; i < feeder.busCount(); i++) {
      assertTrue(s.dVpuPerKw()[i][0] <= own + 1e-15);
    }
    assertEquals(0.0, s.dVpuPerKw()[0][0], 0.0, "the slack holds its voltage");
  }

  @Test
  void refusesNonConvergedOperatingPoint() {
    RadialFeeder feeder = TestFeeders.twoBus(100_000, 50_000);
    PowerFlowResult op = new BackwardForwardSweep(feeder).solve(null);
    assertThrows(IllegalArgumentException.class, () -> VoltageSensitivity.dVpuPerKw(feeder, op));
  }
}
