package energy.p2p.job;

/**
 * One JSON line of the ledger or settlements output. {@code key} is the Kafka key and, with
 * {@code order} and {@code sortKey}, the total order replay's sorted file sink writes them in.
 */
public record OutputLine(String key, long order, String sortKey, String json) {}
