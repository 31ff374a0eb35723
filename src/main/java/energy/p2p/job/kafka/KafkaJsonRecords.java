package energy.p2p.job.kafka;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One output record → one Kafka message: key = feederId (per-feeder order on one partition), value =
 * the JSON object, and NO timestamp from Flink: the broker stamps the message. Flink's element
 * timestamp is event time (gate closure, a bid's submittedAt), which a participant's wrong clock can
 * push past the broker's {@code log.message.timestamp.after.max.ms}; such a record would be refused
 * and fail the sink over and over.
 */
public final class KafkaJsonRecords<T> implements KafkaRecordSerializationSchema<T> {
  private final String topic;
  private final SerializationSchema<T> value;
  private final JsonLineSchemas.FeederKey<T> key = new JsonLineSchemas.FeederKey<>();

  public KafkaJsonRecords(String topic, SerializationSchema<T> value) {
    this.topic = topic;
    this.value = value;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(T record, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(topic, null, null, key.serialize(record), value.serialize(record));
  }
}
