package energy.p2p.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MeterReadingJsonTest {
  @Test
  void readsAndWritesTheDocumentedForm() {
    String line = "{\"participantId\":\"p-1\",\"feederId\":\"feeder-a\",\"frameStart\":\"2026-11-24T10:00:00Z\","
        + "\"measuredKwh\":1.31,\"readingAt\":\"2026-11-24T10:21:07Z\"}";
    MeterReadingJson.Result r = MeterReadingJson.parse(line);
    assertNull(r.problem());
    assertEquals(new MeterReading("p-1", "feeder-a", Instant.parse("2026-11-24T10:00:00Z").toEpochMilli(), 1.31,
        Instant.parse("2026-11-24T10:21:07Z").toEpochMilli()), r.reading());
    assertEquals(line, MeterReadingJson.write(r.reading()));
  }

  @Test
  void namesWhatIsWrongInsteadOfThrowing() {
    assertTrue(MeterReadingJson.parse("not json").problem().startsWith("not valid JSON"));
    assertTrue(MeterReadingJson.parse("[1]").problem().contains("not a JSON object"));
    assertTrue(MeterReadingJson.parse("{\"feederId\":\"f\",\"frameStart\":\"2026-11-24T10:00:00Z\",\"measuredKwh\":1,"
        + "\"readingAt\":\"2026-11-24T10:20:00Z\"}").problem().contains("participantId"));
    assertTrue(MeterReadingJson.parse("{\"participantId\":\"p\",\"feederId\":\"f\",\"frameStart\":\"2026-11-24T10:00:00Z\","
        + "\"measuredKwh\":-1,\"readingAt\":\"2026-11-24T10:20:00Z\"}").problem().contains("measuredKwh"));
    assertTrue(MeterReadingJson.parse("{\"participantId\":\"p\",\"feederId\":\"f\",\"frameStart\":\"yesterday\","
        + "\"measuredKwh\":1,\"readingAt\":\"2026-11-24T10:20:00Z\"}").problem().contains("ISO-8601"));
  }
}
