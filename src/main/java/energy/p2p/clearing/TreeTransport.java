package energy.p2p.clearing;

import java.util.Arrays;

/**
 * The exact fee-aware optimum of a book with no grid limit: which volumes to trade when every kWh
 * pays rate × R(buyer bus, seller bus). Fees depend only on the two buses and R is a distance on
 * the feeder's tree, so the bus-to-bus transportation problem is a min-cost flow on the tree
 * itself: sellers feed their bus (cost: ask, cheapest first), buyers draw from theirs (value:
 * limit, highest first), and every branch carries kWh either way at rate × r_branch. Successive
 * shortest paths from any seller to any buyer, each found in O(buses) by one pass up and one pass
 * down the tree (the path between two buses is unique, and a branch's cost is −rate·r while it
 * cancels flow that runs the other way), until no path gains: with non-decreasing path costs, the
 * flow at that point is the maximum-welfare one (welfare = −cost; zero flow is optimal for zero
 * volume). At most one augmentation per bid or branch flow exhausted.
 */
final class TreeTransport {
  private static final double EPS_KWH = 1e-12;
  /** A path must gain at least this per kWh (binary noise of equal prices is no gain). */
  private static final double EPS_GAIN = 1e-12;

  private final MarketBook book;
  private final int buses;
  private final double[] weight; // rate × r of the branch feeding bus v (index v)
  private final double[] flowDown; // kWh on the branch feeding v, + = parent → v
  private final int[][] sellersAt;
  private final int[][] buyersAt;
  private final int[] sellerHead;
  private final int[] buyerHead;
  private final double[] buyLeft;
  private final double[] sellLeft;
  private final double[] up;
  private final int[] upFrom;
  private final double[] best;
  private final int[] bestFrom;
  private double welfare;

  private TreeTransport(MarketBook book) {
    this.book = book;
    buses = book.busCount();
    weight = new double[buses];
    for (int v = 1; v < buses; v++) {
      weight[v] = book.feePerKwhPerOhm * (book.rootROhm[v] - book.rootROhm[book.busParent[v]]);
    }
    flowDown = new double[buses];
    sellersAt = byBus(book.sellBus, buses);
    buyersAt = byBus(book.buyBus, buses);
    sellerHead = new int[buses];
    buyerHead = new int[buses];
    buyLeft = book.buyQtyKwh.clone();
    sellLeft = book.sellQtyKwh.clone();
    up = new double[buses];
    upFrom = new int[buses];
    best = new double[buses];
    bestFrom = new int[buses];
  }

  /** Bid indices per bus, in merit order (so ascending ask, descending limit). */
  private static int[][] byBus(int[] busOfBid, int buses) {
    int[] count = new int[buses];
    for (int bus : busOfBid) {
      count[bus]++;
    }
    int[][] at = new int[buses][];
    for (int b = 0; b < buses; b++) {
      at[b] = new int[count[b]];
      count[b] = 0;
    }
    for (int k = 0; k < busOfBid.length; k++) {
      at[busOfBid[k]][count[busOfBid[k]]++] = k;
    }
    return at;
  }

  /** The optimum's traded volumes {buyers, sellers} (merit order) and its welfare. */
  record Optimum(double[] buyKwh, double[] sellKwh, double welfare) {
    double matchedKwh() {
      return Arrays.stream(buyKwh).sum();
    }
  }

  /** The fee-aware optimum; without a fee, the merit-order crossing. */
  static Optimum solve(MarketBook book) {
    if (!book.hasFee()) {
      double[][] v = MeritOrder.crossingVolumes(book);
      return new Optimum(v[0], v[1], MeritOrder.optimumWelfare(book));
    }
    TreeTransport t = new TreeTransport(book);
    t.run();
    double[] buy = new double[book.buyerCount()];
    double[] sell = new double[book.sellerCount()];
    for (int i = 0; i < buy.length; i++) {
      buy[i] = book.buyQtyKwh[i] - t.buyLeft[i];
    }
    for (int j = 0; j < sell.length; j++) {
      sell[j] = book.sellQtyKwh[j] - t.sellLeft[j];
    }
    return new Optimum(buy, sell, t.welfare);
  }

  private void run() {
    while (true) {
      shortestFromSellers();
      int a = -1;
      double bestCost = -EPS_GAIN;
      for (int v = 0; v < buses; v++) {
        int i = head(buyersAt[v], buyerHead, v, buyLeft);
        if (i >= 0 && bestFrom[v] >= 0) {
          double cost = best[v] - book.buyLimit[i];
          if (cost < bestCost) {
            bestCost = cost;
            a = v;
          }
        }
      }
      if (a < 0) {
        return;
      }
      augment(bestFrom[a], a, -bestCost);
    }
  }

  /** Cheapest cost of delivering one more kWh to every bus from any seller (two tree passes). */
  private void shortestFromSellers() {
    for (int v = 0; v < buses; v++) {
      int j = head(sellersAt[v], sellerHead, v, sellLeft);
      up[v] = j >= 0 ? book.sellAsk[j] : Double.POSITIVE_INFINITY;
      upFrom[v] = j >= 0 ? v : -1;
    }
    for (int v = buses - 1; v > 0; v--) { // children before parents
      int p = book.busParent[v];
      double viaV = up[v] + costUp(v);
      if (viaV < up[p]) {
        up[p] = viaV;
        upFrom[p] = upFrom[v];
      }
    }
    best[0] = up[0];
    bestFrom[0] = upFrom[0];
    for (int v = 1; v < buses; v++) { // parents before children
      int p = book.busParent[v];
      double viaParent = best[p] + costDown(v);
      if (viaParent < up[v]) {
        best[v] = viaParent;
        bestFrom[v] = bestFrom[p];
      } else {
        best[v] = up[v];
        bestFrom[v] = upFrom[v];
      }
    }
  }

  private double costUp(int v) {
    return flowDown[v] > EPS_KWH ? -weight[v] : weight[v];
  }

  private double costDown(int v) {
    return flowDown[v] < -EPS_KWH ? -weight[v] : weight[v];
  }

  /** The first bid of a bus with volume left (advancing the bus's head), or -1. */
  private static int head(int[] at, int[] heads, int bus, double[] left) {
    while (heads[bus] < at.length && left[at[heads[bus]]] <= EPS_KWH) {
      heads[bus]++;
    }
    return heads[bus] < at.length ? at[heads[bus]] : -1;
  }

  /** Sends as much as the path's bottleneck allows from seller bus b to buyer bus a. */
  private void augment(int b, int a, double gainPerKwh) {
    int j = head(sellersAt[b], sellerHead, b, sellLeft);
    int i = head(buyersAt[a], buyerHead, a, buyLeft);
    double q = Math.min(sellLeft[j], buyLeft[i]);
    // bottleneck of the branches that cancel flow running the other way
    for (int x = b, y = a; x != y; ) {
      if (x > y) { // x moves up its branch
        q = flowDown[x] > EPS_KWH ? Math.min(q, flowDown[x]) : q;
        x = book.busParent[x];
      } else { // the path moves down y's branch
        q = flowDown[y] < -EPS_KWH ? Math.min(q, -flowDown[y]) : q;
        y = book.busParent[y];
      }
    }
    for (int x = b, y = a; x != y; ) {
      if (x > y) {
        flowDown[x] -= q;
        x = book.busParent[x];
      } else {
        flowDown[y] += q;
        y = book.busParent[y];
      }
    }
    sellLeft[j] -= q;
    buyLeft[i] -= q;
    welfare += q * gainPerKwh;
  }
}
