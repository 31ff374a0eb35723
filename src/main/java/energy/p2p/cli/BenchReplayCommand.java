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
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench-replay}: the throughput and memory benchmark. Generates the utility day (100 feeders
 * × 200 prosumers × 96 frames ≈ 1.9 M bids; {@code --days N} for a longer history) into a
 * temporary folder, or takes a given bids file, replays it with timings recorded, and reports wall
 * time, records/s, peak heap ({@link HeapWatch}) and per-window clearing time percentiles
 * (docs/benchmarks.md).
 */
@Command(name = "bench-replay", mixinStandardHelpOptions = true,
    description = {"Throughput and memory benchmark: generate the utility day (100 feeders x 200 prosumers x 96",
        "frames, about 1.9 M bids; --days N for N days) or take --bids/--feeders-dir, replay it on the embedded",
        "MiniCluster, report records/s, peak heap and clearing-time percentiles as one JSON line.",
        "Run it with the heap you want to measure, e.g. java -Xmx512m -jar ... bench-replay."})
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

  @Option(names = "--frames", defaultValue = "96", description = "Per day. Default: ${DEFAULT-VALUE}.")
  int frames;

  @Option(names = "--days", defaultValue = "1", description = "Consecutive days of 96 frames (then --frames "
      + "is ignored). Default: ${DEFAULT-VALUE}.")
  int days;

  @Option(names = "--bids", description = "Replay this bids file instead of generating one (with --feeders-dir).")
  Path bids;

  @Option(names = "--feeders-dir", description = "The feeder folder of --bids.")
  Path feedersDir;

  @Option(names = "--sort-run-mib", defaultValue = "16", description = "Output sort buffer per output file before "
      + "it spills a sorted run to disk, MiB (default ${DEFAULT-VALUE}).")
  int sortRunMib;

  @Override
  public Integer call() throws Exception {
    if ((bids == null) != (feedersDir == null)) {
      throw new IllegalArgumentException("--bids and --feeders-dir go together");
    }
    boolean temporary = dir == null;
    Path work = temporary ? Files.createTempDirectory("p2p-bench") : Files.createDirectories(dir);
    try {
      double generateS = 0;
      Path bidsFile = bids;
      Path feederDir = feedersDir;
      if (bids == null) {
        long g0 = System.nanoTime();
        bidsFile = work.resolve("bids.jsonl");
        feederDir = work.resolve("feeders");
        new SampleDayGenerator(dayConfig()).write(template.toAbsolutePath().getParent(),
            template.getFileName().toString(), feederDir, bidsFile);
        generateS = (System.nanoTime() - g0) / 1e9;
      }
      Path out = Files.createDirectories(work.resolve("out"));
      System.out.println(replay(bidsFile, feederDir, out, generateS));
    } finally {
      if (temporary) {
        delete(work);
      }
    }
    return 0;
  }

  private DayConfig dayConfig() {
    DayConfig u = DayConfig.utilityDay();
    DayConfig c = new DayConfig(feeders, prosumers, 0, frames, u.activity(), u.badEvery(), u.day(), u.seed());
    return days == 1 ? c : c.withDays(days);
  }

  /** Replays with timings and heap watched; the benchmark's JSON line. */
  private String replay(Path bidsFile, Path feederDir, Path out, double generateS) throws Exception {
    JobOptions options = JobOptions.defaults().withRecordTimings(true);
    String runId = "bench-" + System.nanoTime();
    ReplayTally tally = ReplayTally.of(runId);
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    System.gc(); // the generator's garbage is not the replay's
    long t0 = System.nanoTime();
    String heap;
    try (HeapWatch watch = new HeapWatch();
        ProgressPrinter progress = new ProgressPrinter(tally, ReplayCommand.countLines(bidsFile),
            new java.io.PrintWriter(System.err, true))) {
      new ReplayRun(bidsFile, FeederFiles.read(feederDir), out, options,
          new BidCodec(options.validation().maxRecordBytes()), runId)
          .withSortRunBytes((long) sortRunMib << 20)
          .execute(ReplayEnvironment.create(parallelism, false));
      progress.finish();
      heap = watch.json();
    } finally {
      ReplayTally.release(runId);
    }
    double replayS = (System.nanoTime() - t0) / 1e9;
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    long received = tally.bidsCleared.get() + tally.rejectedTotal();
    Timings timings = Timings.of(out.resolve(ReplayRun.REPORTS));
    return String.format(Locale.ROOT,
        "{\"bids\":%d,\"generateSeconds\":%.1f,\"replaySeconds\":%.1f,\"bidsPerSecond\":%.0f,\"windows\":%d,%s,"
            + "\"loadAverage\":[%.2f,%.2f],\"clearingMillisAll\":%s,\"clearingMillisTwoSided\":%s}",
        received, generateS, replayS, received / replayS, timings.windows, heap, loadBefore, loadAfter,
        percentiles(timings.all), percentiles(timings.twoSided));
  }

  /** solveMillis counts per value (bounded by the distinct values, not by the number of windows). */
  private record Timings(long windows, TreeMap<Long, Long> all, TreeMap<Long, Long> twoSided) {
    static Timings of(Path reports) throws IOException {
      ObjectMapper json = new ObjectMapper();
      TreeMap<Long, Long> all = new TreeMap<>();
      TreeMap<Long, Long> twoSided = new TreeMap<>();
      long windows = 0;
      try (BufferedReader r = Files.newBufferedReader(reports)) {
        for (String line; (line = r.readLine()) != null; windows++) {
          JsonNode n = json.readTree(line);
          long ms = n.get("solveMillis").asLong();
          all.merge(ms, 1L, Long::sum);
          if (n.get("buyers").asInt() > 0 && n.get("sellers").asInt() > 0) {
            twoSided.merge(ms, 1L, Long::sum);
          }
        }
      }
      return new Timings(windows, all, twoSided);
    }
  }

  private static String percentiles(TreeMap<Long, Long> counts) {
    long n = counts.values().stream().mapToLong(Long::longValue).sum();
    if (n == 0) {
      return "null";
    }
    long sum = counts.entrySet().stream().mapToLong(e -> e.getKey() * e.getValue()).sum();
    return String.format(Locale.ROOT, "{\"n\":%d,\"p50\":%d,\"p90\":%d,\"p99\":%d,\"max\":%d,\"sum\":%d}", n,
        at(counts, n / 2), at(counts, (long) (n * 0.9)), at(counts, (long) (n * 0.99)), counts.lastKey(), sum);
  }

  /** The value at 0-based rank {@code rank} of the sorted values. */
  private static long at(TreeMap<Long, Long> counts, long rank) {
    long seen = 0;
    for (Map.Entry<Long, Long> e : counts.entrySet()) {
      seen += e.getValue();
      if (seen > rank) {
        return e.getKey();
      }
    }
    return counts.lastKey();
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
