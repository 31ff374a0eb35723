package energy.p2p.cli;

import energy.p2p.io.BidCodec;
import energy.p2p.io.ParsedBid;
import energy.p2p.model.Bid;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench-live}: the live market's latency, measured end to end against a running {@code run}
 * job (deploy/local-cluster/bench-live.sh starts the broker and the job). For each of
 * {@code --frames} upcoming frames it streams one bid per prosumer of the template bids (re-timed
 * to that frame, spread over the minute before its gate closure, keyed by feeder) and then sends
 * nothing; a read_committed consumer notes when each window's report and allocations become
 * visible. Prints p50 / p99 / max of (visible − gate closure) over every (feeder, frame).
 */
@Command(name = "bench-live", mixinStandardHelpOptions = true,
    description = {"Latency benchmark of the live market against a running 'run' job: stream bids for the next",
        "--frames frames (after --warmup-frames), measure when each window's report and allocations are visible to a read_committed",
        "consumer after its gate closure; print p50 / p99 / max (deploy/local-cluster/bench-live.sh runs it all)."})
public final class BenchLiveCommand implements Callable<Integer> {
  @Option(names = "--bootstrap-servers", required = true, description = "Kafka HOST:PORT.")
  String bootstrapServers;

  @Option(names = "--template-bids", required = true,
      description = "Bids (JSON Lines) of one frame, e.g. generate-day --preset utility-day --first-frame 48 --frames 1: "
          + "every frame streams them again, re-timed.")
  Path templateBids;

  @Option(names = "--feeders", description = "The job's feeder folder: only bids on these feeders are streamed, and "
      + "every one of them must report each frame (default: the feeders of the template's bids).")
  Path feeders;

  @Option(names = "--frames", defaultValue = "8", description = "Frames to measure. Default: ${DEFAULT-VALUE}.")
  int frames;

  @Option(names = "--warmup-frames", defaultValue = "1", description = "Frames streamed first and shown in "
      + "byGateClosure, but not in the percentiles: the first gate after a job start also pays for JIT compilation "
      + "and the sinks' first transactions. Default: ${DEFAULT-VALUE}.")
  int warmupFrames;

  @Option(names = "--frame-minutes", defaultValue = "1", description = "As the job's. Default: ${DEFAULT-VALUE}.")
  int frameMinutes;

  @Option(names = "--gate-lead-minutes", defaultValue = "1", description = "As the job's. Default: ${DEFAULT-VALUE}.")
  int gateLeadMinutes;

  @Option(names = "--bids-topic", defaultValue = "bids", description = "Default: ${DEFAULT-VALUE}.")
  String bidsTopic;

  @Option(names = "--reports-topic", defaultValue = "clearing-reports", description = "Default: ${DEFAULT-VALUE}.")
  String reportsTopic;

  @Option(names = "--allocations-topic", defaultValue = "allocations", description = "Default: ${DEFAULT-VALUE}.")
  String allocationsTopic;

  @Option(names = "--wait-seconds", defaultValue = "30",
      description = "How long after the last gate closure to wait for late windows. Default: ${DEFAULT-VALUE}.")
  int waitSeconds;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (frames < 1 || frameMinutes < 1 || gateLeadMinutes < 0 || warmupFrames < 0) {
      throw new IllegalArgumentException(
          "--frames and --frame-minutes must be >= 1, --gate-lead-minutes and --warmup-frames >= 0");
    }
    List<Bid> template = readTemplate(templateBids);
    if (feeders != null) {
      var known = energy.p2p.io.FeederReader.readAll(feeders).keySet();
      template = template.stream().filter(b -> known.contains(b.feederId())).toList();
    }
    long feederCount = feeders != null ? energy.p2p.io.FeederReader.readAll(feeders).size()
        : template.stream().map(Bid::feederId).distinct().count();
    PrintWriter err = spec.commandLine().getErr();
    long frameMs = frameMinutes * 60_000L;
    long leadMs = gateLeadMinutes * 60_000L;
    // the first frame whose submission minute has not started yet
    long first = (System.currentTimeMillis() + leadMs + frameMs) / frameMs * frameMs + frameMs;
    List<Long> frameStarts = new ArrayList<>();
    for (int k = 0; k < warmupFrames + frames; k++) {
      frameStarts.add(first + k * frameMs);
    }
    try (LiveLatency watcher = LiveLatency.start(bootstrapServers, reportsTopic, allocationsTopic, frameStarts,
        warmupFrames, leadMs);
        LiveBidStream stream = new LiveBidStream(bootstrapServers, bidsTopic, template)) {
      err.printf("bench-live: %d bids per frame on %d feeders, frames %s .. %s (gate closure %d min before each; "
          + "the first %d warm-up)%n", template.size(), feederCount, Instant.ofEpochMilli(first),
          Instant.ofEpochMilli(frameStarts.get(frameStarts.size() - 1)), gateLeadMinutes, warmupFrames);
      err.flush();
      for (long frame : frameStarts) {
        long gate = frame - leadMs;
        stream.streamFrame(frame, Math.max(System.currentTimeMillis(), gate - 55_000L), gate - 2_000L);
        err.printf("bench-live: frame %s streamed, gate closes %s%n", Instant.ofEpochMilli(frame), Instant.ofEpochMilli(gate));
        err.flush();
      }
      long lastGate = frameStarts.get(frameStarts.size() - 1) - leadMs;
      LiveLatency.Result r = watcher.awaitAll(feederCount, lastGate + waitSeconds * 1000L);
      spec.commandLine().getOut().println(r.summary());
      spec.commandLine().getOut().flush();
      return r.missing() == 0 ? 0 : 3;
    }
  }

  static List<Bid> readTemplate(Path file) throws Exception {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("template bids file not found: " + file);
    }
    BidCodec codec = new BidCodec(4096);
    List<Bid> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      ParsedBid p = codec.parse(line);
      if (p.isBid()) {
        out.add(p.bid());
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no valid bid in " + file);
    }
    return out;
  }
}
