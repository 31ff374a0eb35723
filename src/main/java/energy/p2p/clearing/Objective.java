package energy.p2p.clearing;

/**
 * What the search optimises, as named in a rules file's {@code "objectives"} (two or three of
 * them, {@link ObjectiveSet}); reports name them in camelCase ({@link #jsonName()}).
 *
 * <ul>
 *   <li>{@code BUYER_WELFARE}, {@code SELLER_WELFARE}: Σ kWh × (limit − price − fee/2) and
 *       Σ kWh × (price − fee/2 − ask); their sum is fixed by the matched quantities, the price
 *       split α moves it between them (the default pair);
 *   <li>{@code SOCIAL_WELFARE}: their sum, net of grid fees (the price split is then not an
 *       objective: trades are priced at α = 0.5);
 *   <li>{@code STANDARD_FILL_RATE}: kWh matched to STANDARD buyers ÷ kWh demanded by all of the
 *       window's valid STANDARD bids (0 when there are none);
 *   <li>{@code LOSSES_KW}: the feeder's active losses with the trades, from the AC load flow
 *       (minimised);
 *   <li>{@code VOLTAGE_HEADROOM_PU}: the smallest margin to the feeder's vMinPu / vMaxPu over all
 *       buses but the substation's (whose voltage is held), from the AC load flow; negative when
 *       a bus is out of the feeder's limits (e.g. already in the base case).
 * </ul>
 */
public enum Objective {
  BUYER_WELFARE("buyerWelfare", true, true, "currency units"),
  SELLER_WELFARE("sellerWelfare", true, true, "currency units"),
  SOCIAL_WELFARE("socialWelfare", true, true, "currency units"),
  STANDARD_FILL_RATE("standardFillRate", true, false, "share of STANDARD demand"),
  LOSSES_KW("lossesKw", false, false, "kW"),
  VOLTAGE_HEADROOM_PU("voltageHeadroomPu", true, false, "p.u.");

  private final String jsonName;
  private final boolean maximised;
  private final boolean welfare;
  private final String unit;

  Objective(String jsonName, boolean maximised, boolean welfare, String unit) {
    this.jsonName = jsonName;
    this.maximised = maximised;
    this.welfare = welfare;
    this.unit = unit;
  }

  /** The name reports use (front points, weights): camelCase. */
  public String jsonName() {
    return jsonName;
  }

  /** Whether more is better (every objective but losses). */
  public boolean maximised() {
    return maximised;
  }

  /** Buyer, seller or social welfare. */
  public boolean isWelfare() {
    return welfare;
  }

  public String unit() {
    return unit;
  }

  /** The objective reports call {@code name} (camelCase), or null. */
  public static Objective ofJsonName(String name) {
    for (Objective o : values()) {
      if (o.jsonName.equals(name)) {
        return o;
      }
    }
    return null;
  }
}
