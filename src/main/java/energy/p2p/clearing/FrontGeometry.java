package energy.p2p.clearing;

import energy.p2p.model.FrontPoint;
import java.util.List;

/**
 * A front seen the way the compromise rules judge it: every objective oriented so that more is
 * better (losses negated) and normalised over the front itself, 0 = the front's worst value of
 * that objective (its nadir), 1 = its best (its ideal). An objective that does not vary over the
 * front counts as 1 everywhere (it cannot tell points apart).
 */
final class FrontGeometry {
  private final List<Objective> objectives;
  private final double[][] normalised; // [point][objective]
  private final double[] welfare; // per point: sum of the welfare objectives (currency units)

  FrontGeometry(List<Objective> objectives, List<FrontPoint> front) {
    this.objectives = objectives;
    int m = objectives.size();
    normalised = new double[front.size()][m];
    welfare = new double[front.size()];
    for (int k = 0; k < m; k++) {
      double best = Double.NEGATIVE_INFINITY;
      double worst = Double.POSITIVE_INFINITY;
      for (FrontPoint p : front) {
        double g = oriented(objectives.get(k), p.value(k));
        best = Math.max(best, g);
        worst = Math.min(worst, g);
      }
      double range = best - worst;
      for (int i = 0; i < front.size(); i++) {
        double g = oriented(objectives.get(k), front.get(i).value(k));
        normalised[i][k] = range > 1e-12 * Math.max(1, Math.abs(best)) ? (g - worst) / range : 1;
        if (objectives.get(k).isWelfare()) {
          welfare[i] += front.get(i).value(k);
        }
      }
    }
  }

  static double oriented(Objective o, double value) {
    return o.maximised() ? value : -value;
  }

  int size() {
    return normalised.length;
  }

  double normalised(int point, int objective) {
    return normalised[point][objective];
  }

  double welfare(int point) {
    return welfare[point];
  }

  /** Π of the normalised objectives: Nash bargaining with the front's nadir as disagreement. */
  double nashProduct(int point) {
    double product = 1;
    for (double x : normalised[point]) {
      product *= x;
    }
    return product;
  }

  double weightedSum(int point, double[] weights) {
    double sum = 0;
    for (int k = 0; k < weights.length; k++) {
      sum += weights[k] * normalised[point][k];
    }
    return sum;
  }

  /**
   * Signed distance (normalised space) of each point beyond the hyperplane through the front's
   * extreme points — the point best in each objective: the chord between the two ends of a 2-D
   * front, the plane through the three corners of a 3-D one. Null when the extremes do not span a
   * hyperplane (they coincide or are collinear).
   */
  double[] beyondExtremes() {
    int m = objectives.size();
    double[][] corner = new double[m][];
    for (int k = 0; k < m; k++) {
      int best = 0;
      for (int i = 1; i < size(); i++) {
        if (normalised[i][k] > normalised[best][k]) {
          best = i;
        }
      }
      corner[k] = normalised[best];
    }
    double[] normal = normal(corner);
    if (normal == null) {
      return null;
    }
    double[] out = new double[size()];
    for (int i = 0; i < size(); i++) {
      double d = 0;
      for (int k = 0; k < m; k++) {
        d += normal[k] * (normalised[i][k] - corner[0][k]);
      }
      out[i] = d;
    }
    return out;
  }

  /** Unit normal of the hyperplane through the given points, oriented towards the ideal. */
  private static double[] normal(double[][] p) {
    double[] n;
    if (p.length == 2) {
      n = new double[] {p[0][1] - p[1][1], p[1][0] - p[0][0]};
    } else {
      double[] u = {p[1][0] - p[0][0], p[1][1] - p[0][1], p[1][2] - p[0][2]};
      double[] v = {p[2][0] - p[0][0], p[2][1] - p[0][1], p[2][2] - p[0][2]};
      n = new double[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2],
          u[0] * v[1] - u[1] * v[0]};
    }
    double length = 0;
    double towardsIdeal = 0;
    for (double c : n) {
      length += c * c;
      towardsIdeal += c;
    }
    length = Math.sqrt(length);
    if (length < 1e-9) {
      return null;
    }
    double sign = towardsIdeal < 0 ? -1 : 1;
    for (int k = 0; k < n.length; k++) {
      n[k] = sign * n[k] / length;
    }
    return n;
  }
}
