package energy.p2p.grid;

/**
 * A load-flow solver bound to one feeder. Implementations are not thread-safe and own the result
 * they return: it is overwritten by the next solve (use {@link PowerFlowResult#copy()} to keep it).
 * Every solve starts from the flat profile, so the same input always gives the same result.
 */
public interface PowerFlowSolver {

  /** The feeder this solver is bound to. */
  RadialFeeder feeder();

  /**
   * @param injectionKw kW injected at each bus index ON TOP of its base load (negative = extra
   *     draw), length {@code busCount()}; null for the base case
   * @param injectionKvar kvar injected likewise; null for none
   */
  PowerFlowResult solve(double[] injectionKw, double[] injectionKvar);

  default PowerFlowResult solve(double[] injectionKw) {
    return solve(injectionKw, null);
  }

  /** Checks a solver's stopping rule at construction: both solvers share it. */
  static void checkStoppingRule(double tolerancePu, int maxIterations) {
    if (!(tolerancePu > 0) || maxIterations < 1) {
      throw new IllegalArgumentException("tolerance must be > 0 and maxIterations >= 1, got "
          + tolerancePu + " and " + maxIterations);
    }
  }

  /** Checks injection vectors once per solve: wrong lengths or non-finite values are bugs. */
  static void checkInjection(RadialFeeder feeder, double[] injection, String name) {
    if (injection == null) {
      return;
    }
    if (injection.length != feeder.busCount()) {
      throw new IllegalArgumentException(name + " has length " + injection.length + ", feeder "
          + feeder.feederId() + " has " + feeder.busCount() + " buses");
    }
    double sum = 0;
    for (double v : injection) {
      sum += v;
    }
    if (!Double.isFinite(sum)) {
      throw new IllegalArgumentException(name + " contains a non-finite value");
    }
  }
}
