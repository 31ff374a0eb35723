package energy.p2p.feasibility;

import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.RadialFeeder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The elements out of limits in one load flow, with the relief (percent per kWh) that cutting a
 * trade between two buses would bring to each. Kinds: 0 under-voltage, 1 over-voltage (index =
 * bus), 2 over-current (index = branch).
 */
final class Violated {
  private final RadialFeeder feeder;
  private final List<int[]> elements = new ArrayList<>(); // {kind, index}
  private final List<Double> amounts = new ArrayList<>();

  private Violated(RadialFeeder feeder) {
    this.feeder = feeder;
  }

  static Violated of(GridLimits limits, PowerFlowResult flow, Set<Integer> buses,
      Set<String> branches) {
    RadialFeeder f = limits.feeder();
    Violated v = new Violated(f);
    for (int k = 0; k < f.busCount(); k++) {
      v.add(0, k, limits.underVoltage(flow, k), buses, branches);
      v.add(1, k, limits.overVoltage(flow, k), buses, branches);
    }
    for (int b = 0; b < f.branchCount(); b++) {
      v.add(2, b, limits.overCurrent(flow, b), buses, branches);
    }
    return v;
  }

  private void add(int kind, int index, double amount, Set<Integer> buses,
      Set<String> branches) {
    if (amount > 0) {
      elements.add(new int[] {kind, index});
      amounts.add(amount);
      if (kind == 2) {
        branches.add(feeder.branchName(index));
      } else {
        buses.add(feeder.busNumber(index));
      }
    }
  }

  double amount(int e) {
    return amounts.get(e);
  }

  /** Relief of element e (percent) per kWh cut from a trade between buyerBus and sellerBus. */
  double relief(int e, double[][] dv, double[][] di, int buyerBus, int sellerBus,
      double frameHours, GridLimits limits) {
    int[] el = elements.get(e);
    return switch (el[0]) {
      case 0 -> 100 * (dv[el[1]][buyerBus] - dv[el[1]][sellerBus]) / frameHours;
      case 1 -> -100 * (dv[el[1]][buyerBus] - dv[el[1]][sellerBus]) / frameHours;
      default -> -100 * (di[el[1]][buyerBus] - di[el[1]][sellerBus]) / frameHours
          / limits.iMaxA(el[1]);
    };
  }

  double totalRelief(double[][] dv, double[][] di, int buyerBus, int sellerBus,
      double frameHours, GridLimits limits) {
    double sum = 0;
    for (int e = 0; e < elements.size(); e++) {
      sum += relief(e, dv, di, buyerBus, sellerBus, frameHours, limits);
    }
    return sum;
  }

  /** The most violated element that cutting this trade relieves (index into this list). */
  int worstRelieved(double[][] dv, double[][] di, int buyerBus, int sellerBus,
      double frameHours, GridLimits limits) {
    int worst = -1;
    for (int e = 0; e < elements.size(); e++) {
      if (relief(e, dv, di, buyerBus, sellerBus, frameHours, limits) > 1e-12
          && (worst < 0 || amounts.get(e) > amounts.get(worst))) {
        worst = e;
      }
    }
    return worst;
  }

  String name(int e) {
    int[] el = elements.get(e);
    return switch (el[0]) {
      case 0 -> "UNDER_VOLTAGE bus " + feeder.busNumber(el[1]);
      case 1 -> "OVER_VOLTAGE bus " + feeder.busNumber(el[1]);
      default -> "OVER_CURRENT branch " + feeder.branchName(el[1]);
    };
  }

  String worstName() {
    int worst = 0;
    for (int e = 1; e < amounts.size(); e++) {
      if (amounts.get(e) > amounts.get(worst)) {
        worst = e;
      }
    }
    return amounts.isEmpty() ? "LIMIT" : name(worst);
  }
}
