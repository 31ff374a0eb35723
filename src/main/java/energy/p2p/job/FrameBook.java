package energy.p2p.job;

import energy.p2p.model.Allocation;
import energy.p2p.settlement.MeterReading;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the settlement operator keeps for one (feeder, frame) until the correction horizon passes.
 * Stored as JSON in keyed state (explicit, versionable, no Kryo).
 */
public final class FrameBook {
  /** The window's published trades; null until the window arrives (a frame may have none). */
  public List<Allocation> trades;
  /** Readings the next settlement uses, by participant. */
  public Map<String, Double> readings = new TreeMap<>();
  /** Readings of the last published revision; null while unsettled. */
  public Map<String, Double> settledReadings;
  /** Readings taken after the deadline that arrived before the settlement: corrections, in arrival order. */
  public List<MeterReading> pendingLate = new ArrayList<>();
  /** Last published revision, -1 while unsettled. */
  public int revision = -1;
}
