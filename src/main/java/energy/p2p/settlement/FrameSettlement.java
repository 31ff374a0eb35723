package energy.p2p.settlement;

import java.util.List;

/** One revision of a frame's settlement: every participant's record (sorted) and the totals. */
public record FrameSettlement(List<ParticipantSettlement> participants, FrameTotals totals) {}
