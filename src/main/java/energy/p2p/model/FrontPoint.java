package energy.p2p.model;

import java.util.List;

/**
 * One point of a window's Pareto front: the value of each objective the window was cleared with,
 * under the objective's camelCase name ({@code buyerWelfare}, {@code sellerWelfare},
 * {@code socialWelfare}, {@code standardFillRate}, {@code lossesKw}, {@code voltageHeadroomPu}),
 * in the order of the rules' {@code objectives}. Welfare in currency units, fill rate as a share,
 * losses in kW, headroom in p.u. (docs/formats.md).
 *
 * @param names the objectives' camelCase names, in order
 * @param values the point's value of each, same order
 */
public record FrontPoint(List<String> names, List<Double> values) {

  public FrontPoint {
    names = List.copyOf(names);
    values = List.copyOf(values);
    if (names.size() != values.size()) {
      throw new IllegalArgumentException("front point: " + names.size() + " names, "
          + values.size() + " values");
    }
  }

  /** A point of the buyer / seller welfare front (the default objectives). */
  public FrontPoint(double buyerWelfare, double sellerWelfare) {
    this(List.of("buyerWelfare", "sellerWelfare"), List.of(buyerWelfare, sellerWelfare));
  }

  /** The value of objective {@code name}; NaN when the point does not carry it. */
  public double value(String name) {
    int k = names.indexOf(name);
    return k < 0 ? Double.NaN : values.get(k);
  }

  /** The k-th objective's value. */
  public double value(int k) {
    return values.get(k);
  }

  public int size() {
    return names.size();
  }

  public double buyerWelfare() {
    return value("buyerWelfare");
  }

  public double sellerWelfare() {
    return value("sellerWelfare");
  }
}
