package energy.p2p.job.kafka;

import energy.p2p.io.RecordText;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A text message (a meter reading) decoded strictly: bytes that are not UTF-8, or more than
 * {@code maxBytes} of them, become the marker {@link RecordText} hands on, which the reader turns
 * into a rejection naming the topic, partition and offset — never a silently repaired text. An empty
 * or null message holds no record.
 */
final class StrictText implements KafkaRecordDeserializationSchema<String> {
  private final int maxBytes;

  StrictText(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) {
    byte[] v = record.value();
    out.collect(v == null ? "" : RecordText.decode(v, 0, v.length, IntakeDeserializer.origin(record), maxBytes));
  }

  @Override
  public TypeInformation<String> getProducedType() {
    return Types.STRING;
  }
}
