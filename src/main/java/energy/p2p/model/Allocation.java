package energy.p2p.model;

/**
 * One bilateral trade: the seller injects {@code quantityKwh} at its bus and the buyer draws it at
 * its bus over the frame, at {@code price} per kWh; {@code gridFee} per kWh is the network charge
 * (shared half and half by the two sides).
 */
public record Allocation(
    String feederId,
    long frameStartMs,
    String buyerBidId,
    String sellerBidId,
    String buyerId,
    String sellerId,
    double quantityKwh,
    double price,
    double gridFee) {

  /** The same trade with another quantity (curtailment keeps price and fee). */
  public Allocation withQuantityKwh(double newQuantityKwh) {
    return new Allocation(
        feederId, frameStartMs, buyerBidId, sellerBidId, buyerId, sellerId, newQuantityKwh, price,
        gridFee);
  }
}
