package energy.p2p.cli;

import energy.p2p.clearing.ClearingConfig;
import energy.p2p.clearing.ClearingResult;
import energy.p2p.clearing.MarketClearing;
import energy.p2p.clearing.rules.MarketRules;
import energy.p2p.clearing.rules.RulesFile;
import energy.p2p.feasibility.FeasibilityCheck;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.grid.limits.FeederGrid;
import energy.p2p.ingest.BidValidator;
import energy.p2p.ingest.ValidationConfig;
import energy.p2p.io.BidCodec;
import energy.p2p.io.FeederReader;
import energy.p2p.model.Allocation;
import energy.p2p.model.Bid;
import energy.p2p.model.ReasonCode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clear}: clears every (feeder, frame) window of a bid file offline, without Flink — the
 * same validation, clearing and AC feasibility check as the streaming job, so for the same valid
 * bids it writes the same allocations. Output is byte-identical run after run.
 */
@Command(name = "clear", mixinStandardHelpOptions = true,
    description = "Clear every (feeder, frame) window of a bid file offline: validate, clear with "
        + "NSGA-II, check with the AC load flow, write allocations (and reports) as JSON Lines.")
public final class ClearCommand implements Callable<Integer> {
  @Option(names = "--bids", required = true, description = "Bids file (JSON Lines or CSV with a header).")
  Path bids;

  @Option(names = "--feeders", required = true, description = "Folder of feeder files (ID.json, ID.branches.csv, ID.loads.csv).")
  Path feeders;

  @Option(names = "--out", required = true, description = "Allocations file to write (JSON Lines).")
  Path out;

  @Option(names = "--reports", description = "Clearing reports file to write (JSON Lines, one per window).")
  Path reports;

  @Option(names = "--seed", defaultValue = "0", description = "Clearing seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--frame-minutes", defaultValue = "15", description = "Delivery frame length (default ${DEFAULT-VALUE}).")
  int frameMinutes;

  @Option(names = "--gate-lead-minutes", defaultValue = "5",
      description = "Gate closure is frameStart minus this (default ${DEFAULT-VALUE}).")
  int gateLeadMinutes;

  @Option(names = "--max-bids-per-window", defaultValue = "5000",
      description = "Bids accepted per (feeder, frame); more are skipped as CAPACITY (default ${DEFAULT-VALUE}).")
  int maxBidsPerWindow;

  @Option(names = "--rules", paramLabel = "FILE",
      description = "Market rules file (JSON: grid fee, class shares, compromise rule, search budget;"
          + " per-feeder overrides); reports then say which rules were in force. See docs/formats.md.")
  Path rules;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Map<String, RadialFeeder> grid = FeederReader.readAll(feeders);
    if (grid.isEmpty()) {
      throw new IllegalArgumentException("no feeder files (ID.json) in " + feeders);
    }
    ValidationConfig validation = ValidationConfig.defaults().withFrameMinutes(frameMinutes)
        .withGateLeadMinutes(gateLeadMinutes).withMaxBidsPerWindow(maxBidsPerWindow);
    ClearingConfig config = ClearingConfig.defaults().withSeed(seed).withFrameMinutes(frameMinutes)
        .withMaxBidsPerWindow(Math.max(maxBidsPerWindow, 2));
    MarketRules marketRules = rules == null ? MarketRules.none() : RulesFile.read(rules);
    marketRules.requireFeeders(grid.keySet(), feeders.toString());
    BidFileWindows file = BidFileWindows.read(bids, new BidValidator(grid, validation), validation,
        List.copyOf(grid.keySet()));
    PrintWriter err = spec.commandLine().getErr();
    if (!marketRules.isNone()) {
      err.println("rules " + rules + ": " + marketRules.hash());
    }
    Map<ReasonCode, Integer> byReason = new EnumMap<>(ReasonCode.class);
    for (BidFileWindows.Skipped s : file.skipped) {
      byReason.merge(s.rejection().reason(), 1, Integer::sum);
      err.println("skipped line " + s.line() + ": " + s.rejection().reason() + " "
          + (s.rejection().bidId() == null ? "" : "(bid " + s.rejection().bidId() + ") ")
          + s.rejection().detail());
    }
    long allocations = clearAll(file, grid, config, marketRules);
    err.println("clear: " + file.records + " bids read, " + (file.records - file.skipped.size())
        + " cleared in " + file.windows.size() + " windows, " + file.skipped.size() + " skipped "
        + byReason + ", " + allocations + " allocations written to " + out);
    err.flush();
    return 0;
  }

  private long clearAll(BidFileWindows file, Map<String, RadialFeeder> grid,
      ClearingConfig config, MarketRules marketRules) throws IOException {
    Map<String, MarketClearing> clearings = new HashMap<>();
    Map<String, FeasibilityCheck> checks = new HashMap<>();
    long written = 0;
    try (Writer allocationOut = writer(out); Writer reportOut = reports == null ? null : writer(reports)) {
      for (Map.Entry<BidFileWindows.Window, List<Bid>> w : file.windows.entrySet()) {
        String feederId = w.getKey().feederId();
        RadialFeeder feeder = grid.get(feederId);
        ClearingConfig own = marketRules.clearingFor(config, feederId);
        // one thread: the clearing and the check share one set of grid helpers per feeder
        MarketClearing clearing = clearings.computeIfAbsent(feederId,
            id -> new MarketClearing(FeederGrid.of(feeder, own.frameHours()), own));
        FeasibilityCheck check =
            checks.computeIfAbsent(feederId, id -> new FeasibilityCheck(clearing.grid()));
        ClearingResult result = check.check(
            clearing.clear(w.getKey().frameStartMs(), w.getValue()), w.getValue());
        for (Allocation a : result.allocations()) {
          allocationOut.write(BidCodec.toJson(a));
          allocationOut.write('\n');
          written++;
        }
        if (reportOut != null) {
          reportOut.write(BidCodec.toJson(result.report()));
          reportOut.write('\n');
        }
      }
    }
    return written;
  }

  private static BufferedWriter writer(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }
}
