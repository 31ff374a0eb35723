package energy.p2p.ingest;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What validation needs to know about a feeder: its bus numbers and its substation (slack) bus,
 * where no prosumer can trade.
 */
public record FeederBuses(String feederId, int[] busNumbers, int slackBus) implements Serializable {

  public FeederBuses {
    busNumbers = busNumbers.clone();
    Arrays.sort(busNumbers);
  }

  public boolean hasBus(int busNumber) {
    return Arrays.binarySearch(busNumbers, busNumber) >= 0;
  }
}
