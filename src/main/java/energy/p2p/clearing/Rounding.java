package energy.p2p.clearing;

/**
 * Published quantities and prices are rounded to 1e-9 (a milliwatt-hour, a nano-unit of money),
 * so the output reads 0.288 rather than 0.28800000000000003. Quantities round down (a bid is
 * never over-allocated by rounding); prices round to nearest, then are clamped back into the
 * trade's [ask + fee/2, limit − fee/2] so no side ever loses.
 */
public final class Rounding {
  private static final double SCALE = 1e9;

  private Rounding() {}

  /** kWh rounded down to 1e-9 (tolerating binary noise of 1e-12 just below a round value). */
  public static double kwh(double kwh) {
    return Math.floor(kwh * SCALE + 1e-3) / SCALE;
  }

  /** Price rounded to 1e-9 and kept within [low, high]. */
  public static double price(double price, double low, double high) {
    double p = Math.round(price * SCALE) / SCALE;
    return Math.min(Math.max(p, low), high);
  }
}
