package energy.p2p.clearing;

import energy.p2p.model.Bid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The exact unconstrained optimum, written independently of the production code: the area between
 * the demand curve (limits, descending) and the supply curve (asks, ascending) up to their crossing.
 */
final class MeritOrderReference {
  private MeritOrderReference() {}

  static double optimumWelfare(List<Bid> bids) {
    List<double[]> demand = new ArrayList<>();
    List<double[]> supply = new ArrayList<>();
    for (Bid b : bids) {
      (b.isBuy() ? demand : supply).add(new double[] {b.limitPrice(), b.quantityKwh()});
    }
    demand.sort(Comparator.comparingDouble((double[] d) -> -d[0]));
    supply.sort(Comparator.comparingDouble((double[] s) -> s[0]));
    double welfare = 0;
    int i = 0;
    int j = 0;
    double[] d = demand.isEmpty() ? null : demand.get(0).clone();
    double[] s = supply.isEmpty() ? null : supply.get(0).clone();
    while (d != null && s != null && d[0] > s[0]) {
      double q = Math.min(d[1], s[1]);
      welfare += q * (d[0] - s[0]);
      d[1] -= q;
      s[1] -= q;
      if (d[1] <= 0) {
        d = ++i < demand.size() ? demand.get(i).clone() : null;
      }
      if (s[1] <= 0) {
        s = ++j < supply.size() ? supply.get(j).clone() : null;
      }
    }
    return welfare;
  }
}
