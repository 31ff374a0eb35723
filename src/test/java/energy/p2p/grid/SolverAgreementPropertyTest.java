package energy.p2p.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.synth.RandomFeederGenerator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sweep (branch currents) and Newton-Raphson (nodal power equations) are independent
 * formulations: on random radial feeders with shuffled bus numbers and branch directions, with
 * and without injections large enough to reverse the flow, they must give the same voltages.
 */
class SolverAgreementPropertyTest {

  private static final double DELTA_V = 1e-8;       // p.u.
  private static final double DELTA_ANGLE = 1e-6;   // degrees
  private static final double DELTA_LOSS_REL = 1e-6;

  /**
   * Seeded cases (reproducible, bounded runtime): both ends of the range, the IEEE 33 size, and
   * sizes drawn log-uniformly in between; few large ones keep the class to a few seconds.
   */
  static Stream<Arguments> feeders() {
    SplittableRandom sizes = new SplittableRandom(20261124);
    IntStream drawn = IntStream.range(0, 14)
        .map(k -> (int) Math.round(Math.exp(Math.log(10) + sizes.nextDouble() * Math.log(300))));
    return IntStream.concat(IntStream.of(10, 33, 2000, 5000), drawn)
        .mapToObj(n -> Arguments.of(n, 7919L * n + 17));
  }

  @ParameterizedTest(name = "{0} buses, seed {1}")
  @MethodSource("feeders")
  void sweepAndNewtonAgreeOnRandomRadialFeeders(int busCount, long seed) {
    RadialFeeder feeder = new RandomFeederGenerator(seed).generate("random", busCount);
    BackwardForwardSweep sweep = new BackwardForwardSweep(feeder);
    NewtonRaphsonSolver newton = new NewtonRaphsonSolver(feeder);

    assertAgree(feeder, sweep.solve(null), newton.solve(null));

    double[][] injection = reverseFlowInjection(feeder, new SplittableRandom(seed));
    PowerFlowResult bfs = sweep.solve(injection[0], injection[1]);
    PowerFlowResult nr = newton.solve(injection[0], injection[1]);
    assertAgree(feeder, bfs, nr);
    assertTrue(bfs.substationKw() < 0, "the feeder exports: reverse power flow");
    assertEquals(bfs.substationKw(), nr.substationKw(), 1e-6);
  }

  private static void assertAgree(RadialFeeder feeder, PowerFlowResult bfs, PowerFlowResult nr) {
    assertEquals(PowerFlowStatus.CONVERGED, bfs.status(), "sweep");
    assertEquals(PowerFlowStatus.CONVERGED, nr.status(), "Newton");
    for (int i = 0; i < feeder.busCount(); i++) {
      assertEquals(bfs.vPu(i), nr.vPu(i), DELTA_V, "|V| of bus index " + i);
      assertEquals(bfs.angleDeg(i), nr.angleDeg(i), DELTA_ANGLE);
    }
    assertEquals(bfs.pLossKw(), nr.pLossKw(), DELTA_LOSS_REL * bfs.pLossKw() + 1e-9);
  }

  /** Generation at a tenth of the buses summing to 1.5-3x the total load: the flow reverses. */
  static double[][] reverseFlowInjection(RadialFeeder feeder, SplittableRandom random) {
    int n = feeder.busCount();
    double totalKw = 0;
    for (int i = 0; i < n; i++) {
      totalKw += feeder.baseLoadKw(i);
    }
    double[] weight = new double[n];
    double weightSum = 0;
    for (int i = 1; i < n; i++) {
      if (random.nextInt(10) == 0 || i == n - 1) {
        weight[i] = random.nextDouble();
        weightSum += weight[i];
      }
    }
    double generationKw = totalKw * (1.5 + 1.5 * random.nextDouble());
    double[] kw = new double[n];
    double[] kvar = new double[n];
    for (int i = 1; i < n; i++) {
      kw[i] = generationKw * weight[i] / weightSum;
      kvar[i] = -0.2 * kw[i]; // inverters absorbing reactive power, as grid codes ask
    }
    return new double[][] {kw, kvar};
  }
}
