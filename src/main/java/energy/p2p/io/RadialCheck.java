package energy.p2p.io;

import energy.p2p.io.MatpowerCase.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds every in-service branch of a MATPOWER case that closes a loop, so a meshed case is refused
 * with the whole list at once (the operator opens those ties, status 0, in one edit) rather than
 * one loop per attempt.
 */
final class RadialCheck {

  private RadialCheck() {}

  static void refuseLoops(MatpowerCase mpc, List<Row> inService) {
    Map<Integer, Integer> parent = new HashMap<>();
    List<Row> closing = new ArrayList<>();
    for (Row br : inService) {
      int a = find(parent, (int) br.values()[0]);
      int b = find(parent, (int) br.values()[1]);
      if (a == b) {
        closing.add(br);
      } else {
        parent.put(a, b);
      }
    }
    if (closing.isEmpty()) {
      return;
    }
    StringBuilder names = new StringBuilder();
    for (Row br : closing) {
      names.append(names.length() == 0 ? "" : ", ").append((int) br.values()[0]).append('-')
          .append((int) br.values()[1]).append(" (line ").append(br.line()).append(')');
    }
    throw mpc.error(closing.get(0).line(), "meshed case: " + closing.size()
        + " in-service branch(es) close a loop: " + names + "; the feeder must be radial:"
        + " open the tie switches (branch status 0)");
  }

  private static int find(Map<Integer, Integer> parent, int bus) {
    int root = bus;
    Integer up;
    while ((up = parent.get(root)) != null) {
      root = up;
    }
    if (root != bus) {
      parent.put(bus, root);
    }
    return root;
  }
}
