package energy.p2p.cli;

import energy.p2p.clearing.ClearingConfig;
import energy.p2p.clearing.rules.MarketRules;
import energy.p2p.clearing.rules.RulesFile;
import energy.p2p.ingest.ValidationConfig;
import energy.p2p.job.JobOptions;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Market options shared by {@code replay} and {@code run} (a picocli mixin). */
final class JobArgs {
  @Option(names = "--frame-minutes", defaultValue = "15", description = "Delivery frame length (default ${DEFAULT-VALUE}).")
  int frameMinutes;

  @Option(names = "--gate-lead-minutes", defaultValue = "5",
      description = "Gate closure is frameStart minus this (default ${DEFAULT-VALUE}).")
  int gateLeadMinutes;

  static final long DEFAULT_OUT_OF_ORDERNESS_SECONDS = 120;

  @Option(names = "--out-of-orderness-seconds", defaultValue = "" + DEFAULT_OUT_OF_ORDERNESS_SECONDS,
      description = "Submitted-at time (replay, run --event-time submitted-at): how far behind the newest "
          + "submittedAt a bid may arrive (default ${DEFAULT-VALUE}).")
  long outOfOrdernessSeconds;

  @Option(names = "--seed", defaultValue = "0", description = "Clearing seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--max-bids-per-window", defaultValue = "5000",
      description = "Bids accepted per (feeder, frame); more are rejected CAPACITY (default ${DEFAULT-VALUE}).")
  int maxBidsPerWindow;

  @Option(names = "--max-event-time-jump-hours", defaultValue = "24",
      description = "A bid submitted further ahead of the newest submittedAt seen is BAD_TIMESTAMP (default ${DEFAULT-VALUE}).")
  long maxEventTimeJumpHours;

  @Option(names = "--record-timings",
      description = "Write wall-clock solveMillis into reports (outputs are then not byte-identical).")
  boolean recordTimings;

  @Option(names = "--rules", paramLabel = "FILE",
      description = "Market rules file (JSON: grid fee, class shares, compromise rule, search budget;"
          + " per-feeder overrides); reports then say which rules were in force. See docs/formats.md.")
  Path rules;

  JobOptions toOptions(Duration idleTimeout) {
    if (maxEventTimeJumpHours < 1) {
      throw new IllegalArgumentException("--max-event-time-jump-hours must be >= 1");
    }
    if (outOfOrdernessSeconds < 0) {
      throw new IllegalArgumentException("--out-of-orderness-seconds must be >= 0");
    }
    ValidationConfig v = ValidationConfig.defaults().withFrameMinutes(frameMinutes)
        .withGateLeadMinutes(gateLeadMinutes).withMaxBidsPerWindow(maxBidsPerWindow);
    ClearingConfig c = ClearingConfig.defaults().withSeed(seed).withFrameMinutes(frameMinutes)
        .withMaxBidsPerWindow(Math.max(maxBidsPerWindow, 2)).withRecordSolveMillis(recordTimings);
    MarketRules marketRules = rules == null ? MarketRules.none() : RulesFile.read(rules);
    return new JobOptions(v, c, Duration.ofSeconds(outOfOrdernessSeconds), idleTimeout,
        Duration.ofHours(maxEventTimeJumpHours), recordTimings).withRules(marketRules);
  }
}
