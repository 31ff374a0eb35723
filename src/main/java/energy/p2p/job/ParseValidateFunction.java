package energy.p2p.job;

import energy.p2p.ingest.BidValidator;
import energy.p2p.io.BidCodec;
import energy.p2p.io.ParsedBid;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Rejection;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Raw record → {@link ReceivedBid}, or a rejection (side output {@link OutputTags#REJECTIONS}) from
 * reading ({@link BidCodec}) or one-bid validation ({@link BidValidator}). CSV header lines and
 * blank lines are not records and are skipped. Stateless.
 */
public final class ParseValidateFunction extends ProcessFunction<String, ReceivedBid> {
  private final BidCodec codec;
  private final FeederFiles feederFiles;
  private final JobOptions options;
  private transient BidValidator validator;
  private transient Counter received;
  private transient Counter valid;
  private transient BidMetrics rejections;

  public ParseValidateFunction(BidCodec codec, FeederFiles feederFiles, JobOptions options) {
    this.codec = codec;
    this.feederFiles = feederFiles;
    this.options = options;
  }

  @Override
  public void open(OpenContext ctx) {
    validator = new BidValidator(feederFiles.feeders(), options.validation());
    received = getRuntimeContext().getMetricGroup().counter("bidsReceived");
    valid = getRuntimeContext().getMetricGroup().counter("bidsValid");
    rejections = new BidMetrics(getRuntimeContext().getMetricGroup(), ReasonCode.values());
  }

  @Override
  public void processElement(String line, Context ctx, Collector<ReceivedBid> out) {
    if (BidCodec.isBlank(line) || BidCodec.isCsvHeader(line)) {
      return;
    }
    received.inc();
    ParsedBid parsed = codec.parse(line);
    if (!parsed.isBid()) {
      reject(parsed.rejection(), ctx);
      return;
    }
    Optional<Rejection> invalid = validator.validate(parsed.bid(), line);
    if (invalid.isPresent()) {
      reject(invalid.get(), ctx);
      return;
    }
    valid.inc();
    out.collect(new ReceivedBid(parsed.bid(), line));
  }

  private void reject(Rejection r, Context ctx) {
    rejections.reject(r.reason());
    ctx.output(OutputTags.REJECTIONS, r);
  }
}
