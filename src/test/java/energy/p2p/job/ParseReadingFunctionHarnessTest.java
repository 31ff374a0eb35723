package energy.p2p.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.io.LineReader;
import energy.p2p.settlement.MeterReading;
import energy.p2p.settlement.MeterReadingJson;
import energy.p2p.settlement.SettlementConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Meter readings that must never reach the settlement's state come out as notes naming why. */
class ParseReadingFunctionHarnessTest {
  static final long MIN = 60_000L;
  static final long FRAME = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();
  static final long YEAR = 365L * 24 * 60 * MIN;
  OneInputStreamOperatorTestHarness<String, MeterReading> harness;

  @BeforeEach
  void open() throws Exception {
    harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new ParseReadingFunction(
        FeederFiles.read(Path.of("sample-data/feeders")), JobOptions.defaults(), SettlementConfig.defaults())));
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  static String reading(String participant, String feeder, long frame, long at) {
    return MeterReadingJson.write(new MeterReading(participant, feeder, frame, 1.5, at));
  }

  List<String> notes() {
    var side = harness.getSideOutput(OutputTags.READING_NOTES);
    return side == null ? List.of() : side.stream().map(StreamRecord::getValue).map(OutputLine::json).toList();
  }

  void assertNote(int i, String detailPart) {
    String note = notes().get(i);
    assertTrue(note.startsWith("{\"type\":\"reading-rejected\""), note);
    assertTrue(note.contains(detailPart), note);
  }

  @Test
  void acceptsAPlausibleReadingOfALoadedFeeder() throws Exception {
    harness.processElement(reading("p-1", "ieee33", FRAME, FRAME + 20 * MIN), 0);
    assertEquals(1, harness.extractOutputValues().size());
    assertEquals(List.of(), notes());
  }

  @Test
  void refusesUnknownFeedersImplausibleFramesAndDirtyIds() throws Exception {
    harness.processElement(reading("p-1", "ieee33", FRAME, FRAME + 20 * MIN), 0); // the newest reading so far
    harness.processElement(reading("p-1", "feeder-x", FRAME, FRAME + 20 * MIN), 0);
    harness.processElement(reading("p-1", "ieee33", FRAME + 7 * MIN, FRAME + 30 * MIN), 0);
    harness.processElement(reading("p-1", "ieee33", FRAME + 100 * YEAR, FRAME + 100 * YEAR + 20 * MIN), 0);
    harness.processElement(reading("p-1", "ieee33", FRAME, FRAME - MIN), 0);
    harness.processElement(reading("p-1", "ieee33", FRAME - 30 * 24 * 60 * MIN, FRAME), 0);
    harness.processElement(reading("p-1", "ieee33", FRAME + 2 * YEAR, FRAME + 2 * YEAR + 20 * MIN), 0);
    harness.processElement(reading("p-\u0007", "ieee33", FRAME, FRAME + 20 * MIN), 0);
    assertEquals(1, harness.extractOutputValues().size(), "only the first one may be settled");
    assertNote(0, "\"feederId\":\"feeder-x\",\"detail\":\"feederId 'feeder-x' is not a loaded feeder\"");
    assertNote(1, "frameStart 2026-11-24T10:07:00Z is not aligned to 15-minute frames");
    assertNote(2, "outside the plausible range 2000..2099");
    assertNote(3, "readingAt 2026-11-24T09:59:00Z is before its frame starts");
    assertNote(4, "is past the frame's correction horizon");
    assertNote(5, "is more than 24 h ahead of the newest reading so far (2026-11-24T10:20:00Z)");
    assertNote(6, "\"feederId\":\"ieee33\",\"detail\":\"participantId contains a control character (U+0007)");
  }

  @Test
  void aReadingLineThatIsNotUtf8IsANoteNamingItsLine() throws Exception {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes((reading("p-1", "ieee33", FRAME, FRAME + 20 * MIN) + "\n").getBytes(StandardCharsets.UTF_8));
    file.writeBytes(reading("p-M\u00FCller", "ieee33", FRAME, FRAME + 20 * MIN).getBytes(StandardCharsets.ISO_8859_1));
    try (LineReader lines = new LineReader(new ByteArrayInputStream(file.toByteArray()), "readings.jsonl", 4096)) {
      for (String l; (l = lines.next()) != null; ) {
        harness.processElement(l, 0);
      }
    }
    assertEquals(1, harness.extractOutputValues().size());
    assertNote(0, "\"feederId\":null,\"detail\":\"readings.jsonl line 2: not valid UTF-8: 1 byte(s)");
    assertNote(0, "\"raw\":\"{\\\"participantId\\\":\\\"p-M\\\\xFCller\\\"");
  }
}
