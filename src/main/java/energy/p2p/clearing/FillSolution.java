package energy.p2p.clearing;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;
import org.uma.jmetal.util.bounds.Bounds;

/**
 * A genotype: fill fractions of every bid (buyers then sellers, merit order) and, last, the price
 * split α — all in [0, 1]. Kept in a primitive array (jMetal's solutions box every variable, and a
 * window copies and varies hundreds of them): the operators ({@link FillCrossover},
 * {@link FillMutation}) and the problem read and write {@link #raw()}; {@link #variables()} is a
 * boxing view for anything else. Creating one never draws from the JVM-wide JMetalRandom
 * singleton: the values are given.
 */
final class FillSolution implements DoubleSolution {
  private static final Bounds<Double> UNIT = Bounds.create(0.0, 1.0);

  private final double[] values;
  private final double[] objectives;
  private final double[] constraints;
  private Map<Object, Object> attributes;

  FillSolution(double[] values, int objectives, int constraints) {
    this.values = values.clone();
    this.objectives = new double[objectives];
    this.constraints = new double[constraints];
  }

  private FillSolution(FillSolution other) {
    values = other.values.clone();
    objectives = other.objectives.clone();
    constraints = other.constraints.clone();
    if (other.attributes != null && !other.attributes.isEmpty()) {
      attributes = new HashMap<>(other.attributes);
    }
  }

  /** The variables themselves (fills, then α last): operators and the problem work on them. */
  double[] raw() {
    return values;
  }

  /** Variables as a primitive array (a copy). */
  double[] values() {
    return values.clone();
  }

  @Override
  public List<Double> variables() {
    return new AbstractList<>() {
      @Override
      public Double get(int index) {
        return values[index];
      }

      @Override
      public Double set(int index, Double value) {
        double old = values[index];
        values[index] = value;
        return old;
      }

      @Override
      public int size() {
        return values.length;
      }
    };
  }

  @Override
  public double[] objectives() {
    return objectives;
  }

  @Override
  public double[] constraints() {
    return constraints;
  }

  @Override
  public Map<Object, Object> attributes() {
    if (attributes == null) {
      attributes = new HashMap<>();
    }
    return attributes;
  }

  @Override
  public Bounds<Double> getBounds(int index) {
    return UNIT;
  }

  @Override
  public FillSolution copy() {
    return new FillSolution(this);
  }
}
