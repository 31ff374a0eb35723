package energy.p2p.clearing;

import energy.p2p.model.Allocation;
import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.ClassStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A window's figures computed from its trades and bids alone, so the clearing engine and the
 * feasibility operator (after curtailment) report the same way. Buyer welfare of a trade =
 * kWh × (limit − price − fee/2); seller welfare = kWh × (price − fee/2 − ask).
 */
public record WindowAccounting(
    double matchedKwh,
    double buyerWelfare,
    double sellerWelfare,
    Map<BuyerClass, ClassStats> perClass) {

  public double socialWelfare() {
    return buyerWelfare + sellerWelfare;
  }

  public static WindowAccounting of(List<Allocation> allocations, List<Bid> bids) {
    Map<String, Bid> byId = new HashMap<>();
    int[] buyers = new int[3];
    double[] demand = new double[3];
    List<Bid> sorted = new ArrayList<>(bids); // sums in bidId order: arrival order must not matter
    sorted.sort(Comparator.comparing(Bid::bidId));
    for (Bid b : sorted) {
      byId.put(b.bidId(), b);
      if (b.isBuy()) {
        buyers[b.buyerClass().ordinal()]++;
        demand[b.buyerClass().ordinal()] += b.quantityKwh();
      }
    }
    double matched = 0;
    double buyerWelfare = 0;
    double sellerWelfare = 0;
    double[] classMatched = new double[3];
    double[] classWelfare = new double[3];
    for (Allocation a : allocations) {
      Bid buyer = require(byId, a.buyerBidId());
      Bid seller = require(byId, a.sellerBidId());
      double bw = a.quantityKwh() * (buyer.limitPrice() - a.price() - a.gridFee() / 2);
      matched += a.quantityKwh();
      buyerWelfare += bw;
      sellerWelfare += a.quantityKwh() * (a.price() - a.gridFee() / 2 - seller.limitPrice());
      classMatched[buyer.buyerClass().ordinal()] += a.quantityKwh();
      classWelfare[buyer.buyerClass().ordinal()] += bw;
    }
    Map<BuyerClass, ClassStats> perClass = new EnumMap<>(BuyerClass.class);
    for (BuyerClass c : BuyerClass.values()) {
      int k = c.ordinal();
      double fill = demand[k] > 0 ? classMatched[k] / demand[k] : 0;
      perClass.put(c, new ClassStats(buyers[k], demand[k], classMatched[k], fill, classWelfare[k]));
    }
    return new WindowAccounting(matched, buyerWelfare, sellerWelfare,
        Collections.unmodifiableMap(perClass));
  }

  private static Bid require(Map<String, Bid> byId, String bidId) {
    Bid b = byId.get(bidId);
    if (b == null) {
      throw new IllegalArgumentException("allocation refers to bid " + bidId
          + " which is not in the window's bids");
    }
    return b;
  }
}
