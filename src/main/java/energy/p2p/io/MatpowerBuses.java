package energy.p2p.io;

import energy.p2p.grid.FeederBuilder;
import energy.p2p.grid.InvalidFeederException;
import energy.p2p.io.MatpowerCase.Row;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The bus table of a MATPOWER case: numbers, types, the slack and the voltage settings. */
final class MatpowerBuses {

  // MATPOWER column indices (0-based) of idx_bus and idx_gen (VG, GEN_STATUS); bus types
  static final int BUS_I = 0, BUS_TYPE = 1, PD = 2, QD = 3, GS = 4, BS = 5, VM = 7, BASE_KV = 9;
  static final int VMAX = 11, VMIN = 12;
  static final int REF = 3, ISOLATED = 4;
  private static final int GEN_BUS = 0, VG = 5, GEN_STATUS = 7;

  private MatpowerBuses() {}

  static Map<Integer, Row> byNumber(MatpowerCase mpc, List<Row> buses) {
    Map<Integer, Row> byNumber = new HashMap<>();
    for (Row bus : buses) {
      double n = bus.values()[BUS_I];
      if (n != Math.rint(n) || n < 1 || n > Integer.MAX_VALUE) {
        throw mpc.error(bus.line(), "bus_i " + n + " is not a positive integer bus number");
      }
      double type = bus.values()[BUS_TYPE];
      if (type != 1 && type != 2 && type != 3 && type != 4) {
        throw mpc.error(bus.line(), "bus type " + type + " is not 1 (PQ), 2 (PV), 3 (slack) or"
            + " 4 (isolated)");
      }
      if (bus.values()[GS] != 0 || bus.values()[BS] != 0) {
        throw mpc.error(bus.line(), "bus " + (int) n + " has a shunt (Gs/Bs); shunts are not"
            + " modelled (series R + jX branches and constant-power loads only)");
      }
      if (!(bus.values()[BASE_KV] > 0)) {
        throw mpc.error(bus.line(), "bus " + (int) n + ": baseKV must be a positive number of kV");
      }
      Row first = byNumber.putIfAbsent((int) n, bus);
      if (first != null) {
        throw mpc.error(bus.line(), "duplicate bus " + (int) n + " (first on line "
            + first.line() + ")");
      }
    }
    return byNumber;
  }

  static Row slack(MatpowerCase mpc, List<Row> buses) {
    Row slack = null;
    for (Row bus : buses) {
      if (bus.values()[BUS_TYPE] == REF) {
        if (slack != null) {
          throw mpc.error(bus.line(), "second slack bus (type 3) " + number(bus)
              + ": a radial feeder has one, bus " + number(slack) + " on line " + slack.line());
        }
        slack = bus;
      }
    }
    if (slack == null) {
      throw mpc.error(mpc.tableLines.get("bus"), "no slack bus: one bus must have type 3");
    }
    return slack;
  }

  /** Slack voltage from its in-service generator's Vg (else the bus Vm); limits from the bus table. */
  static void setVoltages(MatpowerCase mpc, FeederBuilder builder, List<Row> buses,
      List<Row> gens, Row slack) {
    double vSlack = slack.values()[VM] > 0 ? slack.values()[VM] : 1.0;
    for (Row gen : gens) {
      double[] g = gen.values();
      if (g.length > GEN_STATUS && g[GEN_BUS] == number(slack) && g[GEN_STATUS] > 0 && g[VG] > 0) {
        vSlack = g[VG];
      }
    }
    double vMin = 0;
    double vMax = Double.POSITIVE_INFINITY;
    for (Row bus : buses) {
      double[] v = bus.values();
      if (v[BUS_TYPE] != REF && v[BUS_TYPE] != ISOLATED) {
        vMin = v[VMIN] > 0 ? Math.max(vMin, v[VMIN]) : vMin;
        vMax = v[VMAX] > 0 ? Math.min(vMax, v[VMAX]) : vMax;
      }
    }
    try {
      builder.slackVoltagePu(vSlack).voltageLimitsPu(vMin > 0 ? vMin : 0.95,
          Double.isFinite(vMax) ? vMax : 1.05);
    } catch (InvalidFeederException e) {
      throw mpc.error(mpc.tableLines.get("bus"), e.problem() + " (from the Vmin/Vmax columns)");
    }
  }

  static int number(Row bus) {
    return (int) bus.values()[BUS_I];
  }
}
