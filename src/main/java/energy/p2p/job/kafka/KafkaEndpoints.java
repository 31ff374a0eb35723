package energy.p2p.job.kafka;

import energy.p2p.job.BidIntake;
import energy.p2p.job.BidSource;
import energy.p2p.job.GateTickWriter;
import energy.p2p.job.IntakeRecord;
import energy.p2p.job.LineSource;
import energy.p2p.job.MarketSinks;
import energy.p2p.job.OutputLine;
import energy.p2p.model.Allocation;
import energy.p2p.model.ClearingReport;
import energy.p2p.model.Rejection;
import energy.p2p.settlement.MeterReadingJson;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The production sources and sinks: bids (and meter readings) from Kafka topics, the outputs to
 * Kafka topics, and the gate clock's tick writer. One consumer builder serves every input topic.
 */
public final class KafkaEndpoints {
  /** The broker caps transactions at 15 min; Flink's producer default (1 h) would be refused. */
  static final String TRANSACTION_TIMEOUT_MS = "600000";

  private KafkaEndpoints() {}

  /**
   * Bids: committed offsets of the group, else the earliest; read_committed. Each message is read
   * once by intake in the deserializer; the source keeps one watermark per partition and emits
   * their minimum ({@link BidSource#watermarksPerSplit()}).
   */
  public static BidSource bids(KafkaOptions k) {
    return bids(k, 0);
  }

  /** As {@link #bids(KafkaOptions)}, with at most {@code maxReaders} readers (the topic's partitions; 0: no cap). */
  public static BidSource bids(KafkaOptions k, int maxReaders) {
    return new BidSource() {
      @Override
      public DataStream<IntakeRecord> create(StreamExecutionEnvironment env, BidIntake intake,
          WatermarkStrategy<IntakeRecord> eventTime) {
        KafkaSource<IntakeRecord> source = KafkaEndpoints.<IntakeRecord>consumer(k, k.bidsTopic())
            .setDeserializer(new IntakeDeserializer(intake)).build();
        var stream = env.fromSource(source, eventTime, "bids topic").uid("bids-source");
        if (maxReaders > 0 && env.getParallelism() > maxReaders) {
          stream.setParallelism(maxReaders); // a reader without a partition would hold every window back
        }
        return stream;
      }

      @Override
      public boolean watermarksPerSplit() {
        return true;
      }
    };
  }

  /**
   * Raw records of another input topic (meter readings), same consumer settings as the bids, decoded
   * strictly (at most {@link MeterReadingJson#MAX_RECORD_BYTES}).
   */
  public static LineSource lines(KafkaOptions k, String topic) {
    return env -> {
      KafkaSource<String> source = KafkaEndpoints.<String>consumer(k, topic)
          .setDeserializer(new StrictText(MeterReadingJson.MAX_RECORD_BYTES)).build();
      return env.fromSource(source, WatermarkStrategy.noWatermarks(), topic + " topic").uid(topic + "-source");
    };
  }

  /** The live gate clock's ticks into every partition of the bids topic. */
  public static GateTickWriter gateTicks(KafkaOptions k) {
    return new KafkaGateTicks(k);
  }

  private static <T> KafkaSourceBuilder<T> consumer(KafkaOptions k, String topic) {
    var b = KafkaSource.<T>builder()
        .setBootstrapServers(k.bootstrapServers())
        .setTopics(topic)
        .setGroupId(k.groupId())
        .setProperties(k.clientProperties())
        // a transactional producer's aborted records are never bids (and never move time)
        .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST));
    if (k.bounded()) {
      b.setBounded(OffsetsInitializer.latest());
    }
    return b;
  }

  /** Ledger or settlement lines to {@code topic}, keyed by feeder (one chain stays in one partition). */
  public static Sink<OutputLine> lines(KafkaOptions k, String topic, String output) {
    return sink(k, output, topic, new OutputLineRecords(topic));
  }

  public static MarketSinks sinks(KafkaOptions k) {
    return new MarketSinks(
        sink(k, k.allocationsTopic(), "allocations", new JsonLineSchemas.AllocationJson()),
        sink(k, k.reportsTopic(), "reports", new JsonLineSchemas.ReportJson()),
        sink(k, k.rejectionsTopic(), "rejections", new JsonLineSchemas.RejectionJson()),
        -1);
  }

  private static <T> Sink<T> sink(KafkaOptions k, String topic, String output, SerializationSchema<T> value) {
    return sink(k, output, topic, new KafkaJsonRecords<>(topic, value));
  }

  private static <T> Sink<T> sink(KafkaOptions k, String output, String topic, KafkaRecordSerializationSchema<T> records) {
    var b = KafkaSink.<T>builder()
        .setBootstrapServers(k.bootstrapServers())
        .setKafkaProducerConfig(k.clientProperties())
        .setRecordSerializer(records);
    if (!k.exactlyOnce()) {
      return b.setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).build();
    }
    b.setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(k.transactionalIdPrefix() + "-" + output);
    if (!k.clientProperties().containsKey("transaction.timeout.ms")) {
      b.setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
    }
    return new AlertingKafkaSink<>(b.build(), topic, k.lostTransactions());
  }
}
