package energy.p2p.grid;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A radial distribution feeder, immutable and thread-safe.
 *
 * <p>Buses are re-indexed 0..n-1 in breadth-first order from the slack (index 0), so
 * {@code parentIndex(i) < i}: a loop over indices visits every parent before its children, and a
 * loop backwards visits every child before its parent. Branch index {@code b} is the branch that
 * feeds bus index {@code b + 1}. Bus NUMBERS are what files, bids and users speak of; indices are
 * for kernels.
 *
 * <p>Model: balanced single-phase equivalent, series R + jX branches (no shunts), constant-power
 * loads (three-phase totals). Per-unit values use {@link #S_BASE_KVA} and the line-to-line
 * {@link #baseKv()}.
 *
 * <p>Serializable (plain arrays and numbers), so a Flink function can take its feeders as a
 * constructor argument; solvers are not, and belong in {@code open()}.
 */
public final class RadialFeeder implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Three-phase power base of the per-unit system, kVA. */
  public static final double S_BASE_KVA = 1000.0;

  private final String feederId;
  private final double baseKv;
  private final double slackVoltagePu;
  private final double vMinPu;
  private final double vMaxPu;
  private final int[] busNumber;
  private final int[] parentIndex;
  private final double[] baseLoadKw;
  private final double[] baseLoadKvar;
  private final double[] branchROhm;
  private final double[] branchXOhm;
  private final double[] branchMaxCurrentA;
  private final String[] branchName;
  /** Bus numbers ascending, and the index of each: indexOf is a binary search, no boxing. */
  private final int[] sortedNumbers;
  private final int[] indexOfSorted;

  // per-unit arrays for the solvers (package-private, never exposed: the class stays immutable)
  final double zBaseOhm;
  final double iBaseA;
  final double[] rPu;
  final double[] xPu;
  final double[] gPu;   // series admittance 1/(r + jx) = g + jb
  final double[] bPu;
  final double[] loadPPu;
  final double[] loadQPu;

  RadialFeeder(String feederId, double baseKv, double slackVoltagePu, double vMinPu,
      double vMaxPu, int[] busNumber, int[] parentIndex, double[] baseLoadKw,
      double[] baseLoadKvar, double[] branchROhm, double[] branchXOhm, double[] branchMaxCurrentA,
      String[] branchName) {
    this.feederId = feederId;
    this.baseKv = baseKv;
    this.slackVoltagePu = slackVoltagePu;
    this.vMinPu = vMinPu;
    this.vMaxPu = vMaxPu;
    this.busNumber = busNumber;
    this.parentIndex = parentIndex;
    this.baseLoadKw = baseLoadKw;
    this.baseLoadKvar = baseLoadKvar;
    this.branchROhm = branchROhm;
    this.branchXOhm = branchXOhm;
    this.branchMaxCurrentA = branchMaxCurrentA;
    this.branchName = branchName;
    int n = busNumber.length;
    Integer[] byNumber = new Integer[n];
    for (int i = 0; i < n; i++) {
      byNumber[i] = i;
    }
    Arrays.sort(byNumber, (a, b) -> Integer.compare(busNumber[a], busNumber[b]));
    sortedNumbers = new int[n];
    indexOfSorted = new int[n];
    for (int k = 0; k < n; k++) {
      indexOfSorted[k] = byNumber[k];
      sortedNumbers[k] = busNumber[byNumber[k]];
    }
    zBaseOhm = baseKv * baseKv * 1000.0 / S_BASE_KVA;
    iBaseA = S_BASE_KVA / (Math.sqrt(3.0) * baseKv);
    int m = n - 1;
    rPu = new double[m];
    xPu = new double[m];
    gPu = new double[m];
    bPu = new double[m];
    for (int b = 0; b < m; b++) {
      rPu[b] = branchROhm[b] / zBaseOhm;
      xPu[b] = branchXOhm[b] / zBaseOhm;
      double z2 = rPu[b] * rPu[b] + xPu[b] * xPu[b];
      gPu[b] = rPu[b] / z2;
      bPu[b] = -xPu[b] / z2;
    }
    loadPPu = new double[n];
    loadQPu = new double[n];
    for (int i = 0; i < n; i++) {
      loadPPu[i] = baseLoadKw[i] / S_BASE_KVA;
      loadQPu[i] = baseLoadKvar[i] / S_BASE_KVA;
    }
  }

  /** Starts a feeder description: branches may be given in any order and direction. */
  public static FeederBuilder builder(String feederId, double baseKv) {
    return new FeederBuilder(feederId, baseKv);
  }

  public String feederId() {
    return feederId;
  }

  /** Base voltage, kV line to line. */
  public double baseKv() {
    return baseKv;
  }

  /** Voltage magnitude held at the slack (substation) bus, p.u.; its angle is 0. */
  public double slackVoltagePu() {
    return slackVoltagePu;
  }

  /** Lowest voltage the market must respect at any bus, p.u. */
  public double vMinPu() {
    return vMinPu;
  }

  /** Highest voltage the market must respect at any bus, p.u. */
  public double vMaxPu() {
    return vMaxPu;
  }

  public int busCount() {
    return busNumber.length;
  }

  /** Always {@code busCount() - 1}: the feeder is a tree. */
  public int branchCount() {
    return busNumber.length - 1;
  }

  public int busNumber(int busIndex) {
    return busNumber[busIndex];
  }

  /** Index of a bus number, or -1 if the feeder has no such bus. */
  public int indexOf(int busNumber) {
    int k = Arrays.binarySearch(sortedNumbers, busNumber);
    return k < 0 ? -1 : indexOfSorted[k];
  }

  /**
   * The bus index of the {@code rank}-th smallest bus number (rank 0..n-1): iterate buses in the
   * order users read them.
   */
  public int indexInNumberOrder(int rank) {
    return indexOfSorted[rank];
  }

  public boolean hasBus(int busNumber) {
    return indexOf(busNumber) >= 0;
  }

  public int slackBusNumber() {
    return busNumber[0];
  }

  /** Index of the parent bus (towards the slack); -1 for the slack itself. */
  public int parentIndex(int busIndex) {
    return parentIndex[busIndex];
  }

  /** Constant-power active base load at a bus, kW (negative = generation). */
  public double baseLoadKw(int busIndex) {
    return baseLoadKw[busIndex];
  }

  /** Constant-power reactive base load at a bus, kvar. */
  public double baseLoadKvar(int busIndex) {
    return baseLoadKvar[busIndex];
  }

  /** Series resistance of branch b (feeding bus index b + 1), ohm. */
  public double branchROhm(int b) {
    return branchROhm[b];
  }

  /** Series reactance of branch b, ohm. */
  public double branchXOhm(int b) {
    return branchXOhm[b];
  }

  /** Thermal rating of branch b, A; {@link Double#POSITIVE_INFINITY} when unrated. */
  public double branchMaxCurrentA(int b) {
    return branchMaxCurrentA[b];
  }

  /** "from-to" exactly as the branch was written in the feeder file. */
  public String branchName(int b) {
    return branchName[b];
  }

  /** Base current of the per-unit system, A. */
  public double baseCurrentA() {
    return iBaseA;
  }

  /** Base impedance of the per-unit system, ohm. */
  public double baseImpedanceOhm() {
    return zBaseOhm;
  }

  /**
   * Sum of branch resistances on the path between two buses, ohm (0 for the same bus): the
   * electrical distance used for grid fees. Walks up from the deeper index; since parents have
   * smaller indices, the two walks meet at the nearest common ancestor.
   */
  public double pathResistanceOhm(int busIndexA, int busIndexB) {
    int a = busIndexA;
    int b = busIndexB;
    double rOhm = 0;
    while (a != b) {
      if (a > b) {
        rOhm += branchROhm[a - 1];
        a = parentIndex[a];
      } else {
        rOhm += branchROhm[b - 1];
        b = parentIndex[b];
      }
    }
    return rOhm;
  }

  @Override
  public String toString() {
    return "RadialFeeder[" + feederId + ", " + busCount() + " buses, " + baseKv + " kV]";
  }
}
