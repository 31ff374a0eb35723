package energy.p2p.clearing;

import energy.p2p.grid.RadialFeeder;
import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One window's bids as flat arrays in merit order: buyers by descending limit, sellers by ascending
 * ask, ties by bidId. Bids are sorted by bidId first, so arrival order never matters.
 *
 * <p>Bus fields are feeder bus INDICES (0 = slack). Immutable once built.
 */
public final class MarketBook {
  private static final Comparator<Bid> BY_ID = Comparator.comparing(Bid::bidId);

  final String feederId;
  final long frameStartMs;
  final Bid[] buyers;
  final Bid[] sellers;
  final double[] buyQtyKwh;
  final double[] buyLimit;
  final int[] buyBus;
  final int[] buyClass;
  final double[] sellQtyKwh;
  final double[] sellAsk;
  final int[] sellBus;
  /** Grid fee per kWh between bus indices [buyerBus][sellerBus]; null when the fee is zero. */
  final double[][] feePerKwh;
  /** Grid fee per kWh per ohm of path resistance (0 = no fee). */
  final double feePerKwhPerOhm;
  /** Parent bus index of every bus (-1 for the slack): the feeder's tree, for fee-aware pairing. */
  final int[] busParent;
  /** Resistance of the path from the slack to every bus, ohm. */
  final double[] rootROhm;

  private MarketBook(RadialFeeder feeder, long frameStartMs, List<Bid> buys, List<Bid> sells,
      double feePerKwhPerOhm) {
    this.feederId = feeder.feederId();
    this.frameStartMs = frameStartMs;
    this.buyers = buys.toArray(new Bid[0]);
    this.sellers = sells.toArray(new Bid[0]);
    int n = buyers.length;
    int m = sellers.length;
    buyQtyKwh = new double[n];
    buyLimit = new double[n];
    buyBus = new int[n];
    buyClass = new int[n];
    for (int i = 0; i < n; i++) {
      buyQtyKwh[i] = buyers[i].quantityKwh();
      buyLimit[i] = buyers[i].limitPrice();
      buyBus[i] = feeder.indexOf(buyers[i].bus());
      buyClass[i] = buyers[i].buyerClass().ordinal();
    }
    sellQtyKwh = new double[m];
    sellAsk = new double[m];
    sellBus = new int[m];
    for (int j = 0; j < m; j++) {
      sellQtyKwh[j] = sellers[j].quantityKwh();
      sellAsk[j] = sellers[j].limitPrice();
      sellBus[j] = feeder.indexOf(sellers[j].bus());
    }
    this.feePerKwhPerOhm = feePerKwhPerOhm;
    feePerKwh = feePerKwhPerOhm > 0 ? feeMatrix(feeder, feePerKwhPerOhm) : null;
    int buses = feeder.busCount();
    busParent = new int[buses];
    rootROhm = new double[buses];
    for (int k = 0; k < buses; k++) { // parents have smaller indices
      busParent[k] = feeder.parentIndex(k);
      rootROhm[k] = k == 0 ? 0.0 : rootROhm[busParent[k]] + feeder.branchROhm(k - 1);
    }
  }

  public int busCount() {
    return busParent.length;
  }

  /** Whether trades pay a grid fee (a positive fee rate). */
  boolean hasFee() {
    return feePerKwh != null;
  }

  /**
   * Builds the book of one window.
   *
   * @throws IllegalArgumentException naming the bid when a bid is on another feeder or frame, on
   *     a bus the feeder lacks, has a non-positive quantity or a negative price, or repeats an id
   */
  public static MarketBook of(RadialFeeder feeder, long frameStartMs, List<Bid> bids,
      double feePerKwhPerOhm) {
    if (!(feePerKwhPerOhm >= 0) || Double.isInfinite(feePerKwhPerOhm)) {
      throw new IllegalArgumentException("gridFeePerKwhPerOhm must be a finite number >= 0, got "
          + feePerKwhPerOhm);
    }
    List<Bid> sorted = new ArrayList<>(bids);
    sorted.sort(BY_ID);
    List<Bid> buys = new ArrayList<>();
    List<Bid> sells = new ArrayList<>();
    String previousId = null;
    for (Bid b : sorted) {
      check(feeder, frameStartMs, b, previousId);
      previousId = b.bidId();
      (b.isBuy() ? buys : sells).add(b);
    }
    // stable sorts keep the bidId order among equal prices
    buys.sort(Comparator.comparingDouble(Bid::limitPrice).reversed());
    sells.sort(Comparator.comparingDouble(Bid::limitPrice));
    return new MarketBook(feeder, frameStartMs, buys, sells, feePerKwhPerOhm);
  }

  private static void check(RadialFeeder feeder, long frameStartMs, Bid b, String previousId) {
    if (b.bidId().equals(previousId)) {
      throw refused(b, "bidId appears twice in the window");
    }
    if (!b.feederId().equals(feeder.feederId()) || b.frameStartMs() != frameStartMs) {
      throw refused(b, "belongs to another window (feeder " + b.feederId() + ", frame "
          + b.frameStartMs() + ")");
    }
    int bus = feeder.indexOf(b.bus());
    if (bus <= 0) {
      throw refused(b, "bus " + b.bus() + " is not a load bus of feeder " + feeder.feederId());
    }
    if (!(b.quantityKwh() > 0) || !Double.isFinite(b.quantityKwh())) {
      throw refused(b, "quantityKwh must be a finite number > 0");
    }
    if (!(b.limitPrice() >= 0) || !Double.isFinite(b.limitPrice())) {
      throw refused(b, "limitPrice must be a finite number >= 0");
    }
  }

  /** The refusal of a bid (message built only when a bid is refused: books are built per window). */
  private static IllegalArgumentException refused(Bid b, String why) {
    return new IllegalArgumentException("bid " + b.bidId() + ": " + why);
  }

  private static double[][] feeMatrix(RadialFeeder feeder, double feePerKwhPerOhm) {
    int n = feeder.busCount();
    double[][] fee = new double[n][n];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        fee[a][b] = feePerKwhPerOhm * feeder.pathResistanceOhm(a, b);
      }
    }
    return fee;
  }

  /** kWh demanded by the window's STANDARD buy bids (the fill rate's denominator). */
  double standardDemandKwh() {
    double sum = 0;
    for (int i = 0; i < buyQtyKwh.length; i++) {
      sum += buyClass[i] == BuyerClass.STANDARD.ordinal() ? buyQtyKwh[i] : 0;
    }
    return sum;
  }

  /** Fills (share of each bid's quantity, ≤ 1; buyers then sellers) of volumes in kWh. */
  double[] fills(double[] buyKwh, double[] sellKwh) {
    int n = buyerCount();
    double[] fills = new double[n + sellerCount()];
    for (int i = 0; i < n; i++) {
      fills[i] = Math.min(1.0, buyKwh[i] / buyQtyKwh[i]);
    }
    for (int j = 0; j < sellKwh.length; j++) {
      fills[n + j] = Math.min(1.0, sellKwh[j] / sellQtyKwh[j]);
    }
    return fills;
  }

  /** Volumes {buyers, sellers} in kWh of fills (buyers then sellers): the inverse of {@link #fills}. */
  double[][] volumes(double[] fills) {
    int n = buyerCount();
    double[] buy = new double[n];
    double[] sell = new double[sellerCount()];
    for (int i = 0; i < n; i++) {
      buy[i] = fills[i] * buyQtyKwh[i];
    }
    for (int j = 0; j < sell.length; j++) {
      sell[j] = fills[n + j] * sellQtyKwh[j];
    }
    return new double[][] {buy, sell};
  }

  public int buyerCount() {
    return buyers.length;
  }

  public int sellerCount() {
    return sellers.length;
  }

  public Bid buyer(int i) {
    return buyers[i];
  }

  public Bid seller(int j) {
    return sellers[j];
  }

  /** Grid fee per kWh for a trade between buyer i and seller j. */
  public double feePerKwh(int i, int j) {
    return feePerKwh == null ? 0.0 : feePerKwh[buyBus[i]][sellBus[j]];
  }

  public BuyerClass buyerClass(int i) {
    return BuyerClass.values()[buyClass[i]];
  }
}
