package energy.p2p.job.kafka;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.kafka.sink.KafkaCommittable;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaWriterState;
import org.apache.flink.connector.kafka.sink.TwoPhaseCommittingStatefulSink;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.SupportsPostCommitTopology;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KafkaSink} whose lost transactions are never silent. Connector 5.0's committer, when
 * the broker has already aborted a transaction (its {@code transaction.timeout.ms} passed between
 * the checkpoint that pre-committed it and the commit — a job down longer than that, or a checkpoint
 * slower than that), logs and signals a "known" failure: Flink counts it in
 * {@code numCommittablesFailure}, drops the committable and the job carries on — the window
 * outputs of that checkpoint never become visible (LostTransactionKafkaITCase shows it). This
 * wrapper counts each such loss in {@code transactionsLost} on the committer's metric group, logs
 * an ERROR naming the topic, and with {@link LostTransactionPolicy#FAIL} fails the job instead.
 */
public final class AlertingKafkaSink<IN>
    implements TwoPhaseCommittingStatefulSink<IN, KafkaWriterState, KafkaCommittable>,
        SupportsPostCommitTopology<KafkaCommittable> {
  private static final Logger LOG = LoggerFactory.getLogger(AlertingKafkaSink.class);

  private final KafkaSink<IN> delegate;
  private final String topic;
  private final LostTransactionPolicy policy;

  AlertingKafkaSink(KafkaSink<IN> delegate, String topic, LostTransactionPolicy policy) {
    this.delegate = delegate;
    this.topic = topic;
    this.policy = policy;
  }

  @Override
  public PrecommittingStatefulSinkWriter<IN, KafkaWriterState, KafkaCommittable> createWriter(WriterInitContext ctx)
      throws IOException {
    return delegate.createWriter(ctx);
  }

  @Override
  public PrecommittingStatefulSinkWriter<IN, KafkaWriterState, KafkaCommittable> restoreWriter(
      WriterInitContext ctx, Collection<KafkaWriterState> recovered) throws IOException {
    return delegate.restoreWriter(ctx, recovered);
  }

  @Override
  public SimpleVersionedSerializer<KafkaWriterState> getWriterStateSerializer() {
    return delegate.getWriterStateSerializer();
  }

  @Override
  public Committer<KafkaCommittable> createCommitter(CommitterInitContext ctx) throws IOException {
    return new AlertingCommitter(delegate.createCommitter(ctx), ctx.metricGroup().counter("transactionsLost"),
        topic, policy);
  }

  @Override
  public SimpleVersionedSerializer<KafkaCommittable> getCommittableSerializer() {
    return delegate.getCommittableSerializer();
  }

  @Override
  public void addPostCommitTopology(DataStream<CommittableMessage<KafkaCommittable>> committables) {
    delegate.addPostCommitTopology(committables); // keeps writer and committer co-located
  }

  /** Wraps each commit request so a failure the connector would swallow is seen. */
  static final class AlertingCommitter implements Committer<KafkaCommittable> {
    private final Committer<KafkaCommittable> delegate;
    private final Counter lost;
    private final String topic;
    private final LostTransactionPolicy policy;

    AlertingCommitter(Committer<KafkaCommittable> delegate, Counter lost, String topic, LostTransactionPolicy policy) {
      this.delegate = delegate;
      this.lost = lost;
      this.topic = topic;
      this.policy = policy;
    }

    @Override
    public void commit(Collection<CommitRequest<KafkaCommittable>> requests) throws IOException, InterruptedException {
      List<CommitRequest<KafkaCommittable>> watched = new ArrayList<>(requests.size());
      for (CommitRequest<KafkaCommittable> r : requests) {
        watched.add(new Watched(r));
      }
      delegate.commit(watched);
    }

    @Override
    public void close() throws Exception {
      delegate.close();
    }

    private final class Watched implements CommitRequest<KafkaCommittable> {
      private final CommitRequest<KafkaCommittable> request;

      Watched(CommitRequest<KafkaCommittable> request) {
        this.request = request;
      }

      @Override
      public KafkaCommittable getCommittable() {
        return request.getCommittable();
      }

      @Override
      public int getNumberOfRetries() {
        return request.getNumberOfRetries();
      }

      @Override
      public void signalFailedWithKnownReason(Throwable t) {
        lost.inc();
        LOG.error("OUTPUT LOST: the Kafka transaction {} of topic '{}' could not be committed ({}): the broker "
            + "has already aborted it, so this checkpoint's records for '{}' will never be visible to read_committed "
            + "readers. Usually the job was down (or a checkpoint took) longer than transaction.timeout.ms. "
            + "The windows can be re-published from a replay of the bids topic (docs/operations.md, 'Lost "
            + "transactions'). Policy: {}", request.getCommittable().getTransactionalId(), topic, t.toString(),
            topic, policy);
        if (policy == LostTransactionPolicy.FAIL) {
          request.signalFailedWithUnknownReason(t);
        } else {
          request.signalFailedWithKnownReason(t);
        }
      }

      @Override
      public void signalFailedWithUnknownReason(Throwable t) {
        request.signalFailedWithUnknownReason(t);
      }

      @Override
      public void retryLater() {
        request.retryLater();
      }

      @Override
      public void updateAndRetryLater(KafkaCommittable committable) {
        request.updateAndRetryLater(committable);
      }

      @Override
      public void signalAlreadyCommitted() {
        request.signalAlreadyCommitted();
      }

      @Override
      public String toString() {
        return "transaction " + request.getCommittable().getTransactionalId() + " of topic '" + topic + "'";
      }
    }
  }
}
