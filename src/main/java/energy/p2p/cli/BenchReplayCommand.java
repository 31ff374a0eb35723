package energy.p2p.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import energy.p2p.io.BidCodec;
import energy.p2p.job.FeederFiles;
import energy.p2p.job.JobOptions;
import energy.p2p.job.replay.ReplayRun;
import energy.p2p.job.replay.ReplayTally;
import energy.p2p.synth.DayConfig;
import energy.p2p.synth.SampleDayGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench-replay}: the throughput benchmark. Generates the utility day (100 feeders × 200
 * prosumers × 96 frames ≈ 1.9 M bids) into a temporary folder, replays it with timings recorded,
 * and reports wall time, bids/s and per-window clearing time percentiles (docs/benchmarks.md).
 */
@Command(name = "bench-replay", mixinStandardHelpOptions = true,
    description = {"Throughput benchmark: generate the utility day (100 feeders x 200 prosumers x 96 frames,",
        "about 1.9 M bids), replay it on the embedded MiniCluster, report bids/s and clearing-time percentiles."})
public final class BenchReplayCommand implements Callable<Integer> {
  @Option(names = "--dir", description = "Work folder (default: a temporary one, deleted afterwards).")
  Path dir;

  @Option(names = "--template", defaultValue = "sample-data/feeders/ieee33",
      description = "Template feeder DIR/ID copied 100 times (default ${DEFAULT-VALUE}).")
  Path template;

  @Option(names = "--parallelism", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
  int parallelism;

  @Option(names = "--feeders", defaultValue = "100", description = "Default: ${DEFAULT-VALUE}.")
  int feeders;

  @Option(names = "--prosumers", defaultValue = "200", description = "Per feeder. Default: ${DEFAULT-VALUE}.")
  int prosumers;

  @Option(names = "--frames", defaultValue = "96", description = "Default: ${DEFAULT-VALUE}.")
  int frames;

  @Override
  public Integer call() throws Exception {
    boolean temporary = dir == null;
    Path work = temporary ? Files.createTempDirectory("p2p-bench") : Files.createDirectories(dir);
    try {
      DayConfig u = DayConfig.utilityDay();
      DayConfig c = new DayConfig(feeders, prosumers, 0, frames, u.activity(), u.badEvery(), u.day(), u.seed());
      long g0 = System.nanoTime();
      new SampleDayGenerator(c).write(template.toAbsolutePath().getParent(), template.getFileName().toString(),
          work.resolve("feeders"),
          work.resolve("bids.jsonl"));
      double generateS = (System.nanoTime() - g0) / 1e9;
      Path out = Files.createDirectories(work.resolve("out"));
      JobOptions options = JobOptions.defaults().withRecordTimings(true);
      String runId = "bench-" + System.nanoTime();
      ReplayTally tally = ReplayTally.of(runId);
      long t0 = System.nanoTime();
      try (ProgressPrinter progress = new ProgressPrinter(tally, ReplayCommand.countLines(work.resolve("bids.jsonl")),
          new java.io.PrintWriter(System.err, true))) {
        new ReplayRun(work.resolve("bids.jsonl"), FeederFiles.read(work.resolve("feeders")), out, options,
            new BidCodec(options.validation().maxRecordBytes()), runId)
            .execute(StreamExecutionEnvironment.createLocalEnvironment(parallelism, new Configuration()));
        progress.finish();
      } finally {
        ReplayTally.release(runId);
      }
      double replayS = (System.nanoTime() - t0) / 1e9;
      long received = tally.bidsCleared.get() + tally.rejectedTotal();
      List<long[]> timings = solveMillis(out.resolve(ReplayRun.REPORTS));
      System.out.println(String.format(Locale.ROOT,
          "{\"bids\":%d,\"generateSeconds\":%.1f,\"replaySeconds\":%.1f,\"bidsPerSecond\":%.0f,\"windows\":%d,"
              + "\"clearingMillisAll\":%s,\"clearingMillisTwoSided\":%s}",
          received, generateS, replayS, received / replayS, timings.size(), percentiles(timings, false),
          percentiles(timings, true)));
    } finally {
      if (temporary) {
        delete(work);
      }
    }
    return 0;
  }

  /** [solveMillis, 1 if the window had buyers and sellers] per report. */
  private static List<long[]> solveMillis(Path reports) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<long[]> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(reports)) {
      for (String line; (line = r.readLine()) != null; ) {
        JsonNode n = json.readTree(line);
        boolean twoSided = n.get("buyers").asInt() > 0 && n.get("sellers").asInt() > 0;
        out.add(new long[] {n.get("solveMillis").asLong(), twoSided ? 1 : 0});
      }
    }
    return out;
  }

  private static String percentiles(List<long[]> timings, boolean twoSidedOnly) {
    long[] ms = timings.stream().filter(t -> !twoSidedOnly || t[1] == 1).mapToLong(t -> t[0]).sorted().toArray();
    if (ms.length == 0) {
      return "null";
    }
    return String.format(Locale.ROOT, "{\"n\":%d,\"p50\":%d,\"p90\":%d,\"p99\":%d,\"max\":%d,\"sum\":%d}", ms.length,
        ms[ms.length / 2], ms[(int) (ms.length * 0.9)], ms[(int) (ms.length * 0.99)], ms[ms.length - 1],
        java.util.Arrays.stream(ms).sum());
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

}
