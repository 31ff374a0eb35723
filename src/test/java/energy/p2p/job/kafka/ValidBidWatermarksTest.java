package energy.p2p.job.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import energy.p2p.io.BidCodec;
import energy.p2p.job.FeederFiles;
import energy.p2p.job.JobOptions;
import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.Side;
import energy.p2p.security.BidSignatures;
import energy.p2p.security.Ed25519Keys;
import energy.p2p.security.ParticipantRegistry;
import energy.p2p.security.SignatureCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class ValidBidWatermarksTest {
  static final JobOptions OPTIONS = JobOptions.defaults();

  final List<Long> emitted = new ArrayList<>();
  final WatermarkOutput output = new WatermarkOutput() {
    @Override
    public void emitWatermark(Watermark w) {
      emitted.add(w.getTimestamp());
    }

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}
  };

  static ValidBidWatermarks.ValidSubmittedAt assigner() {
    return new ValidBidWatermarks.ValidSubmittedAt(new BidCodec(4096), FeederFiles.read(Path.of("sample-data/feeders")),
        OPTIONS);
  }

  static String validBid() throws Exception {
    return Files.readAllLines(Path.of("sample-data/book-ieee33.jsonl")).get(0);
  }

  @Test
  void onlyValidBidsGetTheirSubmittedAtAsEventTime() throws Exception {
    var assigner = assigner();
    String valid = validBid();
    assertEquals(Instant.parse("2026-11-24T09:45:15.620Z").toEpochMilli(), assigner.extractTimestamp(valid, 0));
    assertEquals(ValidBidWatermarks.NO_EVENT_TIME, assigner.extractTimestamp("{not json", 0));
    assertEquals(ValidBidWatermarks.NO_EVENT_TIME,
        assigner.extractTimestamp(valid.replace("\"ieee33\"", "\"no-such-feeder\""), 0), "unknown feeder");
    assertEquals(ValidBidWatermarks.NO_EVENT_TIME,
        assigner.extractTimestamp(valid.replace("\"quantityKwh\":2.288", "\"quantityKwh\":-1"), 0), "bad quantity");
    assertEquals(ValidBidWatermarks.NO_EVENT_TIME, assigner.extractTimestamp("", 0), "blank line");
  }

  @Test
  void recordsThatAreNotValidBidsNeverMoveTheWatermark() {
    var g = new ValidBidWatermarks(OPTIONS);
    g.onEvent("x", ValidBidWatermarks.NO_EVENT_TIME, output);
    assertEquals(List.of(), emitted);
    g.onEvent("x", 1_000_000L, output);
    g.onEvent("x", ValidBidWatermarks.NO_EVENT_TIME, output);
    assertEquals(List.of(1_000_000L - OPTIONS.outOfOrderness().toMillis() - 1), emitted);
  }

  @Test
  void bidFurtherAheadThanTheMaxJumpDoesNotMoveThePartitionWatermark() {
    var g = new ValidBidWatermarks(OPTIONS);
    long t = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();
    long bound = OPTIONS.outOfOrderness().toMillis();
    g.onEvent("x", t, output);
    g.onEvent("forged", t + OPTIONS.maxEventTimeJump().toMillis() + 1, output); // the reader rejects it BAD_TIMESTAMP
    g.onEvent("x", t + 60_000, output);
    g.onEvent("older", t + 30_000, output); // out of order: the watermark never goes back
    assertEquals(List.of(t - bound - 1, t + 60_000 - bound - 1), emitted);
  }

  @Test
  void aBidWhoseSignatureFailsNeverRaisesThePartitionsEventTime() {
    KeyPair key = Ed25519Keys.fromSeed(new byte[32]);
    SignatureCheck check = new SignatureCheck(ParticipantRegistry.of(Map.of("p", Ed25519Keys.publicKeyBase64(key.getPublic()))));
    BidCodec codec = new BidCodec(4096);
    var g = new ValidBidWatermarks(OPTIONS, codec, check);
    long t = Instant.parse("2026-11-24T09:40:00Z").toEpochMilli();
    Bid signed = new Bid("b1", "p", "ieee33", 5, Side.BUY, 1, 0.2, t + 20 * 60_000L, t, BuyerClass.STANDARD);
    Bid later = new Bid("b2", "p", "ieee33", 5, Side.BUY, 1, 0.2, t + 20 * 60_000L, t + 60_000L, BuyerClass.STANDARD);
    g.onEvent(BidCodec.toJson(signed, BidSignatures.sign(signed, key.getPrivate())), t, output);
    g.onEvent(BidCodec.toJson(later, BidSignatures.sign(later, Ed25519Keys.generate().getPrivate())), t + 60_000L, output);
    g.onEvent(BidCodec.toJson(later), t + 60_000L, output); // unsigned
    long bound = OPTIONS.outOfOrderness().toMillis();
    assertEquals(List.of(t - bound - 1), emitted, "forged and unsigned bids leave the watermark where it was");
    g.onEvent(BidCodec.toJson(later, BidSignatures.sign(later, key.getPrivate())), t + 60_000L, output);
    assertEquals(List.of(t - bound - 1, t + 60_000L - bound - 1), emitted);
  }
}
