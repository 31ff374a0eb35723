package energy.p2p.clearing;

import java.util.SplittableRandom;
import org.uma.jmetal.operator.mutation.MutationOperator;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;

/**
 * Polynomial mutation (Deb and Goyal, 1996, as in NSGA-II) on {@link FillSolution}'s primitive
 * variables, all in [0, 1]: each variable mutates with the given probability by a polynomially
 * distributed step that stays inside the bounds. What jMetal's PolynomialMutation does, without
 * boxing or per-variable message strings; draws from the window's own generator.
 */
final class FillMutation implements MutationOperator<DoubleSolution> {
  private final double probability;
  private final double distributionIndex;
  private final transient SplittableRandom random;

  FillMutation(double probability, double distributionIndex, SplittableRandom random) {
    this.probability = probability;
    this.distributionIndex = distributionIndex;
    this.random = random;
  }

  @Override
  public DoubleSolution execute(DoubleSolution solution) {
    double[] x = ((FillSolution) solution).raw();
    double power = 1.0 / (distributionIndex + 1.0);
    for (int k = 0; k < x.length; k++) {
      if (random.nextDouble() > probability) {
        continue;
      }
      double u = random.nextDouble();
      double step;
      if (u <= 0.5) {
        double val = 2.0 * u + (1.0 - 2.0 * u) * Math.pow(1.0 - x[k], distributionIndex + 1.0);
        step = Math.pow(val, power) - 1.0;
      } else {
        double val = 2.0 * (1.0 - u) + 2.0 * (u - 0.5) * Math.pow(x[k], distributionIndex + 1.0);
        step = 1.0 - Math.pow(val, power);
      }
      x[k] = FillDecoder.clamp01(x[k] + step);
    }
    return solution;
  }

  @Override
  public double mutationProbability() {
    return probability;
  }
}
