package energy.p2p.job.kafka;

import java.io.Serializable;
import java.util.Properties;

/**
 * Where the job talks to Kafka.
 *
 * @param clientProperties passed through to every consumer and producer (security.protocol,
 *     sasl.*, ssl.*, client.id, ...)
 * @param exactlyOnce transactional sinks (needs checkpointing); else at-least-once
 * @param bounded stop at the bids topic's end offsets at start (tests, backfills)
 * @param lostTransactions what a sink does when the broker aborted its transaction before the commit
 */
public record KafkaOptions(
    String bootstrapServers,
    String bidsTopic,
    String allocationsTopic,
    String reportsTopic,
    String rejectionsTopic,
    String groupId,
    String transactionalIdPrefix,
    Properties clientProperties,
    boolean exactlyOnce,
    boolean bounded,
    LostTransactionPolicy lostTransactions)
    implements Serializable {

  /** Lost transactions alert (the form before the policy existed). */
  public KafkaOptions(String bootstrapServers, String bidsTopic, String allocationsTopic, String reportsTopic,
      String rejectionsTopic, String groupId, String transactionalIdPrefix, Properties clientProperties,
      boolean exactlyOnce, boolean bounded) {
    this(bootstrapServers, bidsTopic, allocationsTopic, reportsTopic, rejectionsTopic, groupId,
        transactionalIdPrefix, clientProperties, exactlyOnce, bounded, LostTransactionPolicy.ALERT);
  }

  public KafkaOptions {
    require(bootstrapServers, "bootstrap servers");
    require(bidsTopic, "bids topic");
    require(allocationsTopic, "allocations topic");
    require(reportsTopic, "reports topic");
    require(rejectionsTopic, "rejections topic");
    require(groupId, "group id");
    require(transactionalIdPrefix, "transactional id prefix");
    clientProperties = clientProperties == null ? new Properties() : clientProperties;
    lostTransactions = lostTransactions == null ? LostTransactionPolicy.ALERT : lostTransactions;
  }

  private static void require(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("kafka: " + what + " must not be empty");
    }
  }

  /** The sinks' transaction timeout: the client property, else the job's default (10 min). */
  public java.time.Duration transactionTimeout() {
    String ms = clientProperties.getProperty("transaction.timeout.ms", KafkaEndpoints.TRANSACTION_TIMEOUT_MS);
    return java.time.Duration.ofMillis(Long.parseLong(ms.trim()));
  }
}
