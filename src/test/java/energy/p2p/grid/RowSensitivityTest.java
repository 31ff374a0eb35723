package energy.p2p.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import energy.p2p.io.MatpowerReader;
import energy.p2p.synth.RandomFeederGenerator;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The adjoint rows equal the rows of the full sensitivity matrices (EJML's sparse LU over every
 * column, {@link VoltageSensitivity}, itself checked against finite differences) on the 33- and
 * 69-bus feeders and a 300-bus random feeder, at operating points with reverse flow.
 */
class RowSensitivityTest {
  /** Relative to the row's largest entry: two eliminations of one linear system. */
  private static final double RELATIVE = 1e-9;

  private static RadialFeeder feeder(String name) {
    return switch (name) {
      case "ieee33" -> TestFeeders.ieee33();
      case "case69" -> MatpowerReader.read(
          Path.of("sample-data", "feeders-matpower", "case69.m"), "case69");
      default -> new RandomFeederGenerator(7).withRatings(true).generate("random300", 300);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"ieee33", "case69", "random300"})
  void everyVoltageAndCurrentRowEqualsTheFullMatrixRow(String name) {
    RadialFeeder f = feeder(name);
    double[] injectionKw = new double[f.busCount()];
    SplittableRandom random = new SplittableRandom(11);
    for (int k = 1; k < f.busCount(); k += 3) { // a third of the buses export or import
      injectionKw[k] = random.nextDouble(-40, 120);
    }
    BackwardForwardSweep sweep = new BackwardForwardSweep(f);
    PowerFlowResult op = sweep.solve(injectionKw).copy();
    double[][] dV = VoltageSensitivity.dVpuPerKw(f, op);
    double[][] dI = VoltageSensitivity.dCurrentAPerKw(f, op);
    RowSensitivity rows = new RowSensitivity(f);
    rows.factor(sweep.solve(injectionKw)); // the solver's own result, as the clearing passes it
    sweep.solve(null); // overwriting it afterwards changes nothing already factored
    double[] row = new double[f.busCount()];
    for (int k = 0; k < f.busCount(); k++) {
      rows.dVpuPerKw(k, row);
      assertRowEquals(dV[k], row, "dV at bus index " + k);
    }
    for (int b = 0; b < f.branchCount(); b++) {
      if (op.branchCurrentA(b) < 1e-9) { // a leaf without load: |I| has no derivative at 0
        int branch = b;
        assertThrows(IllegalArgumentException.class, () -> rows.dCurrentAPerKw(branch, row));
        continue;
      }
      rows.dCurrentAPerKw(b, row);
      assertRowEquals(dI[b], row, "dI of " + f.branchName(b));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ieee33"})
  void refusesRowsBeforeAFactorisationAndNonConvergedPoints(String name) {
    RadialFeeder f = feeder(name);
    RowSensitivity rows = new RowSensitivity(f);
    assertThrows(IllegalStateException.class, () -> rows.dVpuPerKw(3, new double[33]));
    RadialFeeder weak = TestFeeders.twoBus(100_000, 50_000);
    PowerFlowResult collapsed = new BackwardForwardSweep(weak).solve(null);
    assertThrows(IllegalArgumentException.class, () -> new RowSensitivity(weak).factor(collapsed));
    PowerFlowResult other = new BackwardForwardSweep(TestFeeders.wye()).solve(null);
    assertThrows(IllegalArgumentException.class, () -> rows.factor(other));
  }

  private static void assertRowEquals(double[] expected, double[] actual, String what) {
    double largest = 0;
    for (double v : expected) {
      largest = Math.max(largest, Math.abs(v));
    }
    for (int j = 0; j < expected.length; j++) {
      assertEquals(expected[j], actual[j], RELATIVE * largest + 1e-300, what + ", column " + j);
    }
  }
}
