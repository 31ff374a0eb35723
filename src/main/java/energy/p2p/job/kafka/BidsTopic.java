package energy.p2p.job.kafka;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What the job checks of the bids topic before it starts: that it exists, how many partitions it
 * has (no more readers than partitions: a reader without a partition would hold every window
 * back), and who stamps its records ({@code message.timestamp.type}: with LogAppendTime the
 * broker does, so receipt time is the market's, not a participant's).
 */
public record BidsTopic(String name, int partitions, boolean logAppendTime) {
  private static final long TIMEOUT_S = 30;

  public static BidsTopic inspect(KafkaOptions k) {
    Properties p = new Properties();
    p.putAll(k.clientProperties());
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, k.bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      TopicDescription d = admin.describeTopics(List.of(k.bidsTopic())).allTopicNames()
          .get(TIMEOUT_S, TimeUnit.SECONDS).get(k.bidsTopic());
      ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, k.bidsTopic());
      Config config = admin.describeConfigs(List.of(topic)).all().get(TIMEOUT_S, TimeUnit.SECONDS).get(topic);
      var type = config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);
      return new BidsTopic(k.bidsTopic(), d.partitions().size(), type != null && "LogAppendTime".equals(type.value()));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new IllegalArgumentException("bids topic '" + k.bidsTopic() + "' does not exist on " + k.bootstrapServers());
      }
      throw new IllegalStateException("cannot describe bids topic '" + k.bidsTopic() + "' on " + k.bootstrapServers()
          + ": " + e.getCause(), e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("no answer from Kafka at " + k.bootstrapServers() + " within " + TIMEOUT_S
          + " s while describing the bids topic '" + k.bidsTopic() + "'", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing the bids topic", e);
    }
  }
}
