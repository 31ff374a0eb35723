package energy.p2p.model;

/**
 * A bid that was not cleared as submitted, with why, and the raw input so nothing is lost.
 *
 * @param bidId the bid's id when it could be read, else null
 * @param feederId the bid's feeder when it could be read, else null
 * @param frameStartMs the bid's frame when it could be read, else -1
 * @param reason machine-readable reason
 * @param detail human-readable detail naming the offending field
 * @param raw the raw record as received (truncated for oversized records)
 */
public record Rejection(
    String bidId, String feederId, long frameStartMs, ReasonCode reason, String detail, String raw) {}
