package energy.p2p.job;

import energy.p2p.model.Bid;

/** A bid that passed reading and one-bid validation, with its raw record (for later rejections). */
public record ReceivedBid(Bid bid, String raw) {}
