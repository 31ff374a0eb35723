package energy.p2p.job.replay;

import energy.p2p.io.BidCodec;
import energy.p2p.job.BidSource;
import energy.p2p.job.FeederFiles;
import energy.p2p.job.IntegrityOptions;
import energy.p2p.job.JobOptions;
import energy.p2p.job.LineSource;
import energy.p2p.job.MarketJob;
import energy.p2p.job.MarketSinks;
import energy.p2p.model.Allocation;
import energy.p2p.model.ClearingReport;
import energy.p2p.model.Rejection;
import energy.p2p.settlement.MeterReadingJson;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A bounded replay: a bids file through {@link MarketJob} into allocations.jsonl,
 * clearing-reports.jsonl and rejected-bids.jsonl in {@code outDir}, each sorted by content so the
 * bytes are the same at any parallelism, in bounded memory (sorted runs spilled beside the outputs).
 * Figures accumulate in {@link ReplayTally#of(String)}.
 */
public final class ReplayRun {
  public static final String ALLOCATIONS = "allocations.jsonl";
  public static final String REPORTS = "clearing-reports.jsonl";
  public static final String REJECTIONS = "rejected-bids.jsonl";
  public static final String LEDGER = "ledger.jsonl";
  public static final String SETTLEMENTS = "settlements.jsonl";

  private final Path bids;
  private final FeederFiles feeders;
  private final Path outDir;
  private final JobOptions options;
  private final BidCodec codec;
  private final String runId;
  private final IntegrityOptions integrity;
  private final Path readings;
  private final long sortRunBytes;

  public ReplayRun(Path bids, FeederFiles feeders, Path outDir, JobOptions options, BidCodec codec, String runId) {
    this(bids, feeders, outDir, options, codec, runId, IntegrityOptions.defaults(), null);
  }

  /**
   * Also writes ledger.jsonl, and settlements.jsonl when {@code readings} (a meter-readings file,
   * JSON Lines) is given.
   */
  public ReplayRun(Path bids, FeederFiles feeders, Path outDir, JobOptions options, BidCodec codec, String runId,
      IntegrityOptions integrity, Path readings) {
    this(bids, feeders, outDir, options, codec, runId, integrity, readings, SortedJsonLinesSink.DEFAULT_RUN_BYTES);
  }

  private ReplayRun(Path bids, FeederFiles feeders, Path outDir, JobOptions options, BidCodec codec, String runId,
      IntegrityOptions integrity, Path readings, long sortRunBytes) {
    this.sortRunBytes = sortRunBytes;
    this.integrity = integrity;
    this.readings = readings;
    this.bids = bids;
    this.feeders = feeders;
    this.outDir = outDir;
    this.options = options;
    this.codec = codec;
    this.runId = runId;
  }

  /**
   * The same run with the outputs' sort buffers spilled to disk every {@code bytes} (about) per
   * output: memory per output stays near it whatever the length of the history.
   */
  public ReplayRun withSortRunBytes(long bytes) {
    return new ReplayRun(bids, feeders, outDir, options, codec, runId, integrity, readings, bytes);
  }

  public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
    String id = runId;
    FileLinesSource file = FileLinesSource.bids(bids, codec.maxRecordBytes(), id);
    BidSource counted = BidSource.of(e -> {
      var lines = file.create(e);
      return lines.map(new CountRead(id)).setParallelism(lines.getParallelism()).uid("count-read").name("count read");
    });
    long run = sortRunBytes;
    MarketSinks sinks = new MarketSinks(
        SortedJsonLinesSink.allocations(outDir.resolve(ALLOCATIONS), a -> tallyAllocation(id, a), run),
        SortedJsonLinesSink.reports(outDir.resolve(REPORTS), r -> tallyReport(id, r), run),
        SortedJsonLinesSink.rejections(outDir.resolve(REJECTIONS), r -> ReplayTally.of(id).rejected(r.reason()), run),
        1)
        .withIntegrity(SortedJsonLinesSink.lines(outDir.resolve(LEDGER), run),
            readings == null ? null : SortedJsonLinesSink.lines(outDir.resolve(SETTLEMENTS), run));
    LineSource readingLines = readings == null ? null : FileLinesSource.readings(readings,
        MeterReadingJson.MAX_RECORD_BYTES, id);
    ReplayPace.register(id); // before the job starts, so the readings reader never runs ahead unpaced
    try {
      return new MarketJob(counted, sinks, feeders, options, codec, integrity, readingLines)
          .execute(env, "p2p-energy-trading replay " + bids.getFileName());
    } finally {
      ReplayPace.release(id);
    }
  }

  private static void tallyAllocation(String id, Allocation a) {
    ReplayTally t = ReplayTally.of(id);
    t.allocations.incrementAndGet();
    t.matchedKwh.add(a.quantityKwh());
  }

  private static void tallyReport(String id, ClearingReport r) {
    ReplayTally t = ReplayTally.of(id);
    t.windows.incrementAndGet();
    t.bidsCleared.addAndGet(r.bids());
    if (Double.isFinite(r.socialWelfare())) {
      t.socialWelfare.add(r.socialWelfare());
    }
    if (Double.isFinite(r.curtailedKwh())) {
      t.curtailedKwh.add(r.curtailedKwh());
    }
  }

  /** Counts records read (progress), passing them on unchanged. */
  static final class CountRead extends RichMapFunction<String, String> {
    private final String runId;
    private transient AtomicLong read;

    CountRead(String runId) {
      this.runId = runId;
    }

    @Override
    public void open(OpenContext ctx) {
      read = ReplayTally.of(runId).recordsRead;
    }

    @Override
    public String map(String line) {
      read.incrementAndGet();
      return line;
    }
  }
}
