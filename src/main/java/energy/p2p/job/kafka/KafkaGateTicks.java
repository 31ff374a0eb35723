package energy.p2p.job.kafka;

import energy.p2p.job.GateTickWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Gate ticks into every partition of the bids topic: a plain (non-transactional) idempotent
 * producer with acks=all, so a tick is visible to read_committed readers at once; the partition
 * list is read at every tick (partitions added later get ticks too).
 */
final class KafkaGateTicks implements GateTickWriter {
  private static final long ACK_TIMEOUT_S = 30;

  private final KafkaOptions kafka;
  private transient KafkaProducer<byte[], byte[]> producer;

  KafkaGateTicks(KafkaOptions kafka) {
    this.kafka = kafka;
  }

  @Override
  public void open() {
    Properties p = new Properties();
    p.putAll(kafka.clientProperties());
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    p.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, kafka.groupId() + "-gate-clock");
    producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public long tick(long gateClosureMs) throws Exception {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (PartitionInfo partition : producer.partitionsFor(kafka.bidsTopic())) {
      RecordHeaders headers = new RecordHeaders();
      headers.add(GateTicks.HEADER, GateTicks.headerValue(gateClosureMs));
      acks.add(producer.send(new ProducerRecord<>(kafka.bidsTopic(), partition.partition(), null, null,
          GateTicks.value(gateClosureMs), headers)));
    }
    long lowest = Long.MAX_VALUE;
    for (Future<RecordMetadata> ack : acks) {
      lowest = Math.min(lowest, ack.get(ACK_TIMEOUT_S, TimeUnit.SECONDS).timestamp());
    }
    return lowest;
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close();
    }
  }
}
