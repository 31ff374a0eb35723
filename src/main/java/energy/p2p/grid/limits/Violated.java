package energy.p2p.grid.limits;

import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.grid.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The elements out of limits in one load flow, with the relief (percent per kWh) that cutting a
 * trade between two buses would bring to each. An element is a bus (voltage kinds) or a branch
 * ({@link Violation.Kind#OVER_CURRENT}), by index.
 */
final class Violated {
  private record Element(Violation.Kind kind, int index, double amount) {}

  private final RadialFeeder feeder;
  private final List<Element> elements = new ArrayList<>();

  private Violated(RadialFeeder feeder) {
    this.feeder = feeder;
  }

  static Violated of(GridLimits limits, PowerFlowResult flow, Set<Integer> buses,
      Set<String> branches) {
    RadialFeeder f = limits.feeder();
    Violated v = new Violated(f);
    for (int k = 0; k < f.busCount(); k++) {
      v.add(Violation.Kind.UNDER_VOLTAGE, k, limits.underVoltage(flow, k), buses, branches);
      v.add(Violation.Kind.OVER_VOLTAGE, k, limits.overVoltage(flow, k), buses, branches);
    }
    for (int b = 0; b < f.branchCount(); b++) {
      v.add(Violation.Kind.OVER_CURRENT, b, limits.overCurrent(flow, b), buses, branches);
    }
    return v;
  }

  private void add(Violation.Kind kind, int index, double amount, Set<Integer> buses,
      Set<String> branches) {
    if (amount > 0) {
      elements.add(new Element(kind, index, amount));
      if (kind == Violation.Kind.OVER_CURRENT) {
        branches.add(feeder.branchName(index));
      } else {
        buses.add(feeder.busNumber(index));
      }
    }
  }

  double amount(int e) {
    return elements.get(e).amount();
  }

  /** Relief of element e (percent) per kWh cut from a trade between buyerBus and sellerBus. */
  double relief(int e, double[][] dv, double[][] di, int buyerBus, int sellerBus,
      double frameHours, GridLimits limits) {
    Element el = elements.get(e);
    int k = el.index();
    return switch (el.kind()) {
      case UNDER_VOLTAGE -> 100 * (dv[k][buyerBus] - dv[k][sellerBus]) / frameHours;
      case OVER_VOLTAGE -> -100 * (dv[k][buyerBus] - dv[k][sellerBus]) / frameHours;
      case OVER_CURRENT -> -100 * (di[k][buyerBus] - di[k][sellerBus]) / frameHours
          / limits.iMaxA(k);
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
          && (worst < 0 || amount(e) > amount(worst))) {
        worst = e;
      }
    }
    return worst;
  }

  /** "OVER_VOLTAGE bus 18", "OVER_CURRENT branch 1-2": the reason a cut names. */
  String name(int e) {
    Element el = elements.get(e);
    return el.kind() == Violation.Kind.OVER_CURRENT
        ? el.kind() + " branch " + feeder.branchName(el.index())
        : el.kind() + " bus " + feeder.busNumber(el.index());
  }

  String worstName() {
    int worst = 0;
    for (int e = 1; e < elements.size(); e++) {
      if (amount(e) > amount(worst)) {
        worst = e;
      }
    }
    return elements.isEmpty() ? "LIMIT" : name(worst);
  }
}
