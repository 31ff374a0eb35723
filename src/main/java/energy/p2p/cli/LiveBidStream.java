package energy.p2p.cli;

import energy.p2p.io.BidCodec;
import energy.p2p.model.Bid;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** bench-live's prosumers: each template bid once per frame, re-timed, evenly over a time span, keyed by feeder. */
final class LiveBidStream implements AutoCloseable {
  private final KafkaProducer<String, String> producer;
  private final String topic;
  private final List<Bid> template;

  LiveBidStream(String bootstrapServers, String topic, List<Bid> template) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    this.topic = topic;
    this.template = template;
  }

  /** Sends every template bid for {@code frameStartMs}, the k-th at from + k·(to − from)/n (wall clock). */
  void streamFrame(long frameStartMs, long fromMs, long toMs) throws InterruptedException {
    int n = template.size();
    for (int k = 0; k < n; k++) {
      long due = fromMs + (toMs - fromMs) * k / n;
      long wait = due - System.currentTimeMillis();
      if (wait > 0) {
        Thread.sleep(wait);
      }
      Bid t = template.get(k);
      Bid b = new Bid(t.bidId() + "@" + frameStartMs, t.participantId(), t.feederId(), t.bus(), t.side(),
          t.quantityKwh(), t.limitPrice(), frameStartMs, Math.min(System.currentTimeMillis(), toMs), t.buyerClass());
      producer.send(new ProducerRecord<>(topic, b.feederId(), BidCodec.toJson(b)));
    }
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}
