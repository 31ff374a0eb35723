package energy.p2p.job.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.io.BidCodec;
import energy.p2p.job.FeederFiles;
import energy.p2p.job.IntegrityOptions;
import energy.p2p.job.JobOptions;
import energy.p2p.ledger.LedgerReport;
import energy.p2p.ledger.LedgerVerifier;
import energy.p2p.model.ReasonCode;
import energy.p2p.security.ParticipantRegistry;
import energy.p2p.synth.DayConfig;
import energy.p2p.synth.IntegrityDay;
import energy.p2p.synth.SampleDayGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small signed day (2 feeders x 40 prosumers, 8 midday frames) with meter readings, replayed with
 * signatures required: signature attacks rejected, signed bids cleared, the ledger verifies and the
 * ledger and settlements are byte-identical at parallelism 1 and 2, every frame's money balances.
 */
class IntegrityReplayITCase {
  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final Pattern REASON = Pattern.compile("\"bidId\":\"([^\"]+)\".*?\"reason\":\"([A-Z_]+)\"");

  @TempDir
  static Path dir;
  static Path bids;
  static Path feeders;
  static Path readings;
  static IntegrityDay.Result signed;
  static IntegrityOptions integrity;
  static Path p1;
  static Path p2;

  @BeforeAll
  static void generateAndReplay() throws Exception {
    feeders = dir.resolve("feeders");
    bids = dir.resolve("bids.jsonl");
    readings = dir.resolve("readings.jsonl");
    DayConfig c = new DayConfig(2, 40, 40, 8, 0.7, 0, LocalDate.of(2026, 11, 24), 7L);
    new SampleDayGenerator(c).write(Path.of("sample-data/feeders"), "ieee33", feeders, bids);
    signed = new IntegrityDay(7L, 40).write(bids, dir.resolve("participants.csv"), readings, 15);
    integrity = IntegrityOptions.defaults().withParticipants(ParticipantRegistry.read(dir.resolve("participants.csv")));
    p1 = replay(1);
    p2 = replay(2);
  }

  static Path replay(int parallelism) throws Exception {
    Path out = Files.createDirectories(dir.resolve("out-p" + parallelism + "-" + UUID.randomUUID()));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(parallelism);
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    env.configure(conf);
    new ReplayRun(bids, FeederFiles.read(feeders), out, JobOptions.defaults(), new BidCodec(4096), out.toString(),
        integrity, readings).execute(env);
    ReplayTally.release(out.toString());
    return out;
  }

  @Test
  void signatureAttacksAreRejectedAndSignedBidsClear() throws Exception {
    List<String> rejections = Files.readAllLines(p2.resolve(ReplayRun.REJECTIONS));
    Map<String, String> reasonById = new HashMap<>();
    for (String r : rejections) {
      Matcher m = REASON.matcher(r);
      assertTrue(m.find(), r);
      reasonById.put(m.group(1), m.group(2));
    }
    assertTrue(signed.badBids().size() >= 3, "forged, replayed and unregistered bids generated");
    assertTrue(signed.badBids().containsValue(ReasonCode.UNKNOWN_PARTICIPANT));
    for (Map.Entry<String, ReasonCode> e : signed.badBids().entrySet()) {
      assertEquals(e.getValue().name(), reasonById.get(e.getKey()), "bid " + e.getKey());
    }
    assertEquals(signed.badBids().size(), rejections.size(), "no correctly signed bid is rejected");
    long cleared = Files.readAllLines(p2.resolve(ReplayRun.REPORTS)).stream()
        .mapToLong(r -> Long.parseLong(r.replaceFirst(".*?\"bids\":(\\d+),.*", "$1"))).sum();
    assertEquals(signed.signedBids(), cleared, "every signed bid of a registered participant reaches clearing");
    assertTrue(Files.size(p2.resolve(ReplayRun.ALLOCATIONS)) > 0, "signed bids trade");
  }

  @Test
  void ledgerVerifiesAndIsByteIdenticalAtAnyParallelism() throws Exception {
    List<String> ledger = Files.readAllLines(p2.resolve(ReplayRun.LEDGER));
    LedgerVerifier v = new LedgerVerifier();
    for (int i = 0; i < ledger.size(); i++) {
      v.add(i + 1, ledger.get(i));
    }
    LedgerReport r = v.verify();
    assertTrue(r.verified(), r.breaks().toString());
    long trades = Files.lines(p2.resolve(ReplayRun.ALLOCATIONS)).count();
    long windows = Files.lines(p2.resolve(ReplayRun.REPORTS)).count();
    assertEquals(trades + windows, r.records(), "every allocation and every report is in the ledger");
    assertEquals(Files.readString(p1.resolve(ReplayRun.LEDGER)), Files.readString(p2.resolve(ReplayRun.LEDGER)));
  }

  @Test
  void settlementsBalanceFlagEstimatesCorrectLateReadingsAndAreDeterministic() throws Exception {
    List<String> lines = Files.readAllLines(p2.resolve(ReplayRun.SETTLEMENTS));
    assertEquals(Files.readString(p1.resolve(ReplayRun.SETTLEMENTS)), Files.readString(p2.resolve(ReplayRun.SETTLEMENTS)));
    List<String> totals = lines.stream().filter(l -> l.startsWith("{\"type\":\"frame-total\"")).toList();
    assertFalse(totals.isEmpty());
    assertTrue(totals.stream().allMatch(l -> l.endsWith("\"balanced\":true}")), "every frame balances");
    assertTrue(lines.stream().anyMatch(l -> l.contains("\"estimated\":true")), "missing readings are estimated");
    assertTrue(signed.lateReadings() > 0);
    assertTrue(lines.stream().anyMatch(l -> l.contains("\"type\":\"participant\"") && l.contains("\"revision\":1")
        && !l.contains("\"previousNetPaid\":null")), "a late reading corrects a settlement and names what it replaces");
    long firstRevisionTotals = totals.stream().filter(l -> l.contains("\"revision\":0,")).count();
    long windowsWithTrades = Files.lines(p2.resolve(ReplayRun.ALLOCATIONS))
        .map(l -> l.substring(0, l.indexOf("\",\"buyerBidId\""))).distinct().count();
    assertEquals(windowsWithTrades, firstRevisionTotals, "one settlement per frame with trades");
  }
}
