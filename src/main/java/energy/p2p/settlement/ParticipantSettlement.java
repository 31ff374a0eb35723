package energy.p2p.settlement;

import energy.p2p.model.Side;
import java.math.BigDecimal;

/**
 * One participant's settlement of one frame (one role). Energies in kWh (6 decimals), money in
 * currency units (2 decimals, exact).
 *
 * @param revision 0 for the settlement at the deadline; each correction adds 1
 * @param estimated no reading at settlement: measured is taken as allocated
 * @param deliveredKwh traded energy actually delivered (a seller's shortfall is not)
 * @param shortfallKwh seller: allocated but not injected; buyer: its pro-rata share of its sellers' shortfalls
 * @param gridDrawKwh buyer: drawn beyond what was delivered, bought from the grid at retail
 * @param feedInKwh seller: injected beyond its trades; buyer: delivered but not drawn; paid at feed-in
 * @param tradeAmount delivered energy at the trade prices (buyer pays, seller receives)
 * @param gridFeeAmount this side's half of the trades' grid fees
 * @param gridEnergyAmount retail paid to the grid minus feed-in received from it
 * @param netPaid what the participant pays in total; negative = receives
 * @param previousNetPaid a correction: netPaid of the revision it replaces; else null
 */
public record ParticipantSettlement(
    String feederId, long frameStartMs, String participantId, Side role, int revision,
    BigDecimal allocatedKwh, BigDecimal measuredKwh, boolean estimated,
    BigDecimal deliveredKwh, BigDecimal shortfallKwh, BigDecimal gridDrawKwh, BigDecimal feedInKwh,
    BigDecimal tradeAmount, BigDecimal gridFeeAmount, BigDecimal gridEnergyAmount, BigDecimal netPaid,
    BigDecimal previousNetPaid) {

  /** Same figures, another revision, replacing {@code previous}. */
  ParticipantSettlement asRevision(int newRevision, BigDecimal previous) {
    return new ParticipantSettlement(feederId, frameStartMs, participantId, role, newRevision, allocatedKwh,
        measuredKwh, estimated, deliveredKwh, shortfallKwh, gridDrawKwh, feedInKwh, tradeAmount, gridFeeAmount,
        gridEnergyAmount, netPaid, previous);
  }

  /** True when the figures (not the revision) are the same. */
  boolean sameFigures(ParticipantSettlement o) {
    return allocatedKwh.equals(o.allocatedKwh) && measuredKwh.equals(o.measuredKwh) && estimated == o.estimated
        && deliveredKwh.equals(o.deliveredKwh) && shortfallKwh.equals(o.shortfallKwh)
        && gridDrawKwh.equals(o.gridDrawKwh) && feedInKwh.equals(o.feedInKwh) && netPaid.equals(o.netPaid)
        && tradeAmount.equals(o.tradeAmount) && gridFeeAmount.equals(o.gridFeeAmount)
        && gridEnergyAmount.equals(o.gridEnergyAmount);
  }
}
