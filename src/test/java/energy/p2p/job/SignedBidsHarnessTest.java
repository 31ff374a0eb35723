package energy.p2p.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import energy.p2p.io.BidCodec;
import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Rejection;
import energy.p2p.model.Side;
import energy.p2p.security.BidSignatures;
import energy.p2p.security.Ed25519Keys;
import energy.p2p.security.ParticipantRegistry;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** parse + validate with --require-signatures: the check happens before a bid can move event time. */
class SignedBidsHarnessTest {
  static final long FRAME = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();
  static final KeyPair P = Ed25519Keys.fromSeed(new byte[32]);
  OneInputStreamOperatorTestHarness<IntakeRecord, WindowInput> harness;
  BidIntake intake;

  @BeforeEach
  void open() throws Exception {
    ParticipantRegistry registry = ParticipantRegistry.of(Map.of("p", Ed25519Keys.publicKeyBase64(P.getPublic())));
    FeederFiles feeders = FeederFiles.read(Path.of("sample-data/feeders"));
    intake = MarketJob.intake(new BidCodec(4096), feeders, JobOptions.defaults(),
        IntegrityOptions.defaults().withParticipants(registry));
    harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new ParseValidateFunction(
        feeders, JobOptions.defaults())));
    harness.open();
  }

  IntakeRecord read(String line) {
    return intake.read(line, 0, IntakeRecord.NOT_RECEIVED);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  static Bid bid(String id, String participant, long frame) {
    return new Bid(id, participant, "ieee33", 5, Side.BUY, 1, 0.2, frame, frame - 20 * 60_000L, BuyerClass.STANDARD);
  }

  List<Rejection> rejections() {
    var side = harness.getSideOutput(OutputTags.REJECTIONS);
    return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
  }

  @Test
  void passesSignedBidsAndRejectsUnsignedForgedAndUnregisteredOnes() throws Exception {
    Bid good = bid("a", "p", FRAME);
    harness.processElement(read(BidCodec.toJson(good, BidSignatures.sign(good, P.getPrivate()))), 0);
    harness.processElement(read(BidCodec.toJson(bid("b", "p", FRAME))), 0);
    Bid forged = bid("c", "p", FRAME);
    harness.processElement(read(BidCodec.toJson(forged, BidSignatures.sign(forged, Ed25519Keys.generate().getPrivate()))), 0);
    Bid stranger = bid("d", "q", FRAME);
    harness.processElement(read(BidCodec.toJson(stranger, BidSignatures.sign(stranger, P.getPrivate()))), 0);
    assertEquals(List.of("a"), harness.extractOutputValues().stream().filter(r -> !r.isClock()).map(r -> r.bid().bidId()).toList());
    assertEquals(List.of(ReasonCode.BAD_SIGNATURE, ReasonCode.BAD_SIGNATURE, ReasonCode.UNKNOWN_PARTICIPANT),
        rejections().stream().map(Rejection::reason).toList());
  }

  @Test
  void anUnsignedBidFromTheFutureDoesNotMoveTheEventTimeGuard() throws Exception {
    harness.processElement(read(BidCodec.toJson(bid("x", "p", FRAME + 30L * 86_400_000L))), 0); // rejected: unsigned
    Bid next = bid("a", "p", FRAME);
    harness.processElement(read(BidCodec.toJson(next, BidSignatures.sign(next, P.getPrivate()))), 0);
    Bid jump = bid("j", "p", FRAME + 2L * 86_400_000L); // 2 days ahead of the newest SIGNED bid
    harness.processElement(read(BidCodec.toJson(jump, BidSignatures.sign(jump, P.getPrivate()))), 0);
    assertEquals(List.of("a"), harness.extractOutputValues().stream().filter(r -> !r.isClock()).map(r -> r.bid().bidId()).toList());
    assertEquals(List.of(ReasonCode.BAD_SIGNATURE, ReasonCode.BAD_TIMESTAMP),
        rejections().stream().map(Rejection::reason).toList());
  }
}
