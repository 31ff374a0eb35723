package energy.p2p.model;

/**
 * One grid limit a report speaks of: binding (the published trades' load flow sits on it) or
 * loosened (the base load alone already breaks it, so trades may only not make it worse).
 *
 * @param kind {@code UNDER_VOLTAGE}, {@code OVER_VOLTAGE} (a bus's lower / upper voltage limit) or
 *     {@code OVER_CURRENT} (a branch's thermal rating)
 * @param element "bus 18" or "branch 1-2" (bus number, branch "from-to" as in the feeder file)
 * @param value the load flow's value: p.u. for voltages, A for currents (for a loosened limit, the
 *     base case's value, which is the limit applied instead)
 * @param limit the feeder's limit, same unit
 */
public record LimitNote(String kind, String element, double value, double limit) {}
