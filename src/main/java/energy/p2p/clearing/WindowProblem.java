package energy.p2p.clearing;

import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.PowerFlowSolver;
import energy.p2p.grid.limits.GridLimits;
import java.util.Arrays;
import org.uma.jmetal.problem.Problem;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;

/**
 * The jMetal problem of one window. Objectives (minimised, {@link ObjectiveValues}): by default
 * −buyer welfare, −seller welfare; with a rules file's objectives, each of them (maximised ones
 * negated). When the price split is not an objective the genotype's α is ignored and trades are
 * priced at {@link ObjectiveSet#fixedAlpha}. Constraints (negative = violated, in percent):
 * under-voltage, over-voltage, over-current of the decoded trades' AC load flow. One decode and at
 * most one sweep per evaluation, no allocation.
 */
final class WindowProblem implements Problem<DoubleSolution> {
  private final transient FillDecoder decoder;
  private final transient PowerFlowSolver sweep;
  private final transient GridLimits limits;
  private final transient ObjectiveValues objectives;
  private final double fixedAlpha;
  private final int variables;
  private final double[] fills;
  private final double[] violations = new double[3];
  /** The flow-derived objectives (losses, headroom) of the last sweep, per objective index. */
  private final double[] flowValues;
  private final double[] lastInjectionKw;
  private boolean swept;

  WindowProblem(MarketBook book, FillDecoder decoder, PowerFlowSolver sweep,
      GridLimits limits, ObjectiveValues objectives) {
    this.objectives = objectives;
    this.fixedAlpha = ObjectiveSet.fixedAlpha(objectives.objectives());
    this.decoder = decoder;
    this.sweep = sweep;
    this.limits = limits;
    this.variables = book.buyerCount() + book.sellerCount() + 1;
    this.fills = new double[variables - 1];
    this.flowValues = new double[objectives.count()];
    this.lastInjectionKw = new double[book.busCount()];
  }

  @Override
  public int numberOfVariables() {
    return variables;
  }

  @Override
  public int numberOfObjectives() {
    return objectives.count();
  }

  @Override
  public int numberOfConstraints() {
    return 3;
  }

  @Override
  public String name() {
    return "p2p-window";
  }

  @Override
  public DoubleSolution evaluate(DoubleSolution solution) {
    double[] vars = ((FillSolution) solution).raw();
    System.arraycopy(vars, 0, fills, 0, fills.length);
    decoder.decode(fills, alpha(vars[fills.length]), false);
    if (!sameInjection(decoder.injectionKw())) {
      // the flow depends on the injections only: members that differ in α alone (the seeded
      // α-spread, a mutation of α) share one sweep; what the objectives need from it is kept
      // here, not in the solver's result (other solves may run between evaluations)
      PowerFlowResult flow = sweep.solve(decoder.injectionKw());
      limits.violations(flow, violations);
      objectives.flowValues(flow, flowValues);
    }
    objectives.minimised(decoder, flowValues, solution.objectives());
    solution.constraints()[0] = -violations[0];
    solution.constraints()[1] = -violations[1];
    solution.constraints()[2] = -violations[2];
    return solution;
  }

  /** The price split a genotype's trades get: its own α, or the fixed one. */
  double alpha(double genotypeAlpha) {
    return Double.isNaN(fixedAlpha) ? genotypeAlpha : fixedAlpha;
  }

  /** Whether {@code kw} equals the injections of the last sweep (remembered if not). */
  private boolean sameInjection(double[] kw) {
    boolean same = swept && Arrays.equals(kw, lastInjectionKw);
    if (!same) {
      System.arraycopy(kw, 0, lastInjectionKw, 0, kw.length);
      swept = true;
    }
    return same;
  }

  /** Never used: the runner builds every solution itself from the window's own generator. */
  @Override
  public DoubleSolution createSolution() {
    throw new UnsupportedOperationException("solutions are created by the seeded runner");
  }
}
