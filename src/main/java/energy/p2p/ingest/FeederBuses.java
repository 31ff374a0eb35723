package energy.p2p.ingest;

import energy.p2p.grid.RadialFeeder;
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

  /** The bus numbers and slack bus of a loaded feeder. */
  public static FeederBuses of(RadialFeeder feeder) {
    int[] numbers = new int[feeder.busCount()];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = feeder.busNumber(i);
    }
    return new FeederBuses(feeder.feederId(), numbers, feeder.slackBusNumber());
  }

  public boolean hasBus(int busNumber) {
    return Arrays.binarySearch(busNumbers, busNumber) >= 0;
  }
}
