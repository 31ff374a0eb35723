package energy.p2p.clearing;

import java.util.List;
import org.uma.jmetal.solution.AbstractSolution;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;
import org.uma.jmetal.util.bounds.Bounds;

/**
 * A genotype: fill fractions of every bid (buyers then sellers, merit order) and, last, the price
 * split α — all in [0, 1]. Unlike jMetal's DefaultDoubleSolution, creating one never draws from the
 * JVM-wide JMetalRandom singleton: the values are given.
 */
final class FillSolution extends AbstractSolution<Double> implements DoubleSolution {
  private static final Bounds<Double> UNIT = Bounds.create(0.0, 1.0);

  FillSolution(double[] values, int objectives, int constraints) {
    super(values.length, objectives, constraints);
    List<Double> vars = variables();
    for (int k = 0; k < values.length; k++) {
      vars.set(k, values[k]);
    }
  }

  private FillSolution(FillSolution other) {
    super(other.variables().size(), other.objectives().length, other.constraints().length);
    List<Double> vars = variables();
    List<Double> from = other.variables();
    for (int k = 0; k < from.size(); k++) {
      vars.set(k, from.get(k));
    }
    System.arraycopy(other.objectives(), 0, objectives(), 0, objectives().length);
    System.arraycopy(other.constraints(), 0, constraints(), 0, constraints().length);
    attributes().putAll(other.attributes());
  }

  @Override
  public Bounds<Double> getBounds(int index) {
    return UNIT;
  }

  @Override
  public FillSolution copy() {
    return new FillSolution(this);
  }

  /** Variables as a primitive array (fills, then α last). */
  double[] values() {
    List<Double> vars = variables();
    double[] out = new double[vars.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = vars.get(k);
    }
    return out;
  }
}
