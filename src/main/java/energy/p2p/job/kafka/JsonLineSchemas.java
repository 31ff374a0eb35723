package energy.p2p.job.kafka;

import energy.p2p.io.BidCodec;
import energy.p2p.model.Allocation;
import energy.p2p.model.ClearingReport;
import energy.p2p.model.Rejection;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * Kafka serialization of the outputs: message values are the same JSON objects as the files (fixed field order,
 * {@link BidCodec}); keys are the feederId, so one feeder's records stay in order on one partition.
 */
public final class JsonLineSchemas {
  private JsonLineSchemas() {}

  public static final class AllocationJson implements SerializationSchema<Allocation> {
    @Override
    public byte[] serialize(Allocation a) {
      return BidCodec.toJson(a).getBytes(StandardCharsets.UTF_8);
    }
  }

  public static final class ReportJson implements SerializationSchema<ClearingReport> {
    @Override
    public byte[] serialize(ClearingReport r) {
      return BidCodec.toJson(r).getBytes(StandardCharsets.UTF_8);
    }
  }

  public static final class RejectionJson implements SerializationSchema<Rejection> {
    @Override
    public byte[] serialize(Rejection r) {
      return BidCodec.toJson(r).getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Key: the feederId (null for a rejection whose feeder could not be read). */
  public static final class FeederKey<T> implements SerializationSchema<T> {
    @Override
    public byte[] serialize(T record) {
      String feederId = record instanceof Allocation a ? a.feederId()
          : record instanceof ClearingReport r ? r.feederId()
          : record instanceof Rejection j ? j.feederId() : null;
      return feederId == null ? null : feederId.getBytes(StandardCharsets.UTF_8);
    }
  }

}
