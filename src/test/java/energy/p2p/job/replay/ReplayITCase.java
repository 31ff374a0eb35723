package energy.p2p.job.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.clearing.ClearingResult;
import energy.p2p.clearing.MarketClearing;
import energy.p2p.feasibility.FeasibilityCheck;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.ingest.BidValidator;
import energy.p2p.io.BidCodec;
import energy.p2p.io.ParsedBid;
import energy.p2p.job.FeederFiles;
import energy.p2p.job.JobOptions;
import energy.p2p.model.Allocation;
import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Side;
import energy.p2p.synth.DayConfig;
import energy.p2p.synth.SampleDayGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A bounded replay end to end on a MiniCluster at parallelism 2. */
class ReplayITCase {
  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static final int WINDOW_LIMIT = 50;
  static final int FLOOD = WINDOW_LIMIT + 5;
  static final Pattern BID_ID = Pattern.compile("\"bidId\":\"([^\"]+)\"");

  @TempDir
  static Path dir;
  static Path bids;
  static Path feeders;
  static SampleDayGenerator.Result day;
  static JobOptions options;

  @BeforeAll
  static void generate() throws IOException {
    feeders = dir.resolve("feeders");
    bids = dir.resolve("bids.jsonl");
    DayConfig c = new DayConfig(2, 40, 40, 8, 0.7, 8, LocalDate.of(2026, 11, 24), 99L);
    day = new SampleDayGenerator(c).write(Path.of("sample-data/feeders"), "ieee33", feeders, bids);
    appendFlood(bids);
    options = JobOptions.defaults()
        .withValidation(JobOptions.defaults().validation().withMaxBidsPerWindow(WINDOW_LIMIT));
  }

  /** A window with more bids than the limit, after the generated frames (so not late). */
  static void appendFlood(Path file) throws IOException {
    long frame = LocalDate.of(2026, 11, 24).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + 50 * 15 * 60_000L;
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < FLOOD; i++) {
      Side side = i % 2 == 0 ? Side.SELL : Side.BUY;
      Bid b = new Bid(String.format("flood-%03d", i), "p-flood-" + i, "feeder-a", 10, side, 0.5,
          side == Side.SELL ? 0.08 : 0.25, frame, frame - 20 * 60_000L + i * 1000L, BuyerClass.STANDARD);
      sb.append(BidCodec.toJson(b)).append('\n');
    }
    Files.writeString(file, sb, java.nio.file.StandardOpenOption.APPEND);
  }

  static Path replay(int parallelism) throws Exception {
    return replay(parallelism, SortedJsonLinesSink.DEFAULT_RUN_BYTES);
  }

  static Path replay(int parallelism, long sortRunBytes) throws Exception {
    Path out = Files.createDirectories(dir.resolve("out-p" + parallelism + "-" + UUID.randomUUID()));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(parallelism);
    // savepoint safety: every record and state type has a Flink serializer (POJO/record), no Kryo
    org.apache.flink.configuration.Configuration conf = new org.apache.flink.configuration.Configuration();
    conf.set(org.apache.flink.configuration.PipelineOptions.GENERIC_TYPES, false);
    env.configure(conf);
    new ReplayRun(bids, FeederFiles.read(feeders), out, options, new BidCodec(4096), out.toString())
        .withSortRunBytes(sortRunBytes).execute(env);
    ReplayTally.release(out.toString());
    return out;
  }

  @Test
  void replayRejectsEveryBadBidWithItsReasonAndAccountsForEveryBid() throws Exception {
    Path out = replay(2);
    List<String> rejections = Files.readAllLines(out.resolve(ReplayRun.REJECTIONS));
    Map<String, String> reasonById = new HashMap<>();
    for (String r : rejections) {
      Matcher m = BID_ID.matcher(r.substring(r.indexOf("\"raw\":")).replace("\\\"", "\""));
      String id = r.startsWith("{\"bidId\":null") ? (m.find() ? m.group(1) : "?") : r.substring(10, r.indexOf('"', 10));
      reasonById.put(id, r.substring(r.indexOf("\"reason\":\"") + 10, r.indexOf("\",\"detail\"")));
    }
    Set<ReasonCode> seen = new HashSet<>();
    for (Map.Entry<String, ReasonCode> e : day.badBids().entrySet()) {
      assertEquals(e.getValue().name(), reasonById.get(e.getKey()), "bid " + e.getKey() + " in " + rejections);
      seen.add(e.getValue());
    }
    for (int i = WINDOW_LIMIT; i < FLOOD; i++) {
      assertEquals("CAPACITY", reasonById.get(String.format("flood-%03d", i)));
    }
    seen.add(ReasonCode.CAPACITY);
    // every reason the job gives without a participants registry (signatures are issue 6's, opt-in)
    Set<ReasonCode> expected = java.util.EnumSet.allOf(ReasonCode.class);
    expected.removeAll(java.util.EnumSet.of(ReasonCode.BAD_SIGNATURE, ReasonCode.UNKNOWN_PARTICIPANT));
    assertEquals(expected, seen, "every reason code appears");
    assertEquals(day.badBids().size() + FLOOD - WINDOW_LIMIT, rejections.size(), "no good bid rejected");

    long received = Files.lines(bids).count();
    long cleared = Files.readAllLines(out.resolve(ReplayRun.REPORTS)).stream()
        .mapToLong(r -> Long.parseLong(r.replaceFirst(".*?\"bids\":(\\d+),.*", "$1"))).sum();
    assertEquals(received, cleared + rejections.size(), "sum of report bids + rejections = bids received");
  }

  @Test
  void replayIsByteIdenticalAtParallelismOneAndTwo() throws Exception {
    Path p1 = replay(1);
    Path p2 = replay(2);
    for (String f : List.of(ReplayRun.ALLOCATIONS, ReplayRun.REPORTS, ReplayRun.REJECTIONS)) {
      assertEquals(Files.readString(p1.resolve(f)), Files.readString(p2.resolve(f)), f);
    }
    assertTrue(Files.size(p2.resolve(ReplayRun.ALLOCATIONS)) > 0, "something traded");
  }

  @Test
  void outputsSpilledInManySmallSortedRunsAreByteIdentical() throws Exception {
    Path inMemory = replay(1);
    Path spilled = replay(2, 2_000); // a handful of records per run: hundreds of runs, several merge passes
    long allocations = Files.lines(inMemory.resolve(ReplayRun.ALLOCATIONS)).count();
    assertTrue(allocations > 5 * ExternalSorter.FAN_IN, allocations + " allocations: more runs than one merge pass takes");
    for (String f : List.of(ReplayRun.ALLOCATIONS, ReplayRun.REPORTS, ReplayRun.REJECTIONS, ReplayRun.LEDGER)) {
      assertEquals(Files.readString(inMemory.resolve(f)), Files.readString(spilled.resolve(f)), f);
    }
    try (var left = Files.list(spilled)) {
      assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
          "no sort runs left behind");
    }
  }

  @Test
  void outputsEqualTheClearCommandOnTheBidsTheJobAccepted() throws Exception {
    Path out = replay(2);
    // clear has no event time: give it the file without the bids the job rejected by event time
    // (LATE by watermark, BAD_TIMESTAMP for a clock far ahead of the stream)
    Set<String> lateByWatermark = new HashSet<>();
    for (String r : Files.readAllLines(out.resolve(ReplayRun.REJECTIONS))) {
      if (r.contains("watermark passed gate closure") || r.contains("ahead of the newest bid")) {
        lateByWatermark.add(com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(r).get("raw").asText());
      }
    }
    assertTrue(!lateByWatermark.isEmpty(), "the day holds bids that arrive after gate closure");
    Path accepted = dir.resolve("accepted-" + UUID.randomUUID() + ".jsonl");
    Files.write(accepted, Files.readAllLines(bids).stream().filter(l -> !lateByWatermark.contains(l)).toList());
    Path clearAllocations = dir.resolve("clear-allocations-" + UUID.randomUUID() + ".jsonl");
    Path clearReports = dir.resolve("clear-reports-" + UUID.randomUUID() + ".jsonl");
    int exit = energy.p2p.cli.Main.commandLine().setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()))
        .execute("clear", "--bids", accepted.toString(), "--feeders", feeders.toString(),
            "--out", clearAllocations.toString(), "--reports", clearReports.toString(),
            "--max-bids-per-window", Integer.toString(WINDOW_LIMIT));
    assertEquals(0, exit);
    assertEquals(Files.readString(clearAllocations), Files.readString(out.resolve(ReplayRun.ALLOCATIONS)));
    assertEquals(Files.readString(clearReports), Files.readString(out.resolve(ReplayRun.REPORTS)));
  }
}
