package energy.p2p.io;

import static energy.p2p.io.MatpowerBuses.BASE_KV;
import static energy.p2p.io.MatpowerBuses.BUS_I;
import static energy.p2p.io.MatpowerBuses.BUS_TYPE;
import static energy.p2p.io.MatpowerBuses.ISOLATED;
import static energy.p2p.io.MatpowerBuses.PD;
import static energy.p2p.io.MatpowerBuses.QD;

import energy.p2p.grid.FeederBuilder;
import energy.p2p.grid.InvalidFeederException;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.io.MatpowerCase.Row;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a MATPOWER case file ({@code ID.m}, docs/formats.md) as a {@link RadialFeeder}: per-unit
 * impedances on {@code mpc.baseMVA} and the bus {@code baseKV} become ohm, loads in MW/MVAr become
 * kW/kvar, the type-3 bus is the slack, branches with status 0 (open tie switches) are left out,
 * and the tightest in-service {@code Vmin}/{@code Vmax} of the non-slack buses are the feeder's
 * limits. The model is series R + jX only: shunts, line charging, off-nominal taps and phase
 * shifters are refused rather than silently dropped. Every problem names the file and line.
 */
public final class MatpowerReader {

  // MATPOWER column indices (0-based) of idx_brch and idx_gen; the bus table's are MatpowerBuses'
  private static final int F_BUS = 0, T_BUS = 1, BR_R = 2, BR_X = 3, BR_B = 4, RATE_A = 5;
  private static final int TAP = 8, SHIFT = 9, BR_STATUS = 10;
  private static final int GEN_BUS = 0, PG = 1, QG = 2, GEN_STATUS = 7;

  private MatpowerReader() {}

  /** Reads {@code file} as feeder {@code feederId}. */
  public static RadialFeeder read(Path file, String feederId) {
    MatpowerCase mpc = MatpowerCase.read(file);
    if (!(mpc.baseMva > 0) || Double.isInfinite(mpc.baseMva)) {
      throw mpc.error(mpc.baseMvaLine, Double.isNaN(mpc.baseMva) && mpc.baseMvaLine == 0
          ? "missing mpc.baseMVA (system MVA base)"
          : "mpc.baseMVA must be a positive number of MVA, got " + mpc.baseMva);
    }
    List<Row> buses = table(mpc, "bus", 13);
    List<Row> branches = table(mpc, "branch", 11);
    List<Row> gens = mpc.tables.getOrDefault("gen", List.of());
    Map<Integer, Row> busByNumber = MatpowerBuses.byNumber(mpc, buses);
    Row slack = MatpowerBuses.slack(mpc, buses);
    double baseKv = slack.values()[BASE_KV];
    for (Row bus : buses) {
      if (bus.values()[BUS_TYPE] != ISOLATED && bus.values()[BASE_KV] != baseKv) {
        throw mpc.error(bus.line(), "bus " + busNumber(bus) + " has baseKV "
            + bus.values()[BASE_KV] + ", the slack bus " + baseKv
            + ": one voltage level only (transformers are not modelled)");
      }
    }
    FeederBuilder builder = new FeederBuilder(feederId, baseKv).slackBus(busNumber(slack));
    MatpowerBuses.setVoltages(mpc, builder, buses, gens, slack);
    List<Row> inService = inServiceBranches(mpc, branches, busByNumber);
    RadialCheck.refuseLoops(mpc, inService);
    double zbaseOhm = baseKv * baseKv / mpc.baseMva;
    double ohmPerWritten = Double.isNaN(mpc.impedanceWrittenPerPu)
        ? zbaseOhm : snapToOne(zbaseOhm / mpc.impedanceWrittenPerPu);
    List<Integer> loadLines = new ArrayList<>();
    try {
      for (Row br : inService) {
        double[] v = br.values();
        double rateMva = v.length > RATE_A ? v[RATE_A] : 0;
        double maxCurrentA = rateMva > 0 ? rateMva * 1e3 / (Math.sqrt(3) * baseKv)
            : Double.POSITIVE_INFINITY;
        builder.branch((int) v[F_BUS], (int) v[T_BUS], v[BR_R] * ohmPerWritten,
            v[BR_X] * ohmPerWritten, maxCurrentA);
      }
      addLoads(mpc, builder, buses, gens, busNumber(slack), loadLines);
      return builder.build();
    } catch (InvalidFeederException e) {
      int line = switch (e.part()) {
        case BRANCH -> inService.get(e.ordinal()).line();
        case LOAD -> loadLines.get(e.ordinal());
        case SETTINGS -> 0;
      };
      throw mpc.error(line, e.problem());
    }
  }

  private static List<Row> table(MatpowerCase mpc, String name, int minColumns) {
    List<Row> rows = mpc.tables.get(name);
    if (rows == null || rows.isEmpty()) {
      throw mpc.error(0, "missing or empty mpc." + name + " table");
    }
    for (Row row : rows) {
      if (row.values().length < minColumns) {
        throw mpc.error(row.line(), "mpc." + name + " row has " + row.values().length
            + " columns, expected at least " + minColumns);
      }
    }
    return rows;
  }

  private static List<Row> inServiceBranches(MatpowerCase mpc, List<Row> branches,
      Map<Integer, Row> busByNumber) {
    List<Row> inService = new ArrayList<>();
    for (Row br : branches) {
      double[] v = br.values();
      for (int end : new int[] {F_BUS, T_BUS}) {
        Row bus = busByNumber.get((int) v[end]);
        if (v[end] != Math.rint(v[end]) || bus == null) {
          throw mpc.error(br.line(), (end == F_BUS ? "fbus " : "tbus ") + v[end]
              + " is not a bus of mpc.bus");
        }
      }
      if (v[BR_STATUS] == 0) {
        continue; // open tie switch or out-of-service line: not part of the radial network
      }
      String name = (int) v[F_BUS] + "-" + (int) v[T_BUS];
      if (v[BR_B] != 0) {
        throw mpc.error(br.line(), "branch " + name + " has line charging b = " + v[BR_B]
            + " p.u.; shunt susceptance is not modelled (series R + jX only)");
      }
      if ((v[TAP] != 0 && v[TAP] != 1) || v[SHIFT] != 0) {
        throw mpc.error(br.line(), "branch " + name + " is a transformer (ratio " + v[TAP]
            + ", angle " + v[SHIFT] + "); transformers are not modelled");
      }
      inService.add(br);
    }
    return inService;
  }

  /** Bus Pd/Qd less the output of in-service generators away from the slack, MW to kW. */
  private static void addLoads(MatpowerCase mpc, FeederBuilder builder, List<Row> buses,
      List<Row> gens, int slackBus, List<Integer> loadLines) {
    double kwPerWritten = 1000.0 / mpc.loadDivisor;
    Map<Integer, double[]> load = new TreeMap<>();
    Map<Integer, Integer> lineOf = new HashMap<>();
    for (Row bus : buses) {
      double[] v = bus.values();
      if (v[BUS_TYPE] != ISOLATED && (v[PD] != 0 || v[QD] != 0)) {
        load.put((int) v[BUS_I], new double[] {v[PD] * kwPerWritten, v[QD] * kwPerWritten});
        lineOf.put((int) v[BUS_I], bus.line());
      }
    }
    for (Row gen : gens) {
      double[] g = gen.values();
      if (g.length > GEN_STATUS && g[GEN_STATUS] > 0 && g[GEN_BUS] != slackBus
          && (g[PG] != 0 || g[QG] != 0)) {
        double[] pq = load.computeIfAbsent((int) g[GEN_BUS], b -> new double[2]);
        pq[0] -= g[PG] * 1000.0; // mpc.gen is in MW whatever the bus table's conversion
        pq[1] -= g[QG] * 1000.0;
        lineOf.putIfAbsent((int) g[GEN_BUS], gen.line());
      }
    }
    for (Map.Entry<Integer, double[]> e : load.entrySet()) {
      loadLines.add(lineOf.get(e.getKey()));
      builder.load(e.getKey(), e.getValue()[0], e.getValue()[1]);
    }
  }

  /** The file's Zbase and ours differ only by rounding when both use the same kV and MVA. */
  private static double snapToOne(double ratio) {
    return Math.abs(ratio - 1) < 1e-12 ? 1.0 : ratio;
  }

  private static int busNumber(Row bus) {
    return MatpowerBuses.number(bus);
  }
}
