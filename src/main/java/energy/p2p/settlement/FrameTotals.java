package energy.p2p.settlement;

import java.math.BigDecimal;

/**
 * The money of one (feeder, frame) settlement revision. Always
 * {@code paidByBuyers == receivedBySellers + gridCharges}, to the cent.
 *
 * @param participants settlement records in this revision's full settlement
 * @param estimated of them, settled without a reading
 * @param paidByBuyers sum of the buyers' netPaid
 * @param receivedBySellers minus the sum of the sellers' netPaid
 * @param gridCharges grid fees + retail draws − feed-in payments (what the grid operator keeps)
 */
public record FrameTotals(
    String feederId, long frameStartMs, int revision, int participants, int estimated,
    BigDecimal paidByBuyers, BigDecimal receivedBySellers, BigDecimal gridCharges) {

  public boolean balances() {
    return paidByBuyers.compareTo(receivedBySellers.add(gridCharges)) == 0;
  }
}
