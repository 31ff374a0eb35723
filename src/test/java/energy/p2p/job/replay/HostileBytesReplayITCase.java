package energy.p2p.job.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.io.BidCodec;
import energy.p2p.io.RecordText;
import energy.p2p.job.FeederFiles;
import energy.p2p.job.IntegrityOptions;
import energy.p2p.job.JobOptions;
import energy.p2p.synth.DayConfig;
import energy.p2p.synth.IntegrityDay;
import energy.p2p.synth.SampleDayGenerator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real bytes that are not UTF-8, and ids with control characters, in the bids and meter-readings
 * files of a replay: each bad line becomes one rejection (bids) or note (readings) naming it, every
 * other line is processed as if the bad ones were not there, and every output stays valid UTF-8.
 */
class HostileBytesReplayITCase {
  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  @TempDir
  static Path dir;
  static Path feeders;
  static Path clean;
  static Path hostile;
  static List<String> cleanBids;

  @BeforeAll
  static void replayCleanAndHostileFiles() throws Exception {
    feeders = dir.resolve("feeders");
    Path bids = dir.resolve("bids.jsonl");
    Path readings = dir.resolve("readings.jsonl");
    DayConfig c = new DayConfig(2, 30, 40, 6, 0.7, 0, LocalDate.of(2026, 11, 24), 5L);
    new SampleDayGenerator(c).write(Path.of("sample-data/feeders"), "ieee33", feeders, bids);
    new IntegrityDay(5L, 0).write(bids, dir.resolve("participants.csv"), readings, 15);
    cleanBids = Files.readAllLines(bids);
    List<String> cleanReadings = Files.readAllLines(readings);
    Path hostileBids = dir.resolve("hostile-bids.jsonl");
    Path hostileReadings = dir.resolve("hostile-readings.jsonl");
    Files.write(hostileBids, withBadLines(cleanBids, List.of(
        latin1(cleanBids.get(9).replace("\"bidId\":\"", "\"bidId\":\"latin1-").replace("\"participantId\":\"", "\"participantId\":\"M\u00FC")),
        new byte[] {(byte) 0xFF, (byte) 0xFE, 0, (byte) 0x80, '{'},
        utf8(cleanBids.get(40).replace("\"bidId\":\"", "\"bidId\":\"ctl-").replace("\"participantId\":\"", "\"participantId\":\"\\u001b[2J")))));
    String r0 = cleanReadings.get(0);
    Files.write(hostileReadings, withBadLines(cleanReadings, List.of(
        latin1(r0.replace("\"participantId\":\"", "\"participantId\":\"\u00E9")),
        utf8(r0.replaceFirst("\"feederId\":\"[^\"]*\"", "\"feederId\":\"feeder-zz\"")),
        utf8(r0.replace(":00:00Z\",\"measuredKwh\"", ":07:00Z\",\"measuredKwh\"").replace(":15:00Z\",\"measuredKwh\"", ":07:00Z\",\"measuredKwh\"")
            .replace(":30:00Z\",\"measuredKwh\"", ":07:00Z\",\"measuredKwh\"").replace(":45:00Z\",\"measuredKwh\"", ":07:00Z\",\"measuredKwh\"")),
        utf8(r0.replace("2026-11-24T", "2090-11-24T")))));
    clean = replay(bids, readings);
    hostile = replay(hostileBids, hostileReadings);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The lines, with bad line k (0-based) inserted as line 10 * (k + 1) + 1 of the file. */
  static byte[] withBadLines(List<String> lines, List<byte[]> bad) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int k = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (k < bad.size() && i == 10 * (k + 1) - k) {
        out.writeBytes(bad.get(k++));
        out.write('\n');
      }
      out.writeBytes(utf8(lines.get(i) + "\n"));
    }
    return out.toByteArray();
  }

  static Path replay(Path bids, Path readings) throws Exception {
    Path out = Files.createDirectories(dir.resolve("out-" + UUID.randomUUID()));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    new ReplayRun(bids, FeederFiles.read(feeders), out, JobOptions.defaults(), new BidCodec(4096), out.toString(),
        IntegrityOptions.defaults(), readings).execute(env);
    ReplayTally.release(out.toString());
    return out;
  }

  @Test
  void eachBadBidLineIsOneRejectionNamingItsLineAndTheRestClearsAsWithoutIt() throws Exception {
    List<String> rejections = Files.readAllLines(hostile.resolve(ReplayRun.REJECTIONS));
    assertEquals(3, rejections.size(), rejections.toString());
    // sorted by feeder (null first), frame, bid id, reason, raw: "\\xFF..." before "{..."
    assertTrue(rejections.get(0).contains("\"detail\":\"hostile-bids.jsonl line 21: not valid UTF-8: 3 byte(s)"
        + " outside valid UTF-8 sequences, the first at byte 0 (0xFF)"), rejections.get(0));
    assertTrue(rejections.get(0).endsWith("\"raw\":\"\\\\xFF\\\\xFE\\u0000\\\\x80{\"}"), rejections.get(0));
    assertTrue(rejections.get(1).contains("\"reason\":\"MALFORMED\",\"detail\":\"hostile-bids.jsonl line 11: not valid UTF-8: 1 byte(s)"),
        rejections.get(1));
    assertTrue(rejections.get(1).contains("\"participantId\\\":\\\"M\\\\xFC"), "raw escapes the byte: " + rejections.get(1));
    assertTrue(rejections.get(2).contains("\"bidId\":\"ctl-")
        && rejections.get(2).contains("participantId contains a control character (U+001B)"), rejections.get(2));
    for (String f : List.of(ReplayRun.ALLOCATIONS, ReplayRun.REPORTS, ReplayRun.LEDGER)) {
      assertEquals(Files.readString(clean.resolve(f)), Files.readString(hostile.resolve(f)), f);
    }
    long cleared = Files.readAllLines(hostile.resolve(ReplayRun.REPORTS)).stream()
        .mapToLong(r -> Long.parseLong(r.replaceFirst(".*?\"bids\":(\\d+),.*", "$1"))).sum();
    assertEquals(cleanBids.size() + 3, cleared + rejections.size(), "sum of report bids + rejections = bids received");
  }

  @Test
  void badReadingsAreNotesAndTheRestSettlesAsWithoutThem() throws Exception {
    List<String> settlements = Files.readAllLines(hostile.resolve(ReplayRun.SETTLEMENTS));
    List<String> notes = settlements.stream().filter(l -> l.startsWith("{\"type\":\"reading-rejected\"")).toList();
    List<String> rest = new ArrayList<>(settlements);
    rest.removeAll(notes);
    assertEquals(Files.readAllLines(clean.resolve(ReplayRun.SETTLEMENTS)), rest);
    assertEquals(4, notes.size(), notes.toString());
    String all = String.join("\n", notes);
    assertTrue(all.contains("hostile-readings.jsonl line 11: not valid UTF-8: 1 byte(s)"), all);
    assertTrue(all.contains("feederId 'feeder-zz' is not a loaded feeder"), all);
    assertTrue(all.contains("is not aligned to 15-minute frames"), all);
    assertTrue(all.contains("readingAt 2090-11-24T10:16:19Z is more than 24 h ahead of the newest reading so far"), all);
  }

  @Test
  void everyOutputIsValidUtf8() throws Exception {
    try (var files = Files.list(hostile)) {
      for (Path f : files.toList()) {
        byte[] b = Files.readAllBytes(f);
        assertNotNull(RecordText.text(b, 0, b.length), f + " is valid UTF-8");
      }
    }
  }
}
