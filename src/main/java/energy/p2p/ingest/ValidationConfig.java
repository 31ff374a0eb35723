package energy.p2p.ingest;

import java.io.Serializable;

/**
 * Limits a bid is judged against on arrival. Every limit is documented in docs/formats.md; the
 * defaults suit a distribution feeder with residential and small commercial prosumers.
 *
 * @param frameMinutes delivery frame length; frameStart must be a multiple of it (epoch based)
 * @param gateLeadMinutes gate closure is frameStart minus this lead; bids submitted at or after it
 *     are LATE
 * @param maxQuantityKwh largest credible energy of one bid over one frame
 * @param maxPrice largest credible limit price (currency units per kWh)
 * @param maxRecordBytes larger raw records are rejected TOO_LARGE without being parsed
 * @param maxSubmitAheadMinutes a bid may be submitted at most this long before its frame starts
 *     (further is BAD_TIMESTAMP: protects state from bids for frames years away)
 * @param maxBidsPerWindow bids accepted per (feeder, frame); further ones are rejected CAPACITY
 */
public record ValidationConfig(
    int frameMinutes,
    int gateLeadMinutes,
    double maxQuantityKwh,
    double maxPrice,
    int maxRecordBytes,
    long maxSubmitAheadMinutes,
    int maxBidsPerWindow)
    implements Serializable {

  public ValidationConfig {
    require(frameMinutes > 0 && 1440 % frameMinutes == 0, "frameMinutes must divide a day");
    require(gateLeadMinutes >= 0, "gateLeadMinutes must be >= 0");
    require(maxQuantityKwh > 0 && Double.isFinite(maxQuantityKwh), "maxQuantityKwh must be > 0");
    require(maxPrice > 0 && Double.isFinite(maxPrice), "maxPrice must be > 0");
    require(maxRecordBytes >= 256, "maxRecordBytes must be >= 256");
    require(maxSubmitAheadMinutes > gateLeadMinutes, "maxSubmitAheadMinutes must exceed the gate lead");
    require(maxBidsPerWindow > 0, "maxBidsPerWindow must be > 0");
  }

  /** 15-min frames, gate closure 5 min ahead, 1 MWh and 100 per kWh caps, 4 KiB records, 7 days ahead, 5,000 bids per window (the clearing engine's default book limit). */
  public static ValidationConfig defaults() {
    return new ValidationConfig(15, 5, 1000.0, 100.0, 4096, 7 * 24 * 60, 5_000);
  }

  public long frameMillis() {
    return frameMinutes * 60_000L;
  }

  public long gateLeadMillis() {
    return gateLeadMinutes * 60_000L;
  }

  /** Gate closure of the frame starting at {@code frameStartMs}. */
  public long gateClosureMs(long frameStartMs) {
    return frameStartMs - gateLeadMillis();
  }

  /** The first aligned frame whose gate closure is strictly after {@code timeMs}. */
  public long firstFrameGatedAfter(long timeMs) {
    return Math.floorDiv(timeMs + gateLeadMillis(), frameMillis()) * frameMillis() + frameMillis();
  }

  /** The last aligned frame whose gate closure is at or before {@code timeMs}. */
  public long lastFrameGatedBy(long timeMs) {
    return Math.floorDiv(timeMs + gateLeadMillis(), frameMillis()) * frameMillis();
  }

  public ValidationConfig withFrameMinutes(int v) {
    return new ValidationConfig(v, gateLeadMinutes, maxQuantityKwh, maxPrice, maxRecordBytes, maxSubmitAheadMinutes, maxBidsPerWindow);
  }

  public ValidationConfig withGateLeadMinutes(int v) {
    return new ValidationConfig(frameMinutes, v, maxQuantityKwh, maxPrice, maxRecordBytes, maxSubmitAheadMinutes, maxBidsPerWindow);
  }

  public ValidationConfig withMaxBidsPerWindow(int v) {
    return new ValidationConfig(frameMinutes, gateLeadMinutes, maxQuantityKwh, maxPrice, maxRecordBytes, maxSubmitAheadMinutes, v);
  }

  public ValidationConfig withMaxRecordBytes(int v) {
    return new ValidationConfig(frameMinutes, gateLeadMinutes, maxQuantityKwh, maxPrice, v, maxSubmitAheadMinutes, maxBidsPerWindow);
  }

  public ValidationConfig withLimits(double maxKwh, double maxPricePerKwh) {
    return new ValidationConfig(frameMinutes, gateLeadMinutes, maxKwh, maxPricePerKwh, maxRecordBytes, maxSubmitAheadMinutes, maxBidsPerWindow);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("validation config: " + message);
    }
  }
}
