package energy.p2p.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NewtonRaphsonSolverTest {

  private static final double DELTA_V = 2e-5;
  private static final double DELTA_LOSS_REL = 1e-3;
  private static final double DELTA_AGREE_V = 1e-10;   // two solvers, same equations
  private static final double DELTA_AGREE_DEG = 1e-8;

  @Test
  void reproducesPublishedIeee33BaseCase() {
    PowerFlowResult r = new NewtonRaphsonSolver(TestFeeders.ieee33()).solve(null);
    assertEquals(PowerFlowStatus.CONVERGED, r.status());
    assertTrue(r.iterations() <= 6, "quadratic convergence: " + r.iterations());
    assertEquals(0.913090, r.vMinPu(), DELTA_V);
    assertEquals(18, r.vMinBus());
    assertEquals(202.677, r.pLossKw(), 202.677 * DELTA_LOSS_REL);
    assertEquals(135.141, r.qLossKvar(), 135.141 * DELTA_LOSS_REL);
  }

  @Test
  void agreesWithSweepOnIeee33WithReverseFlow() {
    RadialFeeder feeder = TestFeeders.ieee33();
    double[] injectionKw = new double[feeder.busCount()];
    injectionKw[feeder.indexOf(18)] = 1500;
    injectionKw[feeder.indexOf(33)] = 800;
    double[] injectionKvar = new double[feeder.busCount()];
    injectionKvar[feeder.indexOf(25)] = -300;
    PowerFlowResult nr = new NewtonRaphsonSolver(feeder).solve(injectionKw, injectionKvar);
    PowerFlowResult bfs = new BackwardForwardSweep(feeder).solve(injectionKw, injectionKvar);
    assertTrue(nr.converged() && bfs.converged());
    for (int i = 0; i < feeder.busCount(); i++) {
      assertEquals(bfs.vPu(i), nr.vPu(i), DELTA_AGREE_V, "bus " + feeder.busNumber(i));
      assertEquals(bfs.angleDeg(i), nr.angleDeg(i), DELTA_AGREE_DEG);
    }
    assertEquals(bfs.pLossKw(), nr.pLossKw(), 1e-6);
  }

  @Test
  void stopsAtIterationLimitWithStatus() {
    PowerFlowResult r = new NewtonRaphsonSolver(TestFeeders.ieee33(), 1e-10, 1).solve(null);
    assertEquals(PowerFlowStatus.MAX_ITERATIONS, r.status());
    assertEquals(1, r.iterations());
  }

  @Test
  void reportsVoltageCollapseAsStatusWithFiniteNumbers() {
    RadialFeeder feeder = TestFeeders.twoBus(100_000, 50_000);
    PowerFlowResult r = new NewtonRaphsonSolver(feeder).solve(null);
    assertFalse(r.converged());
    assertTrue(Double.isFinite(r.vMinPu()) && Double.isFinite(r.pLossKw()));
  }
}
