package energy.p2p.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import energy.p2p.io.BidCodec;
import energy.p2p.model.Bid;
import energy.p2p.synth.RandomBookGenerator;
import energy.p2p.io.FeederReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClearCommandTest extends InProcessCli {
  private static final String SAMPLE = "sample-data/book-ieee33.jsonl";
  private static final String FEEDERS = "sample-data/feeders";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void clearsTheSampleBookIntoAllocationsAndOneReportInTheDocumentedFieldOrder() throws Exception {
    Path alloc = dir.resolve("allocations.jsonl");
    Path reports = dir.resolve("reports.jsonl");
    assertEquals(0, run("clear", "--bids", SAMPLE, "--feeders", FEEDERS, "--out", alloc.toString(),
        "--reports", reports.toString()), err.toString());

    List<String> lines = Files.readAllLines(alloc);
    assertTrue(lines.size() > 0);
    double matched = 0;
    for (String line : lines) {
      JsonNode a = MAPPER.readTree(line);
      assertEquals(List.of("feederId", "frameStart", "buyerBidId", "sellerBidId", "buyerId",
          "sellerId", "quantityKwh", "price", "gridFee"), fields(a));
      matched += a.get("quantityKwh").asDouble();
    }
    List<String> reportLines = Files.readAllLines(reports);
    assertEquals(5, reportLines.size(), "the sample's window on ieee33, and the same frame of the 4 other feeders");
    for (String other : reportLines.subList(0, 4)) {
      assertEquals("NO_BIDS", MAPPER.readTree(other).get("status").asText(), other);
    }
    JsonNode r = MAPPER.readTree(reportLines.get(4));
    assertEquals("ieee33", r.get("feederId").asText());
    assertEquals(List.of("feederId", "frameStart", "bids", "buyers", "sellers", "matchedKwh",
        "buyerWelfare", "sellerWelfare", "socialWelfare", "paretoFrontSize", "compromiseRule",
        "vMinPu", "vMaxPu", "status", "evaluations", "solveMillis", "perClass"),
        fields(r).subList(0, 17));
    assertEquals(20, r.get("bids").asInt());
    assertEquals("CLEARED", r.get("status").asText());
    assertEquals("FEASIBLE", r.get("feasibility").asText());
    assertEquals(matched, r.get("matchedKwh").asDouble(), 1e-9);
    assertEquals(0, r.get("solveMillis").asLong(), "no wall-clock time in deterministic output");
    assertTrue(r.get("socialWelfare").asDouble() <= r.get("welfareUpperBound").asDouble() + 1e-9);
    assertTrue(err.toString().contains("20 bids read, 20 cleared in 5 windows, 0 skipped"), err.toString());
    assertEquals("", out.toString(), "stdout stays clean");
  }

  @Test
  void skipsCountsAndListsInvalidBidsAndClearsTheRest() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(SAMPLE)));
    String first = lines.get(0);
    lines.add(first); // same bidId again: DUPLICATE
    lines.add(first.replace("\"bus\":", "\"bus\":99").replace("b-00001", "b-99999"));
    lines.add("{not json");
    lines.add("");
    Path book = dir.resolve("book.jsonl");
    Files.write(book, lines);
    Path reports = dir.resolve("r.jsonl");

    assertEquals(0, run("clear", "--bids", book.toString(), "--feeders", FEEDERS,
        "--out", dir.resolve("a.jsonl").toString(), "--reports", reports.toString()), err.toString());

    String log = err.toString();
    assertTrue(log.contains("skipped line 21: DUPLICATE (bid b-00001)"), log);
    assertTrue(log.contains("skipped line 22: UNKNOWN_BUS (bid b-99999)"), log);
    assertTrue(log.contains("skipped line 23: MALFORMED"), log);
    assertTrue(log.contains("23 bids read, 20 cleared in 5 windows, 3 skipped"), log);
    assertEquals(20, MAPPER.readTree(Files.readAllLines(reports).get(4)).get("bids").asInt());
  }

  @Test
  void sameBidsInAnyOrderAndAsCsvGiveTheSameBytes() throws Exception {
    List<Bid> bids = new RandomBookGenerator(FeederReader.read(Path.of(FEEDERS), "ieee33"))
        .generate(RandomBookGenerator.Options.of(40, 30), 1_795_514_400_000L, 11);
    List<String> json = new ArrayList<>();
    List<String> csv = new ArrayList<>(List.of(BidCodec.CSV_HEADER));
    for (Bid b : bids) {
      json.add(BidCodec.toJson(b));
      csv.add(BidCodec.toCsv(b));
    }
    Path inOrder = Files.write(dir.resolve("a.jsonl"), json);
    Collections.shuffle(json, new Random(5));
    Path shuffled = Files.write(dir.resolve("b.jsonl"), json);
    Path asCsv = Files.write(dir.resolve("c.csv"), csv);
    byte[][] outputs = new byte[4][];
    Path[] inputs = {inOrder, inOrder, shuffled, asCsv};
    for (int k = 0; k < inputs.length; k++) {
      Path alloc = dir.resolve("out" + k + ".jsonl");
      Path rep = dir.resolve("rep" + k + ".jsonl");
      assertEquals(0, run("clear", "--bids", inputs[k].toString(), "--feeders", FEEDERS,
          "--out", alloc.toString(), "--reports", rep.toString(), "--seed", "7"));
      outputs[k] = (Files.readString(alloc) + Files.readString(rep)).getBytes(StandardCharsets.UTF_8);
    }
    for (int k = 1; k < outputs.length; k++) {
      assertArrayEquals(outputs[0], outputs[k], "run " + k);
    }
  }

  @Test
  void aLineThatIsNotUtf8IsSkippedAsMalformedNamingItAndTheRestIsCleared() throws Exception {
    List<String> lines = Files.readAllLines(Path.of(SAMPLE));
    java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < lines.size(); i++) {
      if (i == 4) { // line 5: one more bid, its participant written in Latin-1 ("Müller")
        file.writeBytes(lines.get(i).replace("b-00005", "b-latin1").replaceFirst("\"participantId\":\"[^\"]*\"",
            "\"participantId\":\"M\u00FCller\"").getBytes(StandardCharsets.ISO_8859_1));
        file.write('\n');
      }
      file.writeBytes((lines.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    file.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, '\n'}); // line 22: binary garbage
    Path book = Files.write(dir.resolve("hostile.jsonl"), file.toByteArray());
    Path alloc = dir.resolve("a.jsonl");
    Path reports = dir.resolve("r.jsonl");
    Path clean = dir.resolve("clean-a.jsonl");
    Path cleanReports = dir.resolve("clean-r.jsonl");

    assertEquals(0, run("clear", "--bids", book.toString(), "--feeders", FEEDERS, "--out", alloc.toString(),
        "--reports", reports.toString()), err.toString());
    String log = err.toString();
    assertTrue(log.contains("skipped line 5: MALFORMED hostile.jsonl line 5: not valid UTF-8: 1 byte(s)"), log);
    assertTrue(log.contains("skipped line 22: MALFORMED hostile.jsonl line 22: not valid UTF-8: 2 byte(s)"), log);
    assertTrue(log.contains("22 bids read, 20 cleared in ") && log.contains(" windows, 2 skipped {MALFORMED=2}"), log);
    assertEquals(0, run("clear", "--bids", SAMPLE, "--feeders", FEEDERS, "--out", clean.toString(),
        "--reports", cleanReports.toString()));
    assertEquals(Files.readString(clean), Files.readString(alloc), "the good bids clear as without the bad lines");
    assertEquals(Files.readString(cleanReports), Files.readString(reports));
  }

  @Test
  void missingBidsFileIsAClearError() {
    assertEquals(1, run("clear", "--bids", dir.resolve("nope.jsonl").toString(), "--feeders",
        FEEDERS, "--out", dir.resolve("a.jsonl").toString()));
    assertTrue(err.toString().startsWith("error: bids file not found"), err.toString());
  }

  @Test
  void withRulesEveryReportStatesTheRulesAndAFeeClearsAtTheFeeAwareOptimum() throws Exception {
    Path reports = dir.resolve("reports.jsonl");
    assertEquals(0, run("clear", "--bids", SAMPLE, "--feeders", FEEDERS, "--out",
        dir.resolve("a.jsonl").toString(), "--reports", reports.toString(), "--rules",
        "sample-data/rules-sample.json"), err.toString());
    List<String> all = Files.readAllLines(reports);
    JsonNode r = MAPPER.readTree(all.get(all.size() - 1)); // ieee33's: the other feeders' come first, NO_BIDS
    List<String> names = fields(r);
    assertEquals(List.of("rulesHash", "rules"), names.subList(names.size() - 2, names.size()),
        "rules come last");
    assertTrue(err.toString().contains("rules sample-data/rules-sample.json: "
        + r.get("rulesHash").asText()), err.toString());
    assertEquals(0.01, r.get("rules").get("gridFeePerKwhPerOhm").asDouble(), 0.0);
    // the book's fee-aware optimum is reached exactly (it was 67 % of it with the greedy pairing)
    assertEquals(r.get("welfareUpperBound").asDouble(), r.get("socialWelfare").asDouble(), 1e-9);
    assertEquals(1.974568434, r.get("socialWelfare").asDouble(), 1e-9);
  }

  @Test
  void aBadRulesFileStopsBeforeAnythingIsWrittenAndNamesTheKey() throws Exception {
    Path rules = dir.resolve("rules.json");
    Files.writeString(rules, "{\n  \"gridFeePerKwhPerOhm\": 0.01,\n  \"minShareStandart\": 0.5\n}\n");
    Path alloc = dir.resolve("a.jsonl");
    assertEquals(1, run("clear", "--bids", SAMPLE, "--feeders", FEEDERS, "--out", alloc.toString(),
        "--rules", rules.toString()));
    assertTrue(err.toString().contains("rules " + rules + " line 3: key \"minShareStandart\": "
        + "unknown key"), err.toString());
    assertTrue(!Files.exists(alloc), "nothing written");
  }

  private static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
