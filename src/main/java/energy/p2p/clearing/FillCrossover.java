package energy.p2p.clearing;

import java.util.List;
import java.util.SplittableRandom;
import org.uma.jmetal.operator.crossover.CrossoverOperator;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;

/**
 * Simulated binary crossover (Deb and Agrawal, 1995, in the bounded form of NSGA-II) on
 * {@link FillSolution}'s primitive variables, all in [0, 1]: with the crossover probability, each
 * variable (with probability ½, where the parents differ) is replaced by the two SBX children of
 * the parents' values, given to either child at random. What jMetal's SBXCrossover does, without
 * boxing a value or building an error message per variable; draws from the window's own generator.
 */
final class FillCrossover implements CrossoverOperator<DoubleSolution> {
  private static final double EPS = 1e-14;

  private final double probability;
  private final double distributionIndex;
  private final transient SplittableRandom random;

  FillCrossover(double probability, double distributionIndex, SplittableRandom random) {
    this.probability = probability;
    this.distributionIndex = distributionIndex;
    this.random = random;
  }

  @Override
  public List<DoubleSolution> execute(List<DoubleSolution> parents) {
    if (parents.size() != 2) {
      throw new IllegalArgumentException("SBX needs two parents, got " + parents.size());
    }
    FillSolution a = (FillSolution) parents.get(0).copy();
    FillSolution b = (FillSolution) parents.get(1).copy();
    if (random.nextDouble() <= probability) {
      cross(a.raw(), b.raw());
    }
    return List.of(a, b);
  }

  private void cross(double[] x, double[] y) {
    double exponent = 1.0 / (distributionIndex + 1.0);
    for (int k = 0; k < x.length; k++) {
      if (random.nextDouble() > 0.5 || Math.abs(x[k] - y[k]) <= EPS) {
        continue;
      }
      double lo = Math.min(x[k], y[k]);
      double hi = Math.max(x[k], y[k]);
      double u = random.nextDouble();
      double c1 = 0.5 * (lo + hi - spread(1.0 + 2.0 * lo / (hi - lo), u, exponent) * (hi - lo));
      double c2 = 0.5 * (lo + hi + spread(1.0 + 2.0 * (1.0 - hi) / (hi - lo), u, exponent)
          * (hi - lo));
      c1 = FillDecoder.clamp01(c1);
      c2 = FillDecoder.clamp01(c2);
      boolean swap = random.nextDouble() <= 0.5;
      x[k] = swap ? c2 : c1;
      y[k] = swap ? c1 : c2;
    }
  }

  /** β_q of SBX for the distance {@code beta} to the bound and uniform draw u. */
  private double spread(double beta, double u, double exponent) {
    double alpha = 2.0 - Math.pow(beta, -(distributionIndex + 1.0));
    return u <= 1.0 / alpha
        ? Math.pow(u * alpha, exponent)
        : Math.pow(1.0 / (2.0 - u * alpha), exponent);
  }

  @Override
  public double crossoverProbability() {
    return probability;
  }

  @Override
  public int numberOfRequiredParents() {
    return 2;
  }

  @Override
  public int numberOfGeneratedChildren() {
    return 2;
  }
}
