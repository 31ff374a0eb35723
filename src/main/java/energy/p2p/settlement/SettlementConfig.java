package energy.p2p.settlement;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Grid prices and deadlines of the ex-post settlement.
 *
 * @param retailPrice currency units per kWh a buyer pays the grid for energy its trades did not
 *     deliver (its extra draw, or a seller's shortfall it took from the grid)
 * @param feedInPrice currency units per kWh the grid pays for energy injected beyond the trades
 *     (a seller's excess, or traded energy its buyer did not draw)
 * @param deadline after the frame's end (event time), the frame is settled with the readings at
 *     hand; a missing one is estimated (delivered exactly as allocated) and flagged
 * @param correctionHorizon after the deadline, a late reading still produces a correcting
 *     settlement; later ones are refused (the frame's state is then released)
 */
public record SettlementConfig(BigDecimal retailPrice, BigDecimal feedInPrice, Duration deadline, Duration correctionHorizon)
    implements Serializable {

  public SettlementConfig {
    if (retailPrice.signum() < 0 || feedInPrice.signum() < 0) {
      throw new IllegalArgumentException("retail and feed-in prices must be >= 0");
    }
    if (deadline.isNegative() || correctionHorizon.isNegative()) {
      throw new IllegalArgumentException("settlement deadline and correction horizon must be >= 0");
    }
  }

  /** Retail 0.30, feed-in 0.08 per kWh; deadline 1 h after the frame; corrections for 7 days. */
  public static SettlementConfig defaults() {
    return new SettlementConfig(new BigDecimal("0.30"), new BigDecimal("0.08"), Duration.ofHours(1), Duration.ofDays(7));
  }
}
