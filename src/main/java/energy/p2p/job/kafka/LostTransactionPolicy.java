package energy.p2p.job.kafka;

/** What the job does when a sink transaction was aborted by the broker before its commit. */
public enum LostTransactionPolicy {
  /** Count it ({@code transactionsLost}), log an ERROR naming the topic, keep the market running. */
  ALERT,
  /** Also fail the job: it restarts from its last checkpoint and fails again until an operator acts. */
  FAIL
}
