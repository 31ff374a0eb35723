package energy.p2p.job;

/** Key of a buffered bid in a feeder's state: its delivery frame and its id (dedup is per window). */
public record FrameBidKey(long frameStartMs, String bidId) {}
