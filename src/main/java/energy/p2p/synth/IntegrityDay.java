package energy.p2p.synth;

import energy.p2p.io.BidCodec;
import energy.p2p.io.ParsedBid;
import energy.p2p.model.Bid;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Side;
import energy.p2p.security.BidSignatures;
import energy.p2p.security.Ed25519Keys;
import energy.p2p.security.ParticipantRegistry;
import energy.p2p.settlement.MeterReading;
import energy.p2p.settlement.MeterReadingJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Makes a generated day signed and measurable: signs every bid of a bids file in place with its
 * participant's DEMO key, adds a few bids that signatures must stop (forged, replayed on changed
 * fields, unregistered participant), writes the key registry (public keys only) and meter readings.
 *
 * <p>DEMO KEYS: a participant's key pair is derived from SHA-256 of (seed, participantId), so anyone
 * can recompute it — fine for sample data, never for real participants (use {@code keygen}).
 * Readings cover the frames with trading (a SELL bid on the feeder): measured = bid quantity ± 10 %,
 * taken 1–30 min after the frame; a few are missing and a few late (after the 1 h deadline).
 */
public final class IntegrityDay {
  private static final long MIN = 60_000L;
  private final long seed;
  private final int badEvery;

  /** {@code badEvery}: one forged / replayed / unregistered bid per this many signed bids (0 = none). */
  public IntegrityDay(long seed, int badEvery) {
    this.seed = seed;
    this.badEvery = badEvery;
  }

  public record Result(int participants, int signedBids, int readings, int missingReadings, int lateReadings,
      Map<String, ReasonCode> badBids) {}

  /** The demo key pair of a participant (see the class comment: not secret). */
  public static KeyPair demoKey(long seed, String participantId) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] s = d.digest(("p2p-energy-trading DEMO key (not secret)|" + seed + "|" + participantId)
          .getBytes(StandardCharsets.UTF_8));
      return Ed25519Keys.fromSeed(s);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Result write(Path bidsFile, Path participantsOut, Path readingsOut, int frameMinutes) throws IOException {
    BidCodec codec = new BidCodec(1 << 20);
    List<String> out = new ArrayList<>();
    Map<String, String> registry = new TreeMap<>();
    Map<String, ReasonCode> bad = new LinkedHashMap<>();
    List<Bid> good = new ArrayList<>();
    Set<String> seenIds = new HashSet<>();
    int signed = 0;
    for (String line : Files.readAllLines(bidsFile, StandardCharsets.UTF_8)) {
      ParsedBid p = line.startsWith("{") && line.endsWith("}") ? codec.parse(line) : null;
      if (p == null || !p.isBid()) {
        out.add(line);
        continue;
      }
      Bid b = p.bid();
      KeyPair key = demoKey(seed, b.participantId());
      registry.put(b.participantId(), Ed25519Keys.publicKeyBase64(key.getPublic()));
      out.add(withSignature(line, BidSignatures.sign(b, key.getPrivate())));
      signed++;
      if (b.bidId().startsWith("b-") && seenIds.add(b.bidId())) {
        good.add(b);
      }
      if (badEvery > 0 && signed % badEvery == 0 && b.bidId().startsWith("b-")) {
        addSignatureBadBids(b, signed / badEvery, out, bad);
      }
    }
    Files.write(bidsFile, out, StandardCharsets.UTF_8);
    Files.writeString(participantsOut, "# DEMO public keys of the sample day: the private keys are derived from the\n"
        + "# generator's seed (IntegrityDay.demoKey) and are NOT secret.\n"
        + ParticipantRegistry.of(registry).toFileText(), StandardCharsets.UTF_8);
    int[] counts = writeReadings(good, readingsOut, frameMinutes * MIN);
    return new Result(registry.size(), signed, counts[0], counts[1], counts[2], bad);
  }

  /** Three bids per call, in rotation: forged, replayed on a changed field, unregistered participant. */
  private void addSignatureBadBids(Bid b, int n, List<String> out, Map<String, ReasonCode> bad) {
    String id = String.format("%06d", n);
    switch (n % 3) {
      case 0 -> { // signed with somebody else's key
        Bid forged = rename(b, "sf-" + id, b.participantId(), b.quantityKwh());
        out.add(BidCodec.toJson(forged, BidSignatures.sign(forged, demoKey(seed, "mallory").getPrivate())));
        bad.put(forged.bidId(), ReasonCode.BAD_SIGNATURE);
      }
      case 1 -> { // a genuine signature replayed on a bid with a changed quantity
        Bid original = rename(b, "sr-" + id, b.participantId(), b.quantityKwh());
        String sig = BidSignatures.sign(original, demoKey(seed, b.participantId()).getPrivate());
        out.add(BidCodec.toJson(rename(original, original.bidId(), b.participantId(), b.quantityKwh() * 2), sig));
        bad.put(original.bidId(), ReasonCode.BAD_SIGNATURE);
      }
      default -> { // properly signed, but the participant is not registered
        Bid stranger = rename(b, "su-" + id, "p-unregistered-" + id, b.quantityKwh());
        out.add(BidCodec.toJson(stranger, BidSignatures.sign(stranger, demoKey(seed, stranger.participantId()).getPrivate())));
        bad.put(stranger.bidId(), ReasonCode.UNKNOWN_PARTICIPANT);
      }
    }
  }

  private int[] writeReadings(List<Bid> bids, Path readingsOut, long frameMs) throws IOException {
    Set<String> tradingFrames = new HashSet<>();
    for (Bid b : bids) {
      if (b.side() == Side.SELL) {
        tradingFrames.add(b.feederId() + "/" + b.frameStartMs());
      }
    }
    SplittableRandom rnd = new SplittableRandom(seed ^ 0x5e771e5L);
    List<MeterReading> readings = new ArrayList<>();
    int missing = 0;
    int late = 0;
    for (Bid b : bids) {
      if (!tradingFrames.contains(b.feederId() + "/" + b.frameStartMs())) {
        continue;
      }
      double u = rnd.nextDouble();
      double kwh = Math.round(b.quantityKwh() * (0.9 + 0.2 * rnd.nextDouble()) * 1000) / 1000.0;
      long end = b.frameStartMs() + frameMs;
      if (u < 0.03) {
        missing++;
        continue;
      }
      long at = u < 0.04 ? end + 90 * MIN + rnd.nextLong(60) * MIN : end + MIN + rnd.nextLong(29 * 60) * 1000L;
      late += u < 0.04 ? 1 : 0;
      readings.add(new MeterReading(b.participantId(), b.feederId(), b.frameStartMs(), kwh, at));
    }
    readings.sort(Comparator.comparingLong(MeterReading::readingAtMs).thenComparing(MeterReading::participantId));
    List<String> lines = new ArrayList<>(readings.size());
    readings.forEach(r -> lines.add(MeterReadingJson.write(r)));
    Files.write(readingsOut, lines, StandardCharsets.UTF_8);
    return new int[] {readings.size(), missing, late};
  }

  private static String withSignature(String jsonLine, String signature) {
    return jsonLine.substring(0, jsonLine.length() - 1) + ",\"signature\":\"" + signature + "\"}";
  }

  private static Bid rename(Bid b, String bidId, String participantId, double quantityKwh) {
    return new Bid(bidId, participantId, b.feederId(), b.bus(), b.side(), quantityKwh, b.limitPrice(),
        b.frameStartMs(), b.submittedAtMs(), b.buyerClass());
  }
}
