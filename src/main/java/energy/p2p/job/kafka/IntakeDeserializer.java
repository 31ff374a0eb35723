package energy.p2p.job.kafka;

import energy.p2p.job.BidIntake;
import energy.p2p.job.IntakeRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A bids-topic message → {@link IntakeRecord}, read once here ({@link BidIntake}: codec, validation,
 * receipt-time lateness, signature), with its partition and broker timestamp; a gate tick
 * ({@link GateTicks}) → a tick. The source's event-time assigner and parse + validate downstream
 * use the result and never parse the record again.
 */
final class IntakeDeserializer implements KafkaRecordDeserializationSchema<IntakeRecord> {
  private final BidIntake intake;

  IntakeDeserializer(BidIntake intake) {
    this.intake = intake;
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<IntakeRecord> out) {
    if (GateTicks.isTick(record.headers())) {
      out.collect(intake.tick(record.partition(), record.timestamp()));
    } else {
      out.collect(intake.read(record.value(), origin(record), record.partition(), record.timestamp()));
    }
  }

  /** How a rejection names the record: "bids partition 3 offset 1234". */
  static String origin(ConsumerRecord<?, ?> record) {
    return record.topic() + " partition " + record.partition() + " offset " + record.offset();
  }

  @Override
  public TypeInformation<IntakeRecord> getProducedType() {
    return TypeInformation.of(IntakeRecord.class);
  }
}
