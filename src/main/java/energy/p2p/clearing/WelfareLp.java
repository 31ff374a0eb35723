package energy.p2p.clearing;

import energy.p2p.model.BuyerClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The linear program of one successive-LP round, solved by {@link DualSimplex} (the primal
 * {@link BoundedSimplex} from the given start if that stalls): maximise
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
  private int[] classes; // classes whose reservation is a row
  private int[] inLp = new int[0]; // the reservation rows of the LP last built
  private final double[] minShare = new double[3];
  private final SparseLp lp = new SparseLp();
  private final DualSimplex dual = new DualSimplex();
  private final BoundedSimplex primal = new BoundedSimplex();
  private boolean primalUsed;
  private int balanceRows;
  private double[] scale = new double[0];
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
    double[][] merit = MeritOrder.crossingVolumes(book);
    this.classes = reservedClasses(merit[0], merit[1], new int[0]);
  }

  /**
   * Adds the reservation rows the decoder's class repair would enforce at these volumes (kWh per
   * buyer and seller, merit order): a class whose paying demand (limit ≥ their marginal ask) can
   * fill its share of their matched volume. Rows once added stay, as grid rows do.
   */
  void reserveAt(double[] buyVol, double[] sellVol) {
    classes = reservedClasses(buyVol, sellVol, classes);
  }

  /**
   * Whether some decodable point could escape a reservation row: the decoder's repair only
   * reserves while the class's paying demand (limit ≥ the marginal ask) covers its share, so a
   * point that sells from a seller dear enough that the class's demand at that ask falls short of
   * its share of the largest possible matched volume is not bound by the row.
   */
  boolean reservationsEscapable() {
    double maxMatched = Math.min(total(book.buyQtyKwh, buyers), total(book.sellQtyKwh, sellers));
    for (int c : classes) {
      for (int j : sellers) {
        double paying = 0;
        for (int i = 0; i < book.buyerCount(); i++) {
          paying += book.buyClass[i] == c && book.buyLimit[i] >= book.sellAsk[j]
              ? book.buyQtyKwh[i] : 0;
        }
        if (paying < minShare[c] * maxMatched) {
          return true;
        }
      }
    }
    return false;
  }

  boolean hasReservations() {
    return classes.length > 0;
  }

  private static double total(double[] qty, int[] which) {
    double sum = 0;
    for (int k : which) {
      sum += qty[k];
    }
    return sum;
  }

  /**
   * {@code already} plus the classes whose paying demand (limit ≥ the volumes' marginal ask) can
   * always fill their share of the volumes' matched total: only for those is the reservation a
   * row (as in the decoder's repair, a reservation binds only while the class can pay).
   */
  private int[] reservedClasses(double[] buyVol, double[] sellVol, int[] already) {
    double matched = Arrays.stream(buyVol).sum();
    double marginalAsk = 0;
    for (int j = 0; j < sellVol.length; j++) {
      marginalAsk = sellVol[j] > 0 ? book.sellAsk[j] : marginalAsk;
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
      int known = c;
      if ((matched > 0 && paying >= minShare[c] * matched)
          || Arrays.stream(already).anyMatch(k -> k == known)) {
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
    return build(coefficients, bounds, true);
  }

  /** As {@link #build(List, List)}, with or without the class reservation rows. */
  WelfareLp build(List<double[]> coefficients, List<double[]> bounds, boolean reservations) {
    inLp = reservations ? classes : new int[0];
    balanceRows = book.hasFee() ? book.busCount() : 1;
    int grid = coefficients.size();
    lp.reset(balanceRows + grid + inLp.length);
    for (int r = 0; r < balanceRows; r++) {
      lp.rowBounds(r, 0, 0);
    }
    scale = new double[grid];
    for (int g = 0; g < grid; g++) {
      double largest = 0;
      for (double v : coefficients.get(g)) {
        largest = Math.max(largest, Math.abs(v) / frameHours);
      }
      scale[g] = largest > 0 ? 1 / largest : 1;
      double[] b = bounds.get(g);
      lp.rowBounds(balanceRows + g, b[0] * scale[g], b[1] * scale[g]);
    }
    for (int k = 0; k < inLp.length; k++) {
      lp.rowBounds(balanceRows + grid + k, 0, Double.POSITIVE_INFINITY);
    }
    // bids on one bus (and of one class) share their column's rows and values: built once
    int buses = book.busCount();
    int[] group = new int[4 * buses];
    java.util.Arrays.fill(group, -1);
    int[][] rows = new int[2 * buses][];
    firstBuyerColumn = lp.columns();
    for (int i : buyers) {
      int bus = book.buyBus[i];
      int key = bus * 3 + book.buyClass[i];
      if (group[key] < 0) {
        rows[bus] = rows[bus] != null ? rows[bus] : rowsOf(bus, balanceRows, grid, true);
        group[key] = lp.group(rows[bus],
            valuesOf(bus, -1, coefficients, scale, book.buyClass[i], true));
      }
      lp.addColumn(book.buyLimit[i], book.buyQtyKwh[i], group[key]);
    }
    firstSellerColumn = lp.columns();
    for (int j : sellers) {
      int bus = book.sellBus[j];
      int key = 3 * buses + bus;
      if (group[key] < 0) {
        group[key] = lp.group(rowsOf(bus, balanceRows, grid, false),
            valuesOf(bus, 1, coefficients, scale, -1, false));
      }
      lp.addColumn(-book.sellAsk[j], book.sellQtyKwh[j], group[key]);
    }
    if (book.hasFee()) {
      addBranchColumns();
    }
    return this;
  }

  private int[] rowsOf(int bus, int balanceRows, int grid, boolean buyer) {
    int[] rows = new int[1 + grid + (buyer ? inLp.length : 0)];
    rows[0] = balanceRows == 1 ? 0 : bus;
    for (int g = 0; g < grid; g++) {
      rows[1 + g] = balanceRows + g;
    }
    if (buyer) {
      for (int k = 0; k < inLp.length; k++) {
        rows[1 + grid + k] = balanceRows + grid + k;
      }
    }
    return rows;
  }

  /** Sold kWh enter the balance with +1, bought with −1; grid rows see kW = kWh / h. */
  private double[] valuesOf(int bus, double sign, List<double[]> coefficients, double[] scale,
      int buyerClass, boolean buyer) {
    int grid = coefficients.size();
    double[] values = new double[1 + grid + (buyer ? inLp.length : 0)];
    values[0] = sign;
    for (int g = 0; g < grid; g++) {
      values[1 + g] = sign * coefficients.get(g)[column[bus]] / frameHours * scale[g];
    }
    if (buyer) {
      for (int k = 0; k < inLp.length; k++) {
        values[1 + grid + k] = (buyerClass == inLp[k] ? 1 : 0) - minShare[inLp[k]];
      }
    }
    return values;
  }

  /** kWh carried down and up each branch, at rate × r_branch per kWh. */
  private void addBranchColumns() {
    for (int v = 1; v < book.busCount(); v++) {
      int p = book.busParent[v];
      double fee = book.feePerKwhPerOhm * (book.rootROhm[v] - book.rootROhm[p]);
      lp.addColumn(-fee, Double.POSITIVE_INFINITY, new int[] {p, v}, new double[] {-1, 1});
      lp.addColumn(-fee, Double.POSITIVE_INFINITY, new int[] {v, p}, new double[] {-1, 1});
    }
  }

  /**
   * Solves with the dual simplex; if that stalls (iteration limit, numerical trouble), with the
   * primal simplex from the given volumes {buyers, sellers} (merit order; null: from zero), e.g.
   * the last round's.
   */
  SparseLp.Status solveFrom(double[][] volumes) {
    SparseLp.Status status = dual.solve(lp);
    primalUsed = status == SparseLp.Status.ITERATION_LIMIT;
    if (!primalUsed) {
      return status;
    }
    if (volumes == null) {
      return primal.solve(lp);
    }
    double[] start = new double[lp.columns()];
    for (int k = 0; k < buyers.length; k++) {
      start[firstBuyerColumn + k] = volumes[0][buyers[k]];
    }
    for (int k = 0; k < sellers.length; k++) {
      start[firstSellerColumn + k] = volumes[1][sellers[k]];
    }
    return primal.solve(lp, start);
  }

  /** Whether the last solve needed the primal fallback. */
  boolean primalUsed() {
    return primalUsed;
  }

  /** Pivots of the last solve (both simplexes when the primal had to take over). */
  int iterations() {
    return dual.iterations() + (primalUsed ? primal.iterations() : 0);
  }

  /** Optimal objective of the last solve (Σ limit·bought − Σ ask·sold − fees). */
  double objective() {
    return primalUsed ? primal.objective() : dual.objective();
  }

  /**
   * The welfare the last LP's optimum could at most gain if each grid row's binding bound were
   * relaxed by {@code relaxPerRow[g]} (the row's own units: p.u. or A): Σ |dual| × relaxation —
   * by weak duality the LP with the relaxed rows cannot do better than its optimum plus this.
   */
  double relaxationGain(double[] relaxPerRow) {
    double gain = 0;
    for (int g = 0; g < relaxPerRow.length; g++) {
      int r = balanceRows + g;
      double y = primalUsed ? primal.dual(r) : dual.dual(r);
      gain += Math.abs(y) * relaxPerRow[g] * scale[g];
    }
    return gain;
  }

  private double value(int column) {
    return primalUsed ? primal.value(column) : dual.value(column);
  }

  /** The solution's volumes {buyers, sellers} in merit order (0 for bids without a column). */
  double[][] volumes() {
    double[] buy = new double[book.buyerCount()];
    double[] sell = new double[book.sellerCount()];
    for (int k = 0; k < buyers.length; k++) {
      buy[buyers[k]] = clamp(value(firstBuyerColumn + k), book.buyQtyKwh[buyers[k]]);
    }
    for (int k = 0; k < sellers.length; k++) {
      sell[sellers[k]] = clamp(value(firstSellerColumn + k), book.sellQtyKwh[sellers[k]]);
    }
    return new double[][] {buy, sell};
  }

  private static double clamp(double v, double max) {
    return v < 0 ? 0 : Math.min(v, max);
  }
}
