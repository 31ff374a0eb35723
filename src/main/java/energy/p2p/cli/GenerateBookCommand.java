package energy.p2p.cli;

import energy.p2p.grid.RadialFeeder;
import energy.p2p.io.BidCodec;
import energy.p2p.io.FeederReader;
import energy.p2p.model.Bid;
import energy.p2p.synth.RandomBookGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code generate-book}: one seeded (feeder, frame) book of bids as JSON Lines. */
@Command(
    name = "generate-book",
    mixinStandardHelpOptions = true,
    description = {
      "Writes one seeded random book (n buyers, m sellers) for one feeder and frame as JSON Lines.",
      "Example: generate-book --feeder sample-data/feeders/ieee33 --buyers 12 --sellers 8 "
          + "--seed 1 --frame-start 2026-11-24T10:00:00Z --out /tmp/book.jsonl"
    })
public final class GenerateBookCommand implements Callable<Integer> {
  @Option(names = "--feeder", required = true, description = "Feeder files without extension, e.g. sample-data/feeders/ieee33.")
  Path feeder;

  @Option(names = "--buyers", required = true, description = "Number of BUY bids.")
  int buyers;

  @Option(names = "--sellers", required = true, description = "Number of SELL offers.")
  int sellers;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--frame-start", required = true, description = "Delivery frame start, ISO-8601 UTC, aligned to the frame length.")
  String frameStart;

  @Option(names = "--far-end-sellers", paramLabel = "SCALE",
      description = "Put every seller on the feeder's three farthest buses, quantities × SCALE.")
  Double farEndScale;

  @Option(names = "--out", required = true, description = "File to write.")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    long frameMs;
    try {
      frameMs = Instant.parse(frameStart).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--frame-start '" + frameStart + "' is not an ISO-8601 instant");
    }
    RadialFeeder f = FeederReader.read(feeder);
    RandomBookGenerator.Options options = RandomBookGenerator.Options.of(buyers, sellers);
    if (farEndScale != null) {
      options = options.withFarEndSellers(farEndScale);
    }
    List<Bid> bids = new RandomBookGenerator(f).generate(options, frameMs, seed);
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (Bid b : bids) {
        w.write(BidCodec.toJson(b));
        w.write('\n');
      }
    }
    spec.commandLine().getOut().println("wrote " + bids.size() + " bids to " + out);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
