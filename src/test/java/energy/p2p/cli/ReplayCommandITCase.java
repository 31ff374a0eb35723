package energy.p2p.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import energy.p2p.io.BidCodec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The replay command as users run it (its own embedded MiniCluster), and its errors. */
class ReplayCommandITCase {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void replaysACsvFileAndPrintsASummary(@TempDir Path dir) throws Exception {
    // the first 300 records of the sample day, as CSV with the columns in another order
    BidCodec codec = new BidCodec(4096);
    StringBuilder csv = new StringBuilder("side,bidId,participantId,feederId,bus,quantityKwh,limitPrice,frameStart,submittedAt,buyerClass\n");
    int bids = 0;
    for (String line : Files.readAllLines(Path.of("sample-data/bids-2026-11-24.jsonl"))) {
      var p = codec.parse(line);
      if (p.isBid() && bids < 300) {
        String[] f = BidCodec.toCsv(p.bid()).split(",");
        csv.append(String.join(",", f[4], f[0], f[1], f[2], f[3], f[5], f[6], f[7], f[8], f[9])).append('\n');
        bids++;
      }
    }
    csv.append("not,a,bid\n");
    Path file = dir.resolve("bids.csv");
    Files.writeString(file, csv);
    assertEquals(0, run("replay", "--bids", file.toString(), "--feeders", "sample-data/feeders",
        "--out", dir.resolve("out").toString(), "--parallelism", "1"), err.toString());
    JsonNode summary = new ObjectMapper().readTree(out.toString());
    assertEquals(301, summary.get("bidsReceived").asInt());
    assertEquals(300, summary.get("bidsCleared").asInt());
    assertEquals(1, summary.get("rejectedByReason").get("MALFORMED").asInt());
    assertTrue(err.toString().contains("replay done"), err.toString());
    for (String f : List.of("allocations.jsonl", "clearing-reports.jsonl", "rejected-bids.jsonl")) {
      assertTrue(Files.exists(dir.resolve("out").resolve(f)), f);
    }
  }

  @Test
  void namesAMissingBidsFile() {
    assertEquals(1, run("replay", "--bids", "nope.jsonl", "--feeders", "sample-data/feeders", "--out", "x"));
    assertEquals("error: bids file not found: nope.jsonl", err.toString().strip());
  }

  @Test
  void namesAnUnknownCsvColumn(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("b.csv");
    Files.writeString(file, "bidId,colour\n");
    assertEquals(1, run("replay", "--bids", file.toString(), "--feeders", "sample-data/feeders", "--out", dir.toString()));
    assertTrue(err.toString().contains("unknown CSV column 'colour'"), err.toString());
  }

  @Test
  void namesAMissingFeedersFolder(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("b.jsonl"), "\n");
    assertEquals(1, run("replay", "--bids", file.toString(), "--feeders", "no-such-dir", "--out", dir.toString()));
    assertEquals("error: feeders folder not found: no-such-dir", err.toString().strip());
  }

  @Test
  void runNamesAMissingKafkaPropertiesFileAndRefusesABadInterval() {
    assertEquals(1, run("run", "--bootstrap-servers", "localhost:1", "--feeders", "sample-data/feeders",
        "--kafka-properties", "missing.properties"));
    assertEquals("error: kafka properties file not found: missing.properties", err.toString().strip());
    assertEquals(2, run("run", "--bootstrap-servers", "localhost:1", "--feeders", "sample-data/feeders",
        "--checkpoint-interval", "soon"));
  }
}
