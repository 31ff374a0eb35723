package energy.p2p.clearing;

import energy.p2p.model.BuyerClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The linear program of one successive-LP round, on {@link BoundedSimplex}: maximise
 * Σ limit·bought − Σ ask·sold − Σ fees subject to bid quantities, the energy balance, the given
 * linearised grid rows and the class reservations. One column per bid that can trade at all.
 *
 * <p>Without a fee the balance is one row (Σ sold = Σ bought). With a fee it is one row per bus
 * and every branch gets two columns, kWh carried down and up, each costing rate × r_branch: the
 * fee-aware transportation problem on the feeder's tree (the fee of a pair is rate × the
 * resistance of the path between the two buses, so shipping on the tree costs exactly the fees);
 * the decoder's pairing at the lowest common bus reproduces that cost.
 *
 * <p>Grid rows are given per bid bus (coefficient per kW injected at the bus) and scaled to a
 * largest coefficient of 1.
 */
final class WelfareLp {
  private final MarketBook book;
  private final double frameHours;
  private final int[] column; // bus index -> column of the grid-row coefficients, -1 if no bid
  private final int[] buyers;
  private final int[] sellers;
  private final int[] classes; // classes whose reservation is a row
  private final double[] minShare = new double[3];
  private final BoundedSimplex simplex = new BoundedSimplex();
  private int firstBuyerColumn;
  private int firstSellerColumn;

  WelfareLp(MarketBook book, ClearingConfig config, int[] column, int[] tradeableBuyers,
      int[] tradeableSellers) {
    this.book = book;
    this.frameHours = config.frameHours();
    this.column = column;
    this.buyers = tradeableBuyers;
    this.sellers = tradeableSellers;
    for (BuyerClass c : BuyerClass.values()) {
      minShare[c.ordinal()] = config.minShare(c);
    }
    this.classes = reservedClasses();
  }

  /**
   * Classes whose paying demand (limit ≥ the crossing's marginal ask) can always fill their share
   * of the crossing's volume: only for those is the reservation a row (as in the decoder's repair,
   * a reservation binds only while the class can pay).
   */
  private int[] reservedClasses() {
    double[][] merit = MeritOrder.crossingVolumes(book);
    double matched = Arrays.stream(merit[0]).sum();
    double marginalAsk = 0;
    for (int j = 0; j < merit[1].length; j++) {
      marginalAsk = merit[1][j] > 0 ? book.sellAsk[j] : marginalAsk;
    }
    List<Integer> rows = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      if (minShare[c] <= 0) {
        continue;
      }
      double paying = 0;
      for (int i = 0; i < book.buyerCount(); i++) {
        paying += book.buyClass[i] == c && book.buyLimit[i] >= marginalAsk ? book.buyQtyKwh[i] : 0;
      }
      if (paying >= minShare[c] * matched) {
        rows.add(c);
      }
    }
    return rows.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Builds the LP with these grid rows: {@code coefficients.get(r)[column of bus]} is p.u. (or A)
   * per kW injected at the bus, {@code bounds.get(r)} = {lo, hi} of the row.
   */
  WelfareLp build(List<double[]> coefficients, List<double[]> bounds) {
    int balanceRows = book.hasFee() ? book.busCount() : 1;
    int grid = coefficients.size();
    simplex.reset(balanceRows + grid + classes.length);
    for (int r = 0; r < balanceRows; r++) {
      simplex.rowBounds(r, 0, 0);
    }
    double[] scale = new double[grid];
    for (int g = 0; g < grid; g++) {
      double largest = 0;
      for (double v : coefficients.get(g)) {
        largest = Math.max(largest, Math.abs(v) / frameHours);
      }
      scale[g] = largest > 0 ? 1 / largest : 1;
      double[] b = bounds.get(g);
      simplex.rowBounds(balanceRows + g, b[0] * scale[g], b[1] * scale[g]);
    }
    for (int k = 0; k < classes.length; k++) {
      simplex.rowBounds(balanceRows + grid + k, 0, Double.POSITIVE_INFINITY);
    }
    firstBuyerColumn = simplex.columns();
    for (int i : buyers) {
      simplex.addColumn(book.buyLimit[i], book.buyQtyKwh[i],
          rowsOf(book.buyBus[i], balanceRows, grid, true),
          valuesOf(book.buyBus[i], -1, coefficients, scale, book.buyClass[i], true));
    }
    firstSellerColumn = simplex.columns();
    for (int j : sellers) {
      simplex.addColumn(-book.sellAsk[j], book.sellQtyKwh[j],
          rowsOf(book.sellBus[j], balanceRows, grid, false),
          valuesOf(book.sellBus[j], 1, coefficients, scale, -1, false));
    }
    if (book.hasFee()) {
      addBranchColumns();
    }
    return this;
  }

  private int[] rowsOf(int bus, int balanceRows, int grid, boolean buyer) {
    int[] rows = new int[1 + grid + (buyer ? classes.length : 0)];
    rows[0] = balanceRows == 1 ? 0 : bus;
    for (int g = 0; g < grid; g++) {
      rows[1 + g] = balanceRows + g;
    }
    if (buyer) {
      for (int k = 0; k < classes.length; k++) {
        rows[1 + grid + k] = balanceRows + grid + k;
      }
    }
    return rows;
  }

  /** Sold kWh enter the balance with +1, bought with −1; grid rows see kW = kWh / h. */
  private double[] valuesOf(int bus, double sign, List<double[]> coefficients, double[] scale,
      int buyerClass, boolean buyer) {
    int grid = coefficients.size();
    double[] values = new double[1 + grid + (buyer ? classes.length : 0)];
    values[0] = sign;
    for (int g = 0; g < grid; g++) {
      values[1 + g] = sign * coefficients.get(g)[column[bus]] / frameHours * scale[g];
    }
    if (buyer) {
      for (int k = 0; k < classes.length; k++) {
        values[1 + grid + k] = (buyerClass == classes[k] ? 1 : 0) - minShare[classes[k]];
      }
    }
    return values;
  }

  /** kWh carried down and up each branch, at rate × r_branch per kWh. */
  private void addBranchColumns() {
    for (int v = 1; v < book.busCount(); v++) {
      int p = book.busParent[v];
      double fee = book.feePerKwhPerOhm * (book.rootROhm[v] - book.rootROhm[p]);
      simplex.addColumn(-fee, Double.POSITIVE_INFINITY, new int[] {p, v}, new double[] {-1, 1});
      simplex.addColumn(-fee, Double.POSITIVE_INFINITY, new int[] {v, p}, new double[] {-1, 1});
    }
  }

  /** Solves starting from the given volumes {buyers, sellers} (merit order), e.g. the last round's. */
  BoundedSimplex.Status solveFrom(double[][] volumes) {
    double[] start = new double[simplex.columns()];
    for (int k = 0; k < buyers.length; k++) {
      start[firstBuyerColumn + k] = volumes[0][buyers[k]];
    }
    for (int k = 0; k < sellers.length; k++) {
      start[firstSellerColumn + k] = volumes[1][sellers[k]];
    }
    return simplex.solve(start);
  }

  BoundedSimplex simplex() {
    return simplex;
  }

  /** The solution's volumes {buyers, sellers} in merit order (0 for bids without a column). */
  double[][] volumes() {
    double[] buy = new double[book.buyerCount()];
    double[] sell = new double[book.sellerCount()];
    for (int k = 0; k < buyers.length; k++) {
      buy[buyers[k]] = clamp(simplex.value(firstBuyerColumn + k), book.buyQtyKwh[buyers[k]]);
    }
    for (int k = 0; k < sellers.length; k++) {
      sell[sellers[k]] = clamp(simplex.value(firstSellerColumn + k), book.sellQtyKwh[sellers[k]]);
    }
    return new double[][] {buy, sell};
  }

  private static double clamp(double v, double max) {
    return v < 0 ? 0 : Math.min(v, max);
  }
}
