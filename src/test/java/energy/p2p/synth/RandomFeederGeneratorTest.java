package energy.p2p.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.grid.BackwardForwardSweep;
import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.RadialFeeder;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomFeederGeneratorTest {

  @Test
  void sameSeedGivesTheSameFeeder() {
    RadialFeeder a = new RandomFeederGenerator(42).withRatings(true).generate("a", 300);
    RadialFeeder b = new RandomFeederGenerator(42).withRatings(true).generate("a", 300);
    for (int i = 0; i < a.busCount(); i++) {
      assertEquals(a.busNumber(i), b.busNumber(i));
      assertEquals(a.parentIndex(i), b.parentIndex(i));
      assertEquals(a.baseLoadKw(i), b.baseLoadKw(i));
    }
    for (int br = 0; br < a.branchCount(); br++) {
      assertEquals(a.branchName(br), b.branchName(br));
      assertEquals(a.branchROhm(br), b.branchROhm(br));
      assertEquals(a.branchMaxCurrentA(br), b.branchMaxCurrentA(br));
    }
    RadialFeeder c = new RandomFeederGenerator(43).withRatings(true).generate("a", 300);
    assertNotEquals(a.busNumber(1), c.busNumber(1));
  }

  @Test
  void shufflesBusNumbersAndBranchDirections() {
    RadialFeeder f = new RandomFeederGenerator(7).generate("f", 500);
    Set<Integer> numbers = new HashSet<>();
    int maxNumber = 0;
    int writtenParentFirst = 0;
    for (int i = 0; i < f.busCount(); i++) {
      numbers.add(f.busNumber(i));
      maxNumber = Math.max(maxNumber, f.busNumber(i));
    }
    for (int b = 0; b < f.branchCount(); b++) {
      String parent = Integer.toString(f.busNumber(f.parentIndex(b + 1)));
      writtenParentFirst += f.branchName(b).startsWith(parent + "-") ? 1 : 0;
    }
    assertEquals(500, numbers.size());
    assertTrue(maxNumber > 500, "numbers are not 1..n");
    assertTrue(writtenParentFirst > 150 && writtenParentFirst < 350, "both directions occur");
  }

  @Test
  void loadsAreScaledToTheTargetVoltageDropAtAnySize() {
    for (int n : new int[] {12, 200, 3000}) {
      RadialFeeder f = new RandomFeederGenerator(n).maxVoltageDropPu(0.06).generate("f", n);
      PowerFlowResult r = new BackwardForwardSweep(f).solve(null);
      assertTrue(r.converged());
      // the linear estimate ignores losses: the AC drop is a little larger
      assertEquals(0.94, r.vMinPu(), 0.01, n + " buses");
    }
  }

  @Test
  void ratingsAreAboveTheBaseCaseCurrents() {
    RadialFeeder f = new RandomFeederGenerator(3).withRatings(true).generate("f", 400);
    PowerFlowResult r = new BackwardForwardSweep(f).solve(null);
    assertTrue(r.withinLimits(), r.violations().toString());
    for (int b = 0; b < f.branchCount(); b++) {
      assertTrue(Double.isFinite(f.branchMaxCurrentA(b)));
    }
  }
}
