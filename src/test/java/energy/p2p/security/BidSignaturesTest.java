package energy.p2p.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.io.BidCodec;
import energy.p2p.io.ParsedBid;
import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Rejection;
import energy.p2p.model.Side;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BidSignaturesTest {
  private static final long FRAME = java.time.Instant.parse("2026-11-24T00:00:00Z").toEpochMilli();
  private static final KeyPair ALICE = Ed25519Keys.fromSeed(seed(1));
  private static final KeyPair MALLORY = Ed25519Keys.fromSeed(seed(2));
  private static final SignatureCheck CHECK = new SignatureCheck(ParticipantRegistry.of(
      Map.of("alice", Ed25519Keys.publicKeyBase64(ALICE.getPublic()))));

  private static Bid bid(String participant, double kwh) {
    return new Bid("b-1", participant, "feeder-a", 7, Side.BUY, kwh, 0.21, FRAME, FRAME - 600_000, BuyerClass.STANDARD);
  }

  private static byte[] seed(int n) {
    byte[] s = new byte[32];
    Arrays.fill(s, (byte) n);
    return s;
  }

  @Test
  void acceptsBidSignedByItsParticipantsRegisteredKey() {
    Bid b = bid("alice", 1.5);
    assertEquals(Optional.empty(), CHECK.check(b, BidSignatures.sign(b, ALICE.getPrivate()), "raw"));
  }

  @Test
  void rejectsForgedSignatureMadeWithAnotherKey() {
    Bid b = bid("alice", 1.5);
    Rejection r = CHECK.check(b, BidSignatures.sign(b, MALLORY.getPrivate()), "raw").orElseThrow();
    assertEquals(ReasonCode.BAD_SIGNATURE, r.reason());
    assertEquals("b-1", r.bidId());
  }

  @Test
  void rejectsSignatureReplayedOnABidWithAChangedField() {
    Bid signed = bid("alice", 1.5);
    String sig = BidSignatures.sign(signed, ALICE.getPrivate());
    Bid changed = bid("alice", 15.0);
    assertEquals(ReasonCode.BAD_SIGNATURE, CHECK.check(changed, sig, "raw").orElseThrow().reason());
    Bid otherFrame = new Bid("b-1", "alice", "feeder-a", 7, Side.BUY, 1.5, 0.21, FRAME + 900_000, FRAME,
        BuyerClass.STANDARD);
    assertEquals(ReasonCode.BAD_SIGNATURE, CHECK.check(otherFrame, sig, "raw").orElseThrow().reason());
  }

  @Test
  void rejectsMissingAndMalformedSignatures() {
    Bid b = bid("alice", 1.5);
    assertEquals(ReasonCode.BAD_SIGNATURE, CHECK.check(b, null, "raw").orElseThrow().reason());
    assertEquals(ReasonCode.BAD_SIGNATURE, CHECK.check(b, "not base64!", "raw").orElseThrow().reason());
    assertEquals(ReasonCode.BAD_SIGNATURE, CHECK.check(b, "AAAA", "raw").orElseThrow().reason());
  }

  @Test
  void rejectsUnknownParticipantEvenWithAValidSignature() {
    Bid b = bid("mallory", 1.5);
    Rejection r = CHECK.check(b, BidSignatures.sign(b, MALLORY.getPrivate()), "raw").orElseThrow();
    assertEquals(ReasonCode.UNKNOWN_PARTICIPANT, r.reason());
  }

  @Test
  void signatureTravelsThroughTheCodecInJsonAndCsv() {
    Bid b = bid("alice", 1.5);
    String sig = BidSignatures.sign(b, ALICE.getPrivate());
    BidCodec codec = new BidCodec(4096);
    ParsedBid json = codec.parse(BidCodec.toJson(b, sig));
    assertEquals(b, json.bid());
    assertEquals(sig, json.signature());
    assertTrue(CHECK.check(json.bid(), json.signature(), "raw").isEmpty());
    String header = BidCodec.CSV_HEADER + ",signature";
    assertTrue(BidCodec.isCsvHeader(header));
    ParsedBid csv = codec.withCsvHeader(header).parse(BidCodec.toCsv(b) + "," + sig);
    assertEquals(b, csv.bid());
    assertEquals(sig, csv.signature());
    assertEquals(null, codec.parse(BidCodec.toJson(b)).signature());
  }

  @Test
  void canonicalFormWritesNumbersAsPlainDecimals() {
    Bid b = new Bid("b-1", "alice", "feeder-a", 7, Side.SELL, 3.0, 0.00005, FRAME, FRAME - 60_000, null);
    assertEquals("{\"v\":1,\"bidId\":\"b-1\",\"participantId\":\"alice\",\"feederId\":\"feeder-a\",\"bus\":7,"
        + "\"side\":\"SELL\",\"quantityKwh\":\"3\",\"limitPrice\":\"0.00005\",\"frameStart\":\"2026-11-24T00:00:00Z\","
        + "\"submittedAt\":\"2026-11-23T23:59:00Z\",\"buyerClass\":\"STANDARD\"}", BidCanonicalForm.text(b));
  }

  @Test
  void sameSeedGivesSameKeysAndKeysRoundTrip() {
    KeyPair again = Ed25519Keys.fromSeed(seed(1));
    assertEquals(Ed25519Keys.publicKeyBase64(ALICE.getPublic()), Ed25519Keys.publicKeyBase64(again.getPublic()));
    assertFalse(Ed25519Keys.publicKeyBase64(ALICE.getPublic()).equals(Ed25519Keys.publicKeyBase64(MALLORY.getPublic())));
    Bid b = bid("alice", 1.5);
    String sig = BidSignatures.sign(b, Ed25519Keys.privateKey(Ed25519Keys.privateKeyBase64(ALICE.getPrivate())));
    assertTrue(BidSignatures.verify(b, sig, Ed25519Keys.publicKey(Ed25519Keys.publicKeyBase64(ALICE.getPublic()))));
  }

  @Test
  void keyFilesRoundTrip(@TempDir Path dir) throws Exception {
    KeyPair pair = Ed25519Keys.generate();
    KeyFiles.writePrivate(dir.resolve("a.key"), pair.getPrivate());
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve("a.key"))), "the private key is owner-only");
    KeyFiles.writePublic(dir.resolve("a.pub"), pair);
    Bid b = bid("alice", 1.5);
    String sig = BidSignatures.sign(b, KeyFiles.readPrivate(dir.resolve("a.key")));
    String pub = Files.readString(dir.resolve("a.pub")).trim();
    assertTrue(BidSignatures.verify(b, sig, Ed25519Keys.publicKey(pub)));
    var e = assertThrows(IllegalArgumentException.class, () -> KeyFiles.readPrivate(dir.resolve("a.pub")));
    assertTrue(e.getMessage().contains("a.pub"), e.getMessage());
  }

  @Test
  void registryErrorsNameFileAndLine(@TempDir Path dir) throws Exception {
    String alice = Ed25519Keys.publicKeyBase64(ALICE.getPublic());
    Path ok = dir.resolve("ok.csv");
    Files.writeString(ok, "participantId,publicKeyBase64\n# demo\n\nalice," + alice + "\n", StandardCharsets.UTF_8);
    assertEquals(1, ParticipantRegistry.read(ok).size());
    assertEquals(ALICE.getPublic(), ParticipantRegistry.read(ok).key("alice"));

    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "alice," + alice + "\nbob,notakey\n", StandardCharsets.UTF_8);
    var e = assertThrows(IllegalArgumentException.class, () -> ParticipantRegistry.read(bad));
    assertTrue(e.getMessage().contains("bad.csv line 2") && e.getMessage().contains("bob"), e.getMessage());

    Files.writeString(bad, "alice," + alice + "\nalice," + alice + "\n", StandardCharsets.UTF_8);
    e = assertThrows(IllegalArgumentException.class, () -> ParticipantRegistry.read(bad));
    assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("twice"), e.getMessage());

    Files.writeString(bad, "alice " + alice + "\n", StandardCharsets.UTF_8);
    e = assertThrows(IllegalArgumentException.class, () -> ParticipantRegistry.read(bad));
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
  }
}
