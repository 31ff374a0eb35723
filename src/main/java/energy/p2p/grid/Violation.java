package energy.p2p.grid;

/**
 * A limit broken in a power-flow result.
 *
 * @param kind what is violated
 * @param element the bus NUMBER (voltages) or the branch name "from-to" (currents)
 * @param value the observed value: p.u. for voltages, A for currents
 * @param limit the limit it breaks, same unit
 */
public record Violation(Kind kind, String element, double value, double limit) {

  public enum Kind { UNDER_VOLTAGE, OVER_VOLTAGE, OVER_CURRENT }
}
