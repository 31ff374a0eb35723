package energy.p2p.cli;

import energy.p2p.io.FeederReader;
import energy.p2p.report.HtmlReport;
import energy.p2p.report.ReplayOutputs;
import energy.p2p.report.ReplayReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code report}: one self-contained HTML file with charts from a replay's output folder. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes one self-contained HTML report (charts embedded, opens offline) from a replay's",
      "--out folder: matched energy, welfare split, voltage band and profile, Pareto front,",
      "day view of the trade-offs (welfare given up for household fill, losses, headroom),",
      "rejections, fill rates, curtailments (docs/formats.md).",
      "Example: report --in out/replay --feeders sample-data/feeders"
          + " --bids sample-data/bids-2026-11-24.jsonl --out out/report.html"
    })
public final class ReportCommand implements Callable<Integer> {

  @Option(names = "--in", required = true, paramLabel = "OUT_DIR",
      description = "The replay's output folder (allocations.jsonl, clearing-reports.jsonl,"
          + " rejected-bids.jsonl).")
  Path in;

  @Option(names = "--feeders", required = true, paramLabel = "DIR",
      description = "The feeder folder the replay ran on (ID.json + CSVs, or MATPOWER ID.m).")
  Path feeders;

  @Option(names = "--out", required = true, paramLabel = "REPORT.html",
      description = "HTML file to write.")
  Path out;

  @Option(names = "--bids", paramLabel = "FILE",
      description = {"The replay's bids file: gives the bus of each traded bid, so the voltage",
          "profile includes the frame's trades (without it: base case only)."})
  Path bids;

  @Option(names = "--window", paramLabel = "FEEDER@FRAME_START",
      description = {"Window whose Pareto front to draw, e.g. feeder-a@2026-11-24T12:00:00Z;",
          "repeat it to draw several (default: the largest front)."})
  java.util.List<String> windows;

  @Option(names = "--frame-minutes", defaultValue = "15",
      description = "Delivery frame length the replay used (default ${DEFAULT-VALUE}).")
  int frameMinutes;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    System.setProperty("java.awt.headless", "true");
    if (frameMinutes <= 0) {
      throw new IllegalArgumentException("--frame-minutes must be positive, got " + frameMinutes);
    }
    ReplayOutputs outputs = ReplayOutputs.read(in);
    ReplayReport report = new ReplayReport(outputs, FeederReader.readAll(feeders), bids,
        frameMinutes, windows);
    HtmlReport.write(report.sections(), "Replay report — " + in, out);
    spec.commandLine().getOut().println("wrote " + out + ": " + outputs.windows.size()
        + " windows, " + outputs.trades.size() + " allocations, "
        + outputs.rejectionsByReason.values().stream().mapToInt(Integer::intValue).sum()
        + " rejections");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
