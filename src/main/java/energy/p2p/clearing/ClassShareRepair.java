package energy.p2p.clearing;

/**
 * Keeps HIGH and ULTRA_HIGH buyers from crowding out protected classes: when a class with a
 * minimum share holds less than that share of the matched energy, energy moves from the cheapest
 * matched buyers of other classes (lowest limit first, never taking a donor class below its own
 * minimum) to the class's unmatched buyers that can pay the marginal ask (highest limit first).
 * The matched total is unchanged, so the book stays balanced. When no buyer of the class can pay,
 * nothing moves: the reservation only binds while the class's demand can pay.
 */
final class ClassShareRepair {
  private static final double EPS_KWH = 1e-9;

  private ClassShareRepair() {}

  static void apply(MarketBook book, double[] minShare, double[] buyVol, double[] sellVol) {
    double marginalAsk = marginalAsk(book, sellVol);
    if (Double.isNaN(marginalAsk)) {
      return;
    }
    double[] perClass = new double[3];
    double total = 0;
    for (int i = 0; i < buyVol.length; i++) {
      perClass[book.buyClass[i]] += buyVol[i];
      total += buyVol[i];
    }
    for (int c = 0; c < 3; c++) {
      double need = minShare[c] * total - perClass[c];
      if (need > EPS_KWH) {
        shift(book, minShare, buyVol, perClass, total, c, need, marginalAsk);
      }
    }
  }

  /** Ask of the dearest seller with matched volume; NaN when nothing is matched. */
  private static double marginalAsk(MarketBook book, double[] sellVol) {
    for (int j = sellVol.length - 1; j >= 0; j--) {
      if (sellVol[j] > EPS_KWH) {
        return book.sellAsk[j];
      }
    }
    return Double.NaN;
  }

  private static void shift(MarketBook book, double[] minShare, double[] buyVol,
      double[] perClass, double total, int c, double need, double marginalAsk) {
    int donor = buyVol.length - 1;
    for (int r = 0; r < buyVol.length && need > EPS_KWH; r++) { // receivers: highest limit first
      if (book.buyClass[r] != c || book.buyLimit[r] < marginalAsk) {
        continue;
      }
      double room = book.buyQtyKwh[r] - buyVol[r];
      while (room > EPS_KWH && need > EPS_KWH) {
        donor = nextDonor(book, minShare, buyVol, perClass, total, c, donor);
        if (donor < 0) {
          return;
        }
        int d = book.buyClass[donor];
        double headroom = perClass[d] - minShare[d] * total;
        double q = Math.min(Math.min(room, need), Math.min(buyVol[donor], headroom));
        buyVol[donor] -= q;
        buyVol[r] += q;
        perClass[d] -= q;
        perClass[c] += q;
        room -= q;
        need -= q;
      }
    }
  }

  /** The next matched buyer (walking up from the lowest limit) that may give energy away. */
  private static int nextDonor(MarketBook book, double[] minShare, double[] buyVol,
      double[] perClass, double total, int c, int from) {
    for (int k = from; k >= 0; k--) {
      int d = book.buyClass[k];
      if (d != c && buyVol[k] > EPS_KWH && perClass[d] - minShare[d] * total > EPS_KWH) {
        return k;
      }
    }
    return -1;
  }
}
