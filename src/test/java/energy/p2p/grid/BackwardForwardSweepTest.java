package energy.p2p.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BackwardForwardSweepTest {

  private static final double DELTA_V = 2e-5;          // p.u., as published (6 decimals)
  private static final double DELTA_LOSS_REL = 1e-3;   // 0.1 % of the published losses
  private static final double DELTA_EXACT = 1e-9;      // closed-form cases
  private static final double DELTA_POWER_KW = 1e-5;   // balance at tolerance 1e-10 p.u.

  @Test
  void reproducesPublishedIeee33BaseCase() {
    RadialFeeder feeder = TestFeeders.ieee33();
    PowerFlowResult r = new BackwardForwardSweep(feeder).solve(null);

    assertEquals(PowerFlowStatus.CONVERGED, r.status());
    assertEquals(0.913090, r.vMinPu(), DELTA_V);
    assertEquals(18, r.vMinBus());
    assertEquals(202.677, r.pLossKw(), 202.677 * DELTA_LOSS_REL);
    assertEquals(135.141, r.qLossKvar(), 135.141 * DELTA_LOSS_REL);
    assertEquals(1.0, r.vMaxPu(), DELTA_EXACT);
    assertEquals(1, r.vMaxBus());
    assertTrue(r.withinLimits(), "the sample feeder's 0.90 p.u. limit holds in the base case");
  }

  @Test
  void matchesClosedFormOnTwoBusFeeder() {
    // V2 = V1 - Z * conj(S / V2): check that the solution satisfies it exactly
    RadialFeeder feeder = TestFeeders.twoBus(1000, 500);
    PowerFlowResult r = new BackwardForwardSweep(feeder).solve(null);
    double zBase = feeder.baseImpedanceOhm();
    double v = r.vPu(1);
    double a = Math.toRadians(r.angleDeg(1));
    double vr = v * Math.cos(a);
    double vi = v * Math.sin(a);
    double p = 1.0;
    double q = 0.5;
    double ir = (p * vr + q * vi) / (v * v);
    double ii = (p * vi - q * vr) / (v * v);
    double rPu = 1.0 / zBase;
    double xPu = 2.0 / zBase;
    assertEquals(1.0 - (rPu * ir - xPu * ii), vr, DELTA_EXACT);
    assertEquals(-(rPu * ii + xPu * ir), vi, DELTA_EXACT);
    double currentA = Math.hypot(ir, ii) * feeder.baseCurrentA();
    assertEquals(currentA, r.branchCurrentA(0), 1e-6);
    assertEquals(1.0 * currentA * currentA * 3 / 1000, r.pLossKw(), 1e-6); // 3 I^2 R, kW
  }

  @Test
  void injectionReversesFlowAndRaisesVoltage() {
    RadialFeeder feeder = TestFeeders.ieee33();
    double[] injectionKw = new double[feeder.busCount()];
    injectionKw[feeder.indexOf(18)] = 2000;
    PowerFlowResult r = new BackwardForwardSweep(feeder).solve(injectionKw);
    assertTrue(r.converged());
    assertEquals(18, r.vMaxBus());
    assertTrue(r.vMaxPu() > 1.0, "reverse flow lifts the feeder end above the substation");
  }

  @Test
  void balancesPowerAtTheSubstation() {
    RadialFeeder feeder = TestFeeders.ieee33();
    double[] injectionKw = new double[feeder.busCount()];
    double[] injectionKvar = new double[feeder.busCount()];
    injectionKw[feeder.indexOf(18)] = 3000;
    injectionKw[feeder.indexOf(25)] = 2500;
    injectionKvar[feeder.indexOf(25)] = -400;
    PowerFlowResult r = new BackwardForwardSweep(feeder).solve(injectionKw, injectionKvar);
    double loadKw = 0;
    double loadKvar = 0;
    for (int i = 0; i < feeder.busCount(); i++) {
      loadKw += feeder.baseLoadKw(i) - injectionKw[i];
      loadKvar += feeder.baseLoadKvar(i) - injectionKvar[i];
    }
    assertEquals(loadKw + r.pLossKw(), r.substationKw(), DELTA_POWER_KW);
    assertEquals(loadKvar + r.qLossKvar(), r.substationKvar(), DELTA_POWER_KW);
    assertTrue(r.substationKw() < 0, "5.5 MW of generation on 3.7 MW of load: export");
  }

  @Test
  void reportsOverCurrentOnRatedBranchButNotOnUnratedOnes() {
    RadialFeeder feeder = TestFeeders.wye();
    double[] injectionKw = new double[feeder.busCount()];
    injectionKw[feeder.indexOf(40)] = -3000; // a large extra draw at bus 40
    PowerFlowResult r = new BackwardForwardSweep(feeder).solve(injectionKw);
    assertTrue(r.converged());
    assertFalse(r.withinLimits());
    List<Violation> violations = r.violations();
    assertTrue(violations.stream().anyMatch(v -> v.kind() == Violation.Kind.OVER_CURRENT
        && v.element().equals("40-20") && v.limit() == 12.0), violations.toString());
    assertEquals(1, violations.size(), violations.toString());
  }

  @Test
  void reportsVoltageCollapseAsStatusWithFiniteNumbers() {
    RadialFeeder feeder = TestFeeders.twoBus(100_000, 50_000); // far beyond the nose of the PV curve
    PowerFlowResult r = new BackwardForwardSweep(feeder).solve(null);
    assertFalse(r.converged());
    assertTrue(r.status() == PowerFlowStatus.DIVERGED
        || r.status() == PowerFlowStatus.MAX_ITERATIONS, r.status().toString());
    assertTrue(Double.isFinite(r.vMinPu()) && Double.isFinite(r.pLossKw()));
    assertFalse(r.withinLimits());
  }

  @Test
  void reportsRunawayFromAbsurdInjectionAsStatusWithFiniteNumbers() {
    RadialFeeder feeder = TestFeeders.ieee33();
    double[] injectionKw = new double[feeder.busCount()];
    injectionKw[feeder.indexOf(18)] = 1e7; // 10 GW at the feeder end
    PowerFlowResult r = new BackwardForwardSweep(feeder).solve(injectionKw);
    assertFalse(r.converged(), r.status().toString());
    for (int i = 0; i < feeder.busCount(); i++) {
      assertTrue(Double.isFinite(r.vPu(i)) && Double.isFinite(r.angleDeg(i)));
    }
    assertTrue(Double.isFinite(r.pLossKw()) && Double.isFinite(r.qLossKvar()));
  }

  @Test
  void stopsAtIterationLimitWithStatus() {
    PowerFlowResult r = new BackwardForwardSweep(TestFeeders.ieee33(), 1e-10, 2).solve(null);
    assertEquals(PowerFlowStatus.MAX_ITERATIONS, r.status());
    assertEquals(2, r.iterations());
    assertFalse(r.withinLimits(), "an unconverged state is never reported as feasible");
  }

  @Test
  void feederSurvivesJavaSerialization() throws Exception {
    RadialFeeder feeder = TestFeeders.ieee33();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(feeder);
    }
    RadialFeeder copy;
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (RadialFeeder) in.readObject();
    }
    assertEquals(new BackwardForwardSweep(feeder).solve(null).vMinPu(),
        new BackwardForwardSweep(copy).solve(null).vMinPu(), 0.0);
    assertEquals(feeder.indexOf(18), copy.indexOf(18));
  }

  @Test
  void reusesOneResultAndCopiesOnRequest() {
    RadialFeeder feeder = TestFeeders.ieee33();
    BackwardForwardSweep sweep = new BackwardForwardSweep(feeder);
    PowerFlowResult base = sweep.solve(null).copy();
    double[] injectionKw = new double[feeder.busCount()];
    injectionKw[feeder.indexOf(18)] = 500;
    PowerFlowResult first = sweep.solve(injectionKw);
    PowerFlowResult second = sweep.solve(null);
    assertSame(first, second);
    assertNotSame(base, second);
    assertEquals(base.vMinPu(), second.vMinPu(), 0.0, "flat start: same input, same bits");
  }

  @Test
  void rejectsInjectionVectorOfWrongLength() {
    BackwardForwardSweep sweep = new BackwardForwardSweep(TestFeeders.ieee33());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> sweep.solve(new double[5]));
    assertTrue(e.getMessage().contains("length 5"), e.getMessage());
  }
}
