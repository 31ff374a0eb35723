package energy.p2p.clearing;

/**
 * The unconstrained optimum of a book: walk buyers from the highest limit and sellers from the
 * lowest ask and match while limit ≥ ask. Its social welfare bounds every clearing of the book
 * from above (grid limits, class rules and fees can only take welfare away).
 */
public final class MeritOrder {
  private MeritOrder() {}

  /** Matched volume per bid: [0] buyers, [1] sellers, in the book's merit order. */
  public static double[][] crossingVolumes(MarketBook book) {
    int n = book.buyerCount();
    int m = book.sellerCount();
    double[] buy = new double[n];
    double[] sell = new double[m];
    int i = 0;
    int j = 0;
    double buyLeft = n > 0 ? book.buyQtyKwh[0] : 0;
    double sellLeft = m > 0 ? book.sellQtyKwh[0] : 0;
    while (i < n && j < m && book.buyLimit[i] >= book.sellAsk[j]) {
      double q = Math.min(buyLeft, sellLeft);
      buy[i] += q;
      sell[j] += q;
      buyLeft -= q;
      sellLeft -= q;
      if (buyLeft <= 0) {
        i++;
        buyLeft = i < n ? book.buyQtyKwh[i] : 0;
      }
      if (sellLeft <= 0) {
        j++;
        sellLeft = j < m ? book.sellQtyKwh[j] : 0;
      }
    }
    return new double[][] {buy, sell};
  }

  /** Social welfare of the merit-order crossing, in currency units. */
  public static double optimumWelfare(MarketBook book) {
    double[][] v = crossingVolumes(book);
    double welfare = 0;
    for (int i = 0; i < v[0].length; i++) {
      welfare += v[0][i] * book.buyLimit[i];
    }
    for (int j = 0; j < v[1].length; j++) {
      welfare -= v[1][j] * book.sellAsk[j];
    }
    return welfare;
  }

  /** The crossing as fill fractions (buyers then sellers). */
  public static double[] crossingFills(MarketBook book) {
    double[][] v = crossingVolumes(book);
    int n = book.buyerCount();
    double[] fills = new double[n + book.sellerCount()];
    for (int i = 0; i < n; i++) {
      fills[i] = v[0][i] / book.buyQtyKwh[i];
    }
    for (int j = 0; j < v[1].length; j++) {
      fills[n + j] = v[1][j] / book.sellQtyKwh[j];
    }
    return fills;
  }
}
