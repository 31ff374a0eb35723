package energy.p2p.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.ingest.BidValidator;
import energy.p2p.ingest.ValidationConfig;
import energy.p2p.io.BidCodec;
import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Side;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A Kafka message value that is not UTF-8 is rejected naming where it came from, never repaired. */
class BidIntakeTest {
  static final long FRAME = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();
  final BidIntake intake = new BidIntake(new BidCodec(4096),
      new BidValidator(FeederFiles.read(Path.of("sample-data/feeders")).feeders(), ValidationConfig.defaults()),
      null, TimeModel.SUBMITTED_AT);

  static byte[] latin1Bid() {
    String json = BidCodec.toJson(new Bid("b-1", "p-Mueller", "ieee33", 5, Side.BUY, 1, 0.2, FRAME,
        FRAME - 20 * 60_000L, BuyerClass.STANDARD));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(json.replace("p-Mueller", "p-M\u00FCller").getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }

  @Test
  void aValueThatIsNotUtf8IsMalformedNamingItsOriginWithItsBytesEscaped() {
    IntakeRecord r = intake.read(latin1Bid(), "bids partition 3 offset 1234", 3, 42L);
    assertEquals(ReasonCode.MALFORMED, r.rejection().reason());
    assertTrue(r.rejection().detail().startsWith("bids partition 3 offset 1234: not valid UTF-8: 1 byte(s)"),
        r.rejection().detail());
    assertTrue(r.rejection().raw().contains("\"participantId\":\"p-M\\xFCller\""), r.rejection().raw());
    assertEquals(3, r.partition());
    assertEquals(42L, r.receivedAtMs());
  }

  @Test
  void theSameBidInUtf8IsAcceptedAndAnOversizedValueIsTooLarge() {
    byte[] utf8 = new String(latin1Bid(), StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8);
    assertEquals("p-M\u00FCller", intake.read(utf8, 0, 0L).bid().participantId());
    byte[] big = new byte[5000];
    java.util.Arrays.fill(big, (byte) 0xFF);
    IntakeRecord r = intake.read(big, 1, 0L);
    assertEquals(ReasonCode.TOO_LARGE, r.rejection().reason());
    assertEquals("record is 5000 bytes, the limit is 4096", r.rejection().detail());
  }
}
