package energy.p2p.cli;

import energy.p2p.io.BidCodec;
import energy.p2p.io.LineReader;
import energy.p2p.io.UnreadableRecord;
import energy.p2p.job.FeederFiles;
import energy.p2p.job.IntegrityOptions;
import energy.p2p.job.JobOptions;
import energy.p2p.job.replay.ReplayRun;
import energy.p2p.job.replay.ReplayTally;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code replay}: a bids file through the streaming job on an embedded MiniCluster. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Replay a bids file (JSON Lines or CSV) through the streaming job on an embedded Flink",
        "MiniCluster; writes allocations.jsonl, clearing-reports.jsonl, rejected-bids.jsonl and ledger.jsonl",
        "(and settlements.jsonl with --meter-readings) to --out,",
        "byte-identical run after run at any parallelism. Progress and a summary go to stderr,",
        "the summary also as one JSON object to stdout."})
public final class ReplayCommand implements Callable<Integer> {
  @Option(names = "--bids", required = true, description = "Bids file (JSON Lines or CSV with a header).")
  Path bids;

  @Option(names = "--feeders", required = true, description = "Folder of feeder files (ID.json, ID.branches.csv, ID.loads.csv).")
  Path feeders;

  @Option(names = "--out", required = true, description = "Output folder (created if missing).")
  Path out;

  @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--web-ui", description = "Serve the Flink dashboard on http://localhost:8081 while running.")
  boolean webUi;

  @Option(names = "--require-signatures", negatable = true, defaultValue = "false", fallbackValue = "true",
      description = "Reject bids not signed by their registered participant (needs --participants). "
          + "Off by default for replays of unsigned history.")
  boolean requireSignatures;

  @Option(names = "--meter-readings", description = "Meter readings (JSON Lines): also settle the trades "
      + "into settlements.jsonl.")
  Path meterReadings;

  @Option(names = "--sort-run-mib", defaultValue = "16", description = "Memory per output file for sorting "
      + "before a sorted run spills to a hidden folder beside it, MiB; bounds replay memory whatever the length "
      + "of the history (default ${DEFAULT-VALUE}).")
  int sortRunMib;

  @Mixin
  JobArgs jobArgs = new JobArgs();

  @Mixin
  IntegrityArgs integrityArgs = new IntegrityArgs();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(bids)) {
      throw new IllegalArgumentException("bids file not found: " + bids);
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("--parallelism must be >= 1");
    }
    if (sortRunMib < 1) {
      throw new IllegalArgumentException("--sort-run-mib must be >= 1");
    }
    if (meterReadings != null && !Files.isRegularFile(meterReadings)) {
      throw new IllegalArgumentException("meter readings file not found: " + meterReadings);
    }
    IntegrityOptions integrity = integrityArgs.toOptions(requireSignatures);
    FeederFiles feederFiles = FeederFiles.read(feeders);
    Files.createDirectories(out);
    JobOptions options = jobArgs.toOptions(Duration.ZERO); // no idleness: replays are deterministic
    options.rules().requireFeeders(feederFiles.feeders().keySet(), feeders.toString());
    BidCodec codec = codecFor(bids, options.validation().maxRecordBytes());
    long totalLines = countLines(bids);
    String runId = "replay-" + UUID.randomUUID();
    ReplayTally tally = ReplayTally.of(runId);
    long t0 = System.nanoTime();
    try (ProgressPrinter progress = new ProgressPrinter(tally, totalLines, spec.commandLine().getErr())) {
      new ReplayRun(bids, feederFiles, out, options, codec, runId, integrity, meterReadings)
          .withSortRunBytes((long) sortRunMib << 20).execute(ReplayEnvironment.create(parallelism, webUi));
      progress.finish();
    } finally {
      ReplayTally.release(runId);
    }
    ReplaySummary.print(tally, (System.nanoTime() - t0) / 1e9, out, spec.commandLine().getOut(),
        spec.commandLine().getErr());
    return 0;
  }

  /**
   * A codec reading CSV in the column order of the file's header, when its first line is one (a
   * non-JSON line naming a {@code bidId} column); a header with an unknown column is an error.
   */
  static BidCodec codecFor(Path file, int maxRecordBytes) throws IOException {
    BidCodec codec = new BidCodec(maxRecordBytes);
    try (LineReader r = new LineReader(Files.newInputStream(file), file.getFileName().toString(), maxRecordBytes)) {
      String first = r.next();
      if (first == null || first.trim().startsWith("{") || UnreadableRecord.of(first) != null) {
        return codec;
      }
      List<String> fields = List.of(first.replace("\uFEFF", "").replace("\"", "").split(","));
      return fields.stream().anyMatch(f -> f.trim().equals("bidId")) ? codec.withCsvHeader(first) : codec;
    }
  }

  static long countLines(Path file) throws IOException {
    long lines = 0;
    byte[] buf = new byte[1 << 16];
    boolean endsWithNewline = true;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            lines++;
          }
        }
        endsWithNewline = buf[n - 1] == '\n';
      }
    }
    return endsWithNewline ? lines : lines + 1;
  }
}
