package energy.p2p.job.kafka;

import energy.p2p.job.BidSource;
import energy.p2p.job.MarketSinks;
import energy.p2p.job.OutputLine;
import energy.p2p.job.kafka.JsonLineSchemas;
import energy.p2p.job.kafka.KafkaJsonRecords;
import energy.p2p.model.Allocation;
import energy.p2p.model.ClearingReport;
import energy.p2p.model.Rejection;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The production sources and sinks: bids (and meter readings) from Kafka topics, the outputs to Kafka topics. */
public final class KafkaEndpoints {
  /** The broker caps transactions at 15 min; Flink's producer default (1 h) would be refused. */
  static final String TRANSACTION_TIMEOUT_MS = "600000";

  private KafkaEndpoints() {}

  /**
   * Bids: committed offsets of the group, else the earliest. The job gives the source its event
   * time ({@link BidSource#watermarksPerSplit()}): the KafkaSource then keeps one watermark per
   * partition and emits their minimum.
   */
  public static BidSource source(KafkaOptions k) {
    return new BidSource() {
      @Override
      public DataStream<String> create(StreamExecutionEnvironment env) {
        return create(env, WatermarkStrategy.noWatermarks());
      }

      @Override
      public boolean watermarksPerSplit() {
        return true;
      }

      @Override
      public DataStream<String> create(StreamExecutionEnvironment env, WatermarkStrategy<String> eventTime) {
        var b = KafkaSource.<String>builder()
            .setBootstrapServers(k.bootstrapServers())
            .setTopics(k.bidsTopic())
            .setGroupId(k.groupId())
            .setProperties(k.clientProperties())
            .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
            .setValueOnlyDeserializer(new JsonLineSchemas.BidText());
        if (k.bounded()) {
          b.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(b.build(), eventTime, "bids topic").uid("bids-source");
      }
    };
  }

  /** Raw records of another input topic (meter readings), same consumer settings as the bids. */
  public static BidSource lines(KafkaOptions k, String topic) {
    return env -> {
      var b = KafkaSource.<String>builder()
          .setBootstrapServers(k.bootstrapServers())
          .setTopics(topic)
          .setGroupId(k.groupId())
          .setProperties(k.clientProperties())
          .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
          .setValueOnlyDeserializer(new JsonLineSchemas.BidText());
      if (k.bounded()) {
        b.setBounded(OffsetsInitializer.latest());
      }
      return env.fromSource(b.build(), WatermarkStrategy.noWatermarks(), topic + " topic").uid(topic + "-source");
    };
  }

  /** Ledger or settlement lines to {@code topic}, keyed by feeder (one chain stays in one partition). */
  public static KafkaSink<OutputLine> lines(KafkaOptions k, String topic, String output) {
    return sink(k, output, new OutputLineRecords(topic));
  }

  public static MarketSinks sinks(KafkaOptions k) {
    return new MarketSinks(
        sink(k, k.allocationsTopic(), "allocations", new JsonLineSchemas.AllocationJson()),
        sink(k, k.reportsTopic(), "reports", new JsonLineSchemas.ReportJson()),
        sink(k, k.rejectionsTopic(), "rejections", new JsonLineSchemas.RejectionJson()),
        -1);
  }

  private static <T> KafkaSink<T> sink(KafkaOptions k, String topic, String output, SerializationSchema<T> value) {
    return sink(k, output, new KafkaJsonRecords<>(topic, value));
  }

  private static <T> KafkaSink<T> sink(KafkaOptions k, String output, KafkaRecordSerializationSchema<T> records) {
    var b = KafkaSink.<T>builder()
        .setBootstrapServers(k.bootstrapServers())
        .setKafkaProducerConfig(k.clientProperties())
        .setRecordSerializer(records);
    if (k.exactlyOnce()) {
      b.setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
          .setTransactionalIdPrefix(k.transactionalIdPrefix() + "-" + output);
      if (!k.clientProperties().containsKey("transaction.timeout.ms")) {
        b.setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
      }
    } else {
      b.setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE);
    }
    return b.build();
  }
}
