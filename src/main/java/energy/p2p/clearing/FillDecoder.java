package energy.p2p.clearing;

import energy.p2p.model.BuyerClass;
import java.util.Arrays;

/**
 * Turns a genotype — one fill fraction in [0, 1] per bid (buyers then sellers, merit order) plus
 * the price split α — into a balanced set of bilateral trades, their welfare and the bus
 * injections. Deterministic and allocation-free: one decoder per clearing instance, its scratch
 * arrays are reused (not thread-safe).
 *
 * <p>Steps: (1) volumes = fill × quantity; (2) trim the longer side in reverse merit order until
 * both sides match; (3) class repair: move energy from other classes' cheapest matched buyers to
 * unmatched buyers of a protected class that can pay the marginal ask, until its minimum share
 * holds; (4) pair: without a fee, buyers by ascending limit with the cheapest remaining sellers
 * they can afford (nested affordable sets: a complete pairing whenever one exists), O(n + m);
 * with a fee, on the feeder's tree ({@link #pairOnTree}): every kWh is paired at the lowest
 * common bus of buyer and seller, which is the pairing of least total fee for these volumes, and
 * the pairs at a bus are formed as without a fee (so they are individually rational whenever a
 * rational pairing exists); what cannot be paired is dropped; (5) price each trade at
 * ask + fee/2 + α·surplus, so buyers get (1 − α) and sellers α of every trade's surplus
 * (limit − ask − fee).
 *
 * <p>Callers hand volumes in as arguments and read results through accessors: only the decoder
 * writes its state.
 */
public final class FillDecoder {
  private static final double EPS_KWH = 1e-9;
  /** A pair whose surplus is below this (binary noise of an exact optimum) is not rational. */
  private static final double EPS_SURPLUS = 1e-12;
  private static final int STANDARD = BuyerClass.STANDARD.ordinal();

  private final MarketBook book;
  private final double frameHours;
  private final double[] minShare;
  private final boolean anyShare;
  private final double[] buyVol;
  private final double[] sellVol;
  private final double[] buyLeft;
  private final double[] sellLeft;
  private final double[] injectionKw;
  private final TreeLists tree;
  // trades of the last decode with recordTrades
  private int tradeCount;
  private final int[] tradeBuyer;
  private final int[] tradeSeller;
  private final double[] tradeKwh;
  // the fills of the last decode (a repeat with another α only re-splits the surplus)
  private final double[] lastFills;
  private boolean lastFillsValid;
  private boolean lastRecorded;
  // figures of the last decode
  private double surplus;
  private double buyerWelfare;
  private double sellerWelfare;
  private double matchedKwh;
  private double standardKwh;

  public FillDecoder(MarketBook book, ClearingConfig config) {
    this.book = book;
    this.frameHours = config.frameHours();
    int n = book.buyerCount();
    int m = book.sellerCount();
    minShare = new double[3];
    boolean any = false;
    for (BuyerClass c : BuyerClass.values()) {
      minShare[c.ordinal()] = config.minShare(c);
      any |= minShare[c.ordinal()] > 0;
    }
    anyShare = any;
    buyVol = new double[n];
    sellVol = new double[m];
    buyLeft = new double[n];
    sellLeft = new double[m];
    injectionKw = new double[book.busCount()];
    tradeBuyer = new int[n + m];
    tradeSeller = new int[n + m];
    tradeKwh = new double[n + m];
    tree = book.hasFee() ? new TreeLists(book) : null;
    lastFills = new double[n + m];
  }

  /** Decodes fills (length n + m) with price split alpha; records trades when asked to. */
  public void decode(double[] fills, double alpha, boolean recordTrades) {
    int n = book.buyerCount();
    int m = book.sellerCount();
    if (lastFillsValid && (!recordTrades || lastRecorded)
        && Arrays.equals(fills, 0, n + m, lastFills, 0, n + m)) {
      split(clamp01(alpha)); // the same trades: only the split of their surplus changes
      return;
    }
    System.arraycopy(fills, 0, lastFills, 0, n + m);
    lastFillsValid = true;
    lastRecorded = recordTrades;
    for (int i = 0; i < n; i++) {
      buyVol[i] = clamp01(fills[i]) * book.buyQtyKwh[i];
    }
    for (int j = 0; j < m; j++) {
      sellVol[j] = clamp01(fills[n + j]) * book.sellQtyKwh[j];
    }
    run(clamp01(alpha), recordTrades);
  }

  /** Decodes volumes (kWh per buyer, per seller, merit order; not modified) and records trades. */
  void decodeVolumes(double[] buy, double[] sell, double alpha) {
    lastFillsValid = false;
    for (int i = 0; i < buyVol.length; i++) {
      buyVol[i] = Math.max(0, Math.min(buy[i], book.buyQtyKwh[i]));
    }
    for (int j = 0; j < sellVol.length; j++) {
      sellVol[j] = Math.max(0, Math.min(sell[j], book.sellQtyKwh[j]));
    }
    run(clamp01(alpha), true);
  }

  private void run(double alpha, boolean recordTrades) {
    balance();
    if (anyShare) {
      ClassShareRepair.apply(book, minShare, buyVol, sellVol);
    }
    Arrays.fill(injectionKw, 0.0);
    surplus = 0;
    matchedKwh = 0;
    standardKwh = 0;
    tradeCount = 0;
    System.arraycopy(buyVol, 0, buyLeft, 0, buyVol.length);
    System.arraycopy(sellVol, 0, sellLeft, 0, sellVol.length);
    if (tree == null) {
      pairWithoutFee(recordTrades);
    } else {
      pairOnTree(recordTrades);
    }
    split(alpha);
  }

  /** Buyers get (1 − α), sellers α of the trades' total surplus. */
  private void split(double alpha) {
    buyerWelfare = (1 - alpha) * surplus;
    sellerWelfare = alpha * surplus;
  }

  // ---- results of the last decode ----

  public int tradeCount() {
    return tradeCount;
  }

  /** Buyer (merit-order index) of recorded trade t. */
  public int tradeBuyer(int t) {
    return tradeBuyer[t];
  }

  public int tradeSeller(int t) {
    return tradeSeller[t];
  }

  public double tradeKwh(int t) {
    return tradeKwh[t];
  }

  /** kW injected per bus index by the decoded trades (the decoder's own array: read only). */
  public double[] injectionKw() {
    return injectionKw;
  }

  public double buyerWelfare() {
    return buyerWelfare;
  }

  public double sellerWelfare() {
    return sellerWelfare;
  }

  public double socialWelfare() {
    return surplus;
  }

  public double matchedKwh() {
    return matchedKwh;
  }

  /** kWh of the last decode's trades bought by STANDARD buyers. */
  public double standardKwh() {
    return standardKwh;
  }

  /** Writes the kWh each bid trades in the recorded trades into {@code buy} and {@code sell}. */
  void tradedVolumes(double[] buy, double[] sell) {
    Arrays.fill(buy, 0.0);
    Arrays.fill(sell, 0.0);
    for (int t = 0; t < tradeCount; t++) {
      buy[tradeBuyer[t]] += tradeKwh[t];
      sell[tradeSeller[t]] += tradeKwh[t];
    }
  }

  // ---- decoding ----

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

  private void pairWithoutFee(boolean record) {
    int m = book.sellerCount();
    int j = 0;
    for (int i = book.buyerCount() - 1; i >= 0; i--) { // ascending limit
      double want = buyLeft[i];
      while (want > EPS_KWH && j < m) {
        if (sellLeft[j] <= EPS_KWH) {
          j++;
          continue;
        }
        if (book.sellAsk[j] > book.buyLimit[i]) {
          break; // every remaining seller is dearer: the rest of this buyer cannot be paired
        }
        double q = Math.min(want, sellLeft[j]);
        trade(i, j, q, 0.0, record);
        want -= q;
        sellLeft[j] -= q;
      }
      buyLeft[i] = want;
    }
  }

  /**
   * Pairs on the feeder's tree, leaves first: at each bus the bids of the bus and the unpaired
   * volume passed up from its children are paired, the rest passes to the parent. A kWh paired at
   * bus v travels only the edges below v, each in one direction, so the total fee is the least
   * these volumes allow (a tree carries a given set of bus balances in exactly one way). At a bus,
   * buyers and sellers are ranked by limit − rate·R(slack, bus) and ask + rate·R(slack, bus):
   * that order does not depend on the bus where they meet, and "buyers ascending, each with the
   * cheapest remaining sellers it can afford" pairs everything that can be paired rationally.
   */
  private void pairOnTree(boolean record) {
    tree.start(buyLeft, sellLeft);
    for (int v = book.busCount() - 1; v >= 0; v--) {
      int[] buyers = tree.sortedBuyers(v);
      int[] sellers = tree.sortedSellers(v);
      int nb = tree.buyerCount(v);
      int ns = tree.sellerCount(v);
      int s = 0;
      for (int k = 0; k < nb; k++) {
        int i = tree.buyer(buyers[k]);
        double want = buyLeft[i];
        while (want > EPS_KWH && s < ns) {
          int j = tree.seller(sellers[s]);
          if (sellLeft[j] <= EPS_KWH) {
            s++;
            continue;
          }
          double fee = book.feePerKwh[book.buyBus[i]][book.sellBus[j]];
          if (book.buyLimit[i] - book.sellAsk[j] - fee < -EPS_SURPLUS) {
            break; // the remaining sellers rank dearer still
          }
          double q = Math.min(want, sellLeft[j]);
          trade(i, j, q, fee, record);
          want -= q;
          sellLeft[j] -= q;
        }
        buyLeft[i] = want;
      }
      if (v > 0) {
        tree.passUp(v, buyLeft, sellLeft);
      }
    }
  }

  private void trade(int i, int j, double q, double fee, boolean record) {
    surplus += q * Math.max(0, book.buyLimit[i] - book.sellAsk[j] - fee);
    matchedKwh += q;
    if (book.buyClass[i] == STANDARD) {
      standardKwh += q;
    }
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
