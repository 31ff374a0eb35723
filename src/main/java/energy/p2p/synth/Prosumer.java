package energy.p2p.synth;

/**
 * One generated market participant.
 *
 * @param kind what drives its bids
 * @param sizeKw its characteristic power: PV peak, EV charger or household/commercial peak load
 * @param priceFactor its personal tilt on prices (0.8..1.2)
 */
record Prosumer(String id, String feederId, int bus, Kind kind, double sizeKw, double priceFactor) {

  enum Kind {
    /** Rooftop PV with a household: sells around noon, buys in the evening. */
    PV_HOUSEHOLD,
    /** Household without generation: buys, evening peak. */
    HOUSEHOLD,
    /** Electric-vehicle charger: buys at night, HIGH demand class. */
    EV,
    /** Small business: buys in opening hours, ULTRA_HIGH demand class. */
    COMMERCIAL
  }
}
