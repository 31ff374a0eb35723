package energy.p2p.job.kafka;

import energy.p2p.job.OutputLine;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A ledger or settlement line → one Kafka message: key = feederId (a feeder's chain stays in one
 * partition, in order), value = the JSON line, timestamp from the broker (as the other outputs).
 */
final class OutputLineRecords implements KafkaRecordSerializationSchema<OutputLine> {
  private final String topic;

  OutputLineRecords(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(OutputLine line, KafkaSinkContext context, Long timestamp) {
    byte[] key = line.key() == null || line.key().isEmpty() ? null : line.key().getBytes(StandardCharsets.UTF_8);
    return new ProducerRecord<>(topic, null, null, key, line.json().getBytes(StandardCharsets.UTF_8));
  }
}
