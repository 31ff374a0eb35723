package energy.p2p.grid;

import energy.p2p.grid.InvalidFeederException.Part;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects a feeder description (settings, branches in any direction, loads) and checks it is one
 * radial network fed from the slack bus. Values are checked as they are added, topology (loops,
 * islands, load buses) as well where it can be, the rest in {@link #build()}. Every problem is an
 * {@link InvalidFeederException} naming the element.
 */
public final class FeederBuilder {

  private final String feederId;
  private final double baseKv;
  private int slackBus = 1;
  private double slackVoltagePu = 1.0;
  private double vMinPu = 0.95;
  private double vMaxPu = 1.05;

  final List<Branch> branches = new ArrayList<>();
  final List<Load> loads = new ArrayList<>();
  private final Map<Long, Integer> branchByBusPair = new HashMap<>();
  private final Set<Integer> loadBuses = new HashSet<>();
  /** Union-find over bus numbers: a branch joining two buses already connected closes a loop. */
  private final Map<Integer, Integer> component = new HashMap<>();

  record Branch(int fromBus, int toBus, double rOhm, double xOhm, double maxCurrentA) {
    String name() {
      return fromBus + "-" + toBus;
    }
  }

  record Load(int bus, double pKw, double qKvar) {}

  public FeederBuilder(String feederId, double baseKv) {
    if (feederId == null || feederId.isBlank()) {
      throw settings("feederId must not be empty");
    }
    if (!(baseKv > 0) || !Double.isFinite(baseKv)) {
      throw settings("baseKv must be a positive number of kV, got " + baseKv);
    }
    this.feederId = feederId;
    this.baseKv = baseKv;
  }

  public FeederBuilder slackBus(int busNumber) {
    if (busNumber <= 0) {
      throw settings("slackBus must be a positive bus number, got " + busNumber);
    }
    this.slackBus = busNumber;
    return this;
  }

  public FeederBuilder slackVoltagePu(double vPu) {
    if (!(vPu > 0) || !Double.isFinite(vPu)) {
      throw settings("slackVoltagePu must be a positive number, got " + vPu);
    }
    this.slackVoltagePu = vPu;
    return this;
  }

  public FeederBuilder voltageLimitsPu(double minPu, double maxPu) {
    if (!(minPu > 0) || !Double.isFinite(minPu) || !Double.isFinite(maxPu)) {
      throw settings("vMinPu and vMaxPu must be positive numbers, got " + minPu + " and " + maxPu);
    }
    if (minPu >= maxPu) {
      throw settings("vMinPu (" + minPu + ") must be below vMaxPu (" + maxPu + ")");
    }
    this.vMinPu = minPu;
    this.vMaxPu = maxPu;
    return this;
  }

  /** An unrated branch (no thermal limit). */
  public FeederBuilder branch(int fromBus, int toBus, double rOhm, double xOhm) {
    return branch(fromBus, toBus, rOhm, xOhm, Double.POSITIVE_INFINITY);
  }

  /** A branch in either direction; {@code maxCurrentA} may be +infinity for "unrated". */
  public FeederBuilder branch(int fromBus, int toBus, double rOhm, double xOhm, double maxCurrentA) {
    int ordinal = branches.size();
    if (fromBus <= 0 || toBus <= 0) {
      throw branch(ordinal, "bus numbers must be positive integers, got " + fromBus + "-" + toBus);
    }
    if (fromBus == toBus) {
      throw branch(ordinal, "branch " + fromBus + "-" + toBus + " connects bus " + fromBus
          + " to itself");
    }
    checkImpedance(ordinal, "r_ohm", rOhm);
    checkImpedance(ordinal, "x_ohm", xOhm);
    if (rOhm == 0 && xOhm == 0) {
      throw branch(ordinal, "zero impedance (r_ohm = x_ohm = 0): merge the two buses instead");
    }
    if (!(maxCurrentA > 0)) {
      throw branch(ordinal, "max_current_a must be a positive number of A, got " + maxCurrentA);
    }
    long pair = ((long) Math.min(fromBus, toBus) << 32) | Math.max(fromBus, toBus);
    Integer first = branchByBusPair.putIfAbsent(pair, ordinal);
    if (first != null) {
      throw branch(ordinal, "duplicate branch " + fromBus + "-" + toBus
          + ": buses already connected by branch " + branches.get(first).name());
    }
    int rootFrom = find(fromBus);
    int rootTo = find(toBus);
    if (rootFrom == rootTo) {
      throw branch(ordinal, "branch " + fromBus + "-" + toBus
          + " closes a loop: buses " + fromBus + " and " + toBus
          + " are already connected (the feeder must be radial)");
    }
    component.put(rootFrom, rootTo);
    branches.add(new Branch(fromBus, toBus, rOhm, xOhm, maxCurrentA));
    return this;
  }

  /** Constant-power base load at a bus (three-phase totals; negative = generation). */
  public FeederBuilder load(int bus, double pKw, double qKvar) {
    int ordinal = loads.size();
    if (!Double.isFinite(pKw) || !Double.isFinite(qKvar)) {
      throw load(ordinal, "p_kw and q_kvar must be finite numbers, got " + pKw + " and " + qKvar);
    }
    if (!loadBuses.add(bus)) {
      throw load(ordinal, "duplicate load for bus " + bus + " (one row per bus)");
    }
    loads.add(new Load(bus, pKw, qKvar));
    return this;
  }

  /** Checks the whole description and returns the immutable, re-indexed feeder. */
  public RadialFeeder build() {
    if (branches.isEmpty()) {
      throw settings("the feeder has no branches");
    }
    if (slackVoltagePu < vMinPu || slackVoltagePu > vMaxPu) {
      throw settings("slackVoltagePu " + slackVoltagePu + " is outside [vMinPu, vMaxPu] = ["
          + vMinPu + ", " + vMaxPu + "]");
    }
    return FeederTopology.index(this);
  }

  private void checkImpedance(int ordinal, String column, double ohm) {
    if (Double.isNaN(ohm) || Double.isInfinite(ohm)) {
      throw branch(ordinal, column + " must be a finite number of ohm, got " + ohm);
    }
    if (ohm < 0) {
      throw branch(ordinal, "negative impedance " + column + " = " + ohm
          + " (passive branches only)");
    }
  }

  private int find(int bus) {
    int root = bus;
    Integer up;
    while ((up = component.get(root)) != null) {
      root = up;
    }
    if (root != bus) {
      component.put(bus, root); // path shortening keeps the loop check near O(1)
    }
    return root;
  }

  String feederId() {
    return feederId;
  }

  double baseKv() {
    return baseKv;
  }

  int slackBus() {
    return slackBus;
  }

  double slackVoltagePu() {
    return slackVoltagePu;
  }

  double vMinPu() {
    return vMinPu;
  }

  double vMaxPu() {
    return vMaxPu;
  }

  static InvalidFeederException settings(String problem) {
    return new InvalidFeederException(Part.SETTINGS, -1, problem);
  }

  static InvalidFeederException branch(int ordinal, String problem) {
    return new InvalidFeederException(Part.BRANCH, ordinal, problem);
  }

  static InvalidFeederException load(int ordinal, String problem) {
    return new InvalidFeederException(Part.LOAD, ordinal, problem);
  }
}
