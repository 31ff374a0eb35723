package energy.p2p.cli;

import energy.p2p.synth.DayConfig;
import energy.p2p.synth.IntegrityDay;
import energy.p2p.synth.SampleDayGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code generate-day}: a seeded day of bids on copies of one feeder. */
@Command(name = "generate-day", mixinStandardHelpOptions = true,
    description = {"Generate a seeded day of bids (PV, households, EVs, small businesses, and a sprinkling",
        "of every kind of bad bid) on copies of one feeder topology. Writes the feeder copies to",
        "--feeders-out and the bids (JSON Lines, in arrival order) to --bids-out."})
public final class GenerateDayCommand implements Callable<Integer> {
  @Option(names = "--template", defaultValue = "sample-data/feeders/ieee33",
      description = "Template feeder DIR/ID (default ${DEFAULT-VALUE}).")
  Path template;

  @Option(names = "--feeders-out", required = true, description = "Folder for the feeder copies.")
  Path feedersOut;

  @Option(names = "--bids-out", required = true, description = "Bids file to write.")
  Path bidsOut;

  @Option(names = "--preset", defaultValue = "sample",
      description = "sample (4 feeders x 500 prosumers, ~8%% activity) or utility-day (100 x 200, every frame).")
  String preset;

  @Option(names = "--feeders", description = "Override the preset's number of feeders.")
  Integer feeders;

  @Option(names = "--prosumers", description = "Override the preset's prosumers per feeder.")
  Integer prosumers;

  @Option(names = "--frames", description = "Override the preset's number of 15-min frames (1..96).")
  Integer frames;

  @Option(names = "--first-frame", description = "Index of the first 15-min frame (0 = midnight UTC, 48 = noon). "
      + "Default: the preset's (0).")
  Integer firstFrame;

  @Option(names = "--days", description = "Generate this many consecutive days (from the first frame to the "
      + "last day's end), e.g. a long history for replay benchmarks; instead of --frames.")
  Integer days;

  @Option(names = "--seed", description = "Override the preset's seed.")
  Long seed;

  @Option(names = "--participants-out", description = "Sign every bid with its participant's DEMO key (derived "
      + "from the seed, not secret), add a few bids signatures must stop, and write the key registry here.")
  Path participantsOut;

  @Option(names = "--meter-readings-out", description = "With --participants-out: meter readings of the day "
      + "(a few missing, a few late) for settlement.")
  Path meterReadingsOut;

  @Override
  public Integer call() throws Exception {
    DayConfig base = switch (preset) {
      case "sample" -> DayConfig.sample();
      case "utility-day" -> DayConfig.utilityDay();
      default -> throw new IllegalArgumentException("--preset must be sample or utility-day, got " + preset);
    };
    if (days != null && frames != null) {
      throw new IllegalArgumentException("give --days or --frames, not both");
    }
    int first = firstFrame != null ? firstFrame : base.firstFrame();
    if (frames != null && (frames < 1 || first + frames > 96)) {
      throw new IllegalArgumentException("--frames must be 1.." + (96 - first) + " (use --days for more)");
    }
    DayConfig c = new DayConfig(feeders != null ? feeders : base.feeders(),
        prosumers != null ? prosumers : base.prosumersPerFeeder(), first,
        frames != null ? frames : base.frames(),
        base.activity(), base.badEvery(), base.day(), seed != null ? seed : base.seed(), base.lastFeederVMinPu());
    if (days != null) {
      c = c.withDays(days);
    }
    Path dir = template.toAbsolutePath().getParent();
    String id = template.getFileName().toString();
    SampleDayGenerator.Result r = new SampleDayGenerator(c).write(dir, id, feedersOut, bidsOut);
    System.err.printf("generated %d feeders, %d prosumers, %d good bids and %d bad ones -> %s%n",
        r.feeders(), r.prosumers(), r.goodBids(), r.badBids().size(), bidsOut);
    if (participantsOut != null) {
      Path readings = meterReadingsOut != null ? meterReadingsOut
          : bidsOut.resolveSibling("meter-readings.jsonl");
      var s = new IntegrityDay(c.seed(), 2000).write(bidsOut, participantsOut, readings, 15);
      System.err.printf("signed %d bids of %d participants (DEMO keys) + %d bids signatures must stop -> %s; "
          + "%d meter readings (%d missing, %d late) -> %s%n", s.signedBids(), s.participants(), s.badBids().size(),
          participantsOut, s.readings(), s.missingReadings(), s.lateReadings(), readings);
    } else if (meterReadingsOut != null) {
      throw new IllegalArgumentException("--meter-readings-out needs --participants-out (readings come with the signed day)");
    }
    return 0;
  }

}
