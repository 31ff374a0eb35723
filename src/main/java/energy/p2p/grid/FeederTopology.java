package energy.p2p.grid;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Turns a checked {@link FeederBuilder} into the int-indexed {@link RadialFeeder}: buses in
 * breadth-first order from the slack (neighbours by ascending bus number, so the indexing does not
 * depend on the order or direction the branches were written in), parent(i) &lt; i.
 */
final class FeederTopology {

  private FeederTopology() {}

  static RadialFeeder index(FeederBuilder spec) {
    Map<Integer, Integer> localId = new HashMap<>();
    int[] numberOfLocal = new int[2 * spec.branches.size()];
    int count = 0;
    for (FeederBuilder.Branch br : spec.branches) {
      for (int bus : new int[] {br.fromBus(), br.toBus()}) {
        if (localId.putIfAbsent(bus, count) == null) {
          numberOfLocal[count++] = bus;
        }
      }
    }
    Integer slackLocal = localId.get(spec.slackBus());
    if (slackLocal == null) {
      throw FeederBuilder.settings("slack bus " + spec.slackBus() + " is not on any branch");
    }
    int[][] adjacency = adjacency(spec, localId, numberOfLocal, count);

    int[] order = new int[count];          // index -> local id
    int[] indexOfLocal = new int[count];   // local id -> index, -1 until reached
    int[] parentIndex = new int[count];
    int[] branchOrdinal = new int[count];  // index -> ordinal of the branch feeding it
    Arrays.fill(indexOfLocal, -1);
    order[0] = slackLocal;
    indexOfLocal[slackLocal] = 0;
    parentIndex[0] = -1;
    branchOrdinal[0] = -1;
    int reached = 1;
    for (int head = 0; head < reached; head++) {
      for (int edge : adjacency[order[head]]) {
        int ordinal = edge >>> 1;
        FeederBuilder.Branch br = spec.branches.get(ordinal);
        int other = localId.get((edge & 1) == 0 ? br.toBus() : br.fromBus());
        if (indexOfLocal[other] < 0) {
          indexOfLocal[other] = reached;
          order[reached] = other;
          parentIndex[reached] = head;
          branchOrdinal[reached] = ordinal;
          reached++;
        }
      }
    }
    if (reached < count) {
      throw island(spec, localId, indexOfLocal, numberOfLocal, count - reached);
    }

    int[] busNumber = new int[count];
    for (int i = 0; i < count; i++) {
      busNumber[i] = numberOfLocal[order[i]];
    }
    double[] loadKw = new double[count];
    double[] loadKvar = new double[count];
    for (int k = 0; k < spec.loads.size(); k++) {
      FeederBuilder.Load load = spec.loads.get(k);
      Integer local = localId.get(load.bus());
      if (local == null) {
        throw FeederBuilder.load(k, "unknown bus " + load.bus() + ": no branch connects it");
      }
      loadKw[indexOfLocal[local]] = load.pKw();
      loadKvar[indexOfLocal[local]] = load.qKvar();
    }
    int branchCount = count - 1;
    double[] rOhm = new double[branchCount];
    double[] xOhm = new double[branchCount];
    double[] maxCurrentA = new double[branchCount];
    String[] name = new String[branchCount];
    for (int b = 0; b < branchCount; b++) {
      FeederBuilder.Branch br = spec.branches.get(branchOrdinal[b + 1]);
      rOhm[b] = br.rOhm();
      xOhm[b] = br.xOhm();
      maxCurrentA[b] = br.maxCurrentA();
      name[b] = br.name();
    }
    return new RadialFeeder(spec.feederId(), spec.baseKv(), spec.slackVoltagePu(),
        spec.vMinPu(), spec.vMaxPu(), busNumber, parentIndex, loadKw, loadKvar,
        rOhm, xOhm, maxCurrentA, name);
  }

  /** Adjacency per local bus id; an entry is (branch ordinal << 1 | 0 if the bus is its from end). */
  private static int[][] adjacency(FeederBuilder spec, Map<Integer, Integer> localId,
      int[] numberOfLocal, int count) {
    int[] degree = new int[count];
    for (FeederBuilder.Branch br : spec.branches) {
      degree[localId.get(br.fromBus())]++;
      degree[localId.get(br.toBus())]++;
    }
    int[][] adjacency = new int[count][];
    for (int i = 0; i < count; i++) {
      adjacency[i] = new int[degree[i]];
      degree[i] = 0;
    }
    for (int k = 0; k < spec.branches.size(); k++) {
      FeederBuilder.Branch br = spec.branches.get(k);
      int from = localId.get(br.fromBus());
      int to = localId.get(br.toBus());
      adjacency[from][degree[from]++] = k << 1;
      adjacency[to][degree[to]++] = (k << 1) | 1;
    }
    for (int i = 0; i < count; i++) {
      // sort neighbours by the other end's bus number: boxed sort is fine, this runs once per feeder
      int[] edges = adjacency[i];
      Integer[] boxed = Arrays.stream(edges).boxed().toArray(Integer[]::new);
      Arrays.sort(boxed, (a, b) -> Integer.compare(otherEnd(spec, a), otherEnd(spec, b)));
      for (int e = 0; e < edges.length; e++) {
        edges[e] = boxed[e];
      }
    }
    return adjacency;
  }

  private static int otherEnd(FeederBuilder spec, int edge) {
    FeederBuilder.Branch br = spec.branches.get(edge >>> 1);
    return (edge & 1) == 0 ? br.toBus() : br.fromBus();
  }

  private static InvalidFeederException island(FeederBuilder spec, Map<Integer, Integer> localId,
      int[] indexOfLocal, int[] numberOfLocal, int unreached) {
    int firstOrdinal = 0;
    while (indexOfLocal[localId.get(spec.branches.get(firstOrdinal).fromBus())] >= 0) {
      firstOrdinal++;
    }
    int[] buses = new int[unreached];
    int k = 0;
    for (int local = 0; local < indexOfLocal.length; local++) {
      if (indexOfLocal[local] < 0) {
        buses[k++] = numberOfLocal[local];
      }
    }
    Arrays.sort(buses);
    StringJoiner list = new StringJoiner(", ");
    for (int i = 0; i < Math.min(10, buses.length); i++) {
      list.add(Integer.toString(buses[i]));
    }
    String more = buses.length > 10 ? ", ..." : "";
    return FeederBuilder.branch(firstOrdinal, "island: " + unreached + " bus(es) not connected to"
        + " slack bus " + spec.slackBus() + " (" + list + more + ")");
  }
}
