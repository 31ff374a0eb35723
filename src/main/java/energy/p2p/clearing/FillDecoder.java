package energy.p2p.clearing;

/**
 * Turns a genotype — one fill fraction in [0, 1] per bid (buyers then sellers, merit order) plus
 * the price split α — into a balanced set of bilateral trades, their welfare and the bus
 * injections. Deterministic, O(n + m) without grid fee, and allocation-free: one decoder per
 * clearing instance, its scratch arrays are reused (not thread-safe).
 *
 * <p>Steps: (1) volumes = fill × quantity; (2) trim the longer side in reverse merit order until
 * both sides match; (3) class repair: move energy from other classes' cheapest matched buyers to
 * unmatched buyers of a protected class that can pay the marginal ask, until its minimum share
 * holds; (4) pair buyers by ascending limit with the cheapest remaining sellers they can afford
 * (ask + fee ≤ limit) — with nested affordable sets this finds a complete pairing whenever one
 * exists — dropping what cannot be paired; (5) price each trade at ask + fee/2 + α·surplus, so
 * buyers get (1 − α) and sellers α of every trade's surplus (limit − ask − fee).
 */
public final class FillDecoder {
  private static final double EPS_KWH = 1e-9;

  private final MarketBook book;
  private final double frameHours;
  private final double[] minShare;
  private final boolean anyShare;
  final double[] buyVol;
  final double[] sellVol;
  private final double[] sellLeft;
  private final int[] busHead;
  private final int[][] sellersAtBus;
  final double[] injectionKw;
  // trades of the last decode(…, true)
  int tradeCount;
  final int[] tradeBuyer;
  final int[] tradeSeller;
  final double[] tradeKwh;
  // figures of the last decode
  double buyerWelfare;
  double sellerWelfare;
  double matchedKwh;

  public FillDecoder(MarketBook book, ClearingConfig config, int busCount) {
    this.book = book;
    this.frameHours = config.frameHours();
    int n = book.buyerCount();
    int m = book.sellerCount();
    minShare = new double[3];
    boolean any = false;
    for (energy.p2p.model.BuyerClass c : energy.p2p.model.BuyerClass.values()) {
      minShare[c.ordinal()] = config.minShare(c);
      any |= minShare[c.ordinal()] > 0;
    }
    anyShare = any;
    buyVol = new double[n];
    sellVol = new double[m];
    sellLeft = new double[m];
    injectionKw = new double[busCount];
    tradeBuyer = new int[n + m];
    tradeSeller = new int[n + m];
    tradeKwh = new double[n + m];
    busHead = new int[busCount];
    sellersAtBus = book.feePerKwh == null ? null : sellersByBus(book, busCount);
  }

  private static int[][] sellersByBus(MarketBook book, int busCount) {
    int[] count = new int[busCount];
    for (int bus : book.sellBus) {
      count[bus]++;
    }
    int[][] at = new int[busCount][];
    for (int b = 0; b < busCount; b++) {
      at[b] = new int[count[b]];
      count[b] = 0;
    }
    for (int j = 0; j < book.sellBus.length; j++) { // ascending ask within each bus
      at[book.sellBus[j]][count[book.sellBus[j]]++] = j;
    }
    return at;
  }

  /** Decodes fills (length n + m) with price split alpha; records trades when asked to. */
  public void decode(double[] fills, double alpha, boolean recordTrades) {
    int n = book.buyerCount();
    int m = book.sellerCount();
    for (int i = 0; i < n; i++) {
      buyVol[i] = clamp01(fills[i]) * book.buyQtyKwh[i];
    }
    for (int j = 0; j < m; j++) {
      sellVol[j] = clamp01(fills[n + j]) * book.sellQtyKwh[j];
    }
    decodeVolumes(clamp01(alpha), recordTrades);
  }

  /** Same as {@link #decode} but from volumes already in {@code buyVol} / {@code sellVol}. */
  void decodeVolumes(double alpha, boolean recordTrades) {
    balance();
    if (anyShare) {
      ClassShareRepair.apply(book, minShare, buyVol, sellVol);
    }
    java.util.Arrays.fill(injectionKw, 0.0);
    buyerWelfare = 0;
    sellerWelfare = 0;
    matchedKwh = 0;
    tradeCount = 0;
    if (sellersAtBus == null) {
      pairWithoutFee(alpha, recordTrades);
    } else {
      pairWithFee(alpha, recordTrades);
    }
  }

  private void balance() {
    double buyTotal = 0;
    double sellTotal = 0;
    for (double v : buyVol) {
      buyTotal += v;
    }
    for (double v : sellVol) {
      sellTotal += v;
    }
    if (buyTotal > sellTotal) {
      trimFromEnd(buyVol, buyTotal - sellTotal);
    } else if (sellTotal > buyTotal) {
      trimFromEnd(sellVol, sellTotal - buyTotal);
    }
  }

  /** Removes {@code excess} kWh starting from the end of the merit order. */
  private static void trimFromEnd(double[] vol, double excess) {
    for (int k = vol.length - 1; k >= 0 && excess > 0; k--) {
      double cut = Math.min(vol[k], excess);
      vol[k] -= cut;
      excess -= cut;
    }
  }

  private void pairWithoutFee(double alpha, boolean record) {
    int m = book.sellerCount();
    System.arraycopy(sellVol, 0, sellLeft, 0, m);
    int j = 0;
    for (int i = book.buyerCount() - 1; i >= 0; i--) { // ascending limit
      double want = buyVol[i];
      while (want > EPS_KWH && j < m) {
        if (sellLeft[j] <= EPS_KWH) {
          j++;
          continue;
        }
        if (book.sellAsk[j] > book.buyLimit[i]) {
          break; // every remaining seller is dearer: the rest of this buyer cannot be paired
        }
        double q = Math.min(want, sellLeft[j]);
        trade(i, j, q, 0.0, alpha, record);
        want -= q;
        sellLeft[j] -= q;
      }
    }
  }

  private void pairWithFee(double alpha, boolean record) {
    int m = book.sellerCount();
    System.arraycopy(sellVol, 0, sellLeft, 0, m);
    java.util.Arrays.fill(busHead, 0);
    double[][] fee = book.feePerKwh;
    for (int i = book.buyerCount() - 1; i >= 0; i--) {
      double want = buyVol[i];
      int bBus = book.buyBus[i];
      while (want > EPS_KWH) {
        int best = -1;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int bus = 0; bus < sellersAtBus.length; bus++) {
          int[] at = sellersAtBus[bus];
          while (busHead[bus] < at.length && sellLeft[at[busHead[bus]]] <= EPS_KWH) {
            busHead[bus]++;
          }
          if (busHead[bus] < at.length) {
            int j = at[busHead[bus]];
            double cost = book.sellAsk[j] + fee[bBus][bus];
            if (cost <= book.buyLimit[i] && cost < bestCost) {
              bestCost = cost;
              best = j;
            }
          }
        }
        if (best < 0) {
          break;
        }
        double q = Math.min(want, sellLeft[best]);
        trade(i, best, q, fee[bBus][book.sellBus[best]], alpha, record);
        want -= q;
        sellLeft[best] -= q;
      }
    }
  }

  private void trade(int i, int j, double q, double fee, double alpha, boolean record) {
    double surplus = book.buyLimit[i] - book.sellAsk[j] - fee;
    buyerWelfare += q * (1 - alpha) * surplus;
    sellerWelfare += q * alpha * surplus;
    matchedKwh += q;
    double kw = q / frameHours;
    injectionKw[book.sellBus[j]] += kw;
    injectionKw[book.buyBus[i]] -= kw;
    if (record) {
      tradeBuyer[tradeCount] = i;
      tradeSeller[tradeCount] = j;
      tradeKwh[tradeCount] = q;
    }
    tradeCount++;
  }

  /** Price per kWh of a trade between buyer i and seller j under split alpha. */
  double price(int i, int j, double alpha) {
    double fee = book.feePerKwh(i, j);
    double surplus = book.buyLimit[i] - book.sellAsk[j] - fee;
    return book.sellAsk[j] + fee / 2 + clamp01(alpha) * surplus;
  }

  static double clamp01(double x) {
    return x < 0 ? 0 : (x > 1 ? 1 : x);
  }
}
