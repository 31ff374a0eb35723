package energy.p2p.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import energy.p2p.io.BidCodec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
  void replayWithRulesWritesTheBytesOfClearWithTheSameRules(@TempDir Path dir) throws Exception {
    // late-morning frames of feeder-a and feeder-d (whose lower voltage limit binds), a fee and
    // a feeder-d override from the sample rules file; the job applies the rules per feeder at its
    // two call sites, clear in its own loop: same bytes, rules stated in every report
    List<String> lines = lateMorningOfFeedersAAndD();
    Path bidsFile = dir.resolve("bids.jsonl");
    Files.write(bidsFile, lines);
    String rules = "sample-data/rules-sample.json";
    assertEquals(0, run("replay", "--bids", bidsFile.toString(), "--feeders", "sample-data/feeders",
        "--out", dir.resolve("replay").toString(), "--parallelism", "2", "--rules", rules),
        err.toString());
    assertEquals(0, run("clear", "--bids", bidsFile.toString(), "--feeders", "sample-data/feeders",
        "--out", dir.resolve("clear-allocations.jsonl").toString(), "--reports",
        dir.resolve("clear-reports.jsonl").toString(), "--rules", rules), err.toString());
    assertArrayEquals(Files.readAllBytes(dir.resolve("clear-allocations.jsonl")),
        Files.readAllBytes(dir.resolve("replay").resolve("allocations.jsonl")));
    assertArrayEquals(Files.readAllBytes(dir.resolve("clear-reports.jsonl")),
        Files.readAllBytes(dir.resolve("replay").resolve("clearing-reports.jsonl")));
    List<String> reports = Files.readAllLines(dir.resolve("clear-reports.jsonl"));
    assertTrue(reports.size() > 8);
    for (String report : reports) {
      JsonNode r = new ObjectMapper().readTree(report);
      assertTrue(r.get("rulesHash").asText().startsWith("sha256:"), report);
      double fee = r.get("rules").get("gridFeePerKwhPerOhm").asDouble();
      assertEquals(r.get("feederId").asText().equals("feeder-d") ? 0.02 : 0.01, fee, 0.0, report);
    }
  }

  @Test
  void tradeOffObjectivesPerFeederGiveTheBytesOfClearAtParallelismOneAndTwo(@TempDir Path dir)
      throws Exception {
    // sample-data/rules-tradeoffs.json: feeder-a clears welfare against household fill (best
    // fill within 5 % of welfare), feeder-d welfare against voltage headroom (knee point)
    Path bidsFile = dir.resolve("bids.jsonl");
    Files.write(bidsFile, lateMorningOfFeedersAAndD());
    String rules = "sample-data/rules-tradeoffs.json";
    for (String parallelism : List.of("1", "2")) {
      assertEquals(0, run("replay", "--bids", bidsFile.toString(), "--feeders",
          "sample-data/feeders", "--out", dir.resolve("replay-" + parallelism).toString(),
          "--parallelism", parallelism, "--rules", rules), err.toString());
    }
    assertEquals(0, run("clear", "--bids", bidsFile.toString(), "--feeders", "sample-data/feeders",
        "--out", dir.resolve("clear-allocations.jsonl").toString(), "--reports",
        dir.resolve("clear-reports.jsonl").toString(), "--rules", rules), err.toString());
    for (String parallelism : List.of("1", "2")) {
      Path replay = dir.resolve("replay-" + parallelism);
      assertArrayEquals(Files.readAllBytes(dir.resolve("clear-allocations.jsonl")),
          Files.readAllBytes(replay.resolve("allocations.jsonl")), parallelism);
      assertArrayEquals(Files.readAllBytes(dir.resolve("clear-reports.jsonl")),
          Files.readAllBytes(replay.resolve("clearing-reports.jsonl")), parallelism);
    }
    int fronts = 0;
    double givenUp = 0; // welfare the published points gave up against each front's maximum
    for (String report : Files.readAllLines(dir.resolve("clear-reports.jsonl"))) {
      JsonNode r = new ObjectMapper().readTree(report);
      if (!r.get("status").asText().equals("CLEARED")) {
        continue;
      }
      boolean d = r.get("feederId").asText().equals("feeder-d");
      String tradeOff = d ? "voltageHeadroomPu" : "standardFillRate";
      assertEquals(d ? "KNEE_POINT" : "BEST_WITHIN_WELFARE_LOSS",
          r.get("compromiseRule").asText(), report);
      JsonNode front = r.get("front");
      for (JsonNode p : front) {
        assertEquals(List.of("socialWelfare", tradeOff), names(p), report);
      }
      JsonNode chosen = front.get(r.get("compromiseIndex").asInt());
      assertEquals(chosen.get("socialWelfare").asDouble(), r.get("socialWelfare").asDouble(),
          1e-6 * Math.max(1, Math.abs(r.get("socialWelfare").asDouble())), report);
      fronts += front.size() > 1 ? 1 : 0;
      double best = Double.NEGATIVE_INFINITY;
      for (JsonNode p : front) {
        best = Math.max(best, p.get("socialWelfare").asDouble());
      }
      givenUp += best - chosen.get("socialWelfare").asDouble();
    }
    assertTrue(fronts >= 4, "windows with a real front: " + fronts);

    // the report's day view reads the replay's trade-offs: fill (feeder-a), headroom (feeder-d)
    Path html = dir.resolve("report.html");
    assertEquals(0, run("report", "--in", dir.resolve("replay-2").toString(), "--feeders",
        "sample-data/feeders", "--out", html.toString()), err.toString());
    String text = Files.readString(html);
    String view = text.substring(text.indexOf("<section id=\"day-view\">"));
    view = view.substring(0, view.indexOf("</section>"));
    assertTrue(view.contains("kWh more STANDARD fill") && view.contains("p.u. more voltage"
        + " headroom"), view);
    assertTrue(view.contains(" gave up " + String.format(java.util.Locale.ROOT, "%.4f", givenUp)
        + " currency units of welfare"), view);
    assertEquals(2, view.split("data:image/png;base64,").length - 1, "fill and headroom charts");
  }

  private static List<String> names(JsonNode point) {
    List<String> names = new ArrayList<>();
    point.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /**
   * Late-morning frames of feeder-a and feeder-d, the deliberately bad bids (x-…) left out: offline
   * clear has no watermark, so a bid the job finds LATE would be cleared there.
   */
  private static List<String> lateMorningOfFeedersAAndD() throws java.io.IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("sample-data/bids-2026-11-24.jsonl"))) {
      if ((line.contains("\"feeder-a\"") || line.contains("\"feeder-d\""))
          && !line.contains("\"bidId\":\"x-")
          && line.matches(".*\"frameStart\":\"2026-11-24T1[01]:.*")) {
        lines.add(line);
      }
    }
    return lines;
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
