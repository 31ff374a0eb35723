package energy.p2p.settlement;

/**
 * What a participant's meter measured over one frame: energy injected (sellers) or drawn (buyers).
 *
 * @param measuredKwh &ge; 0
 * @param readingAtMs event time of the reading
 */
public record MeterReading(String participantId, String feederId, long frameStartMs, double measuredKwh, long readingAtMs) {}
