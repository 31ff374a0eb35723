package energy.p2p.synth;

import energy.p2p.grid.RadialFeeder;
import energy.p2p.io.BidCodec;
import energy.p2p.io.FeederReader;
import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Side;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A seeded day of bids on several copies of one feeder topology: PV households selling around noon,
 * households and EVs buying in the evening and at night, small businesses buying in opening hours,
 * and a sprinkling of every kind of bad bid ({@link BadBids}). The file is in arrival order:
 * by submittedAt, with up to 60 s of jitter (well inside the job's default out-of-orderness).
 * Same config, same bytes. Written as it is generated (a few frames' bids in memory), so a
 * multi-day file (frames beyond 96 continue into the next days) costs no more memory than a day.
 */
public final class SampleDayGenerator {
  private static final long MIN = 60_000L;
  private final DayConfig config;

  public SampleDayGenerator(DayConfig config) {
    this.config = config;
  }

  /** What was written: counts, and the expected reason of every bad bid by its bidId. */
  public record Result(int feeders, int prosumers, int goodBids, Map<String, ReasonCode> badBids) {}

  /** Feeder id number {@code i} (0-based): feeder-a.. for up to 26 feeders, else feeder-001... */
  public String feederId(int i) {
    return config.feeders() <= 26 ? "feeder-" + (char) ('a' + i) : String.format("feeder-%03d", i + 1);
  }

  /**
   * Writes the feeder copies of {@code templateDir/templateId.*} and {@code bidsFile} into their
   * folders.
   */
  public Result write(Path templateDir, String templateId, Path feedersOut, Path bidsFile) throws IOException {
    RadialFeeder template = FeederReader.read(templateDir, templateId);
    Files.createDirectories(feedersOut);
    for (int f = 0; f < config.feeders(); f++) {
      double vMinPu = f == config.feeders() - 1 ? config.lastFeederVMinPu() : Double.NaN;
      FeederCopies.write(templateDir, templateId, feedersOut, feederId(f), vMinPu);
    }
    SplittableRandom rnd = new SplittableRandom(config.seed());
    List<Prosumer> prosumers = prosumers(template, rnd);
    Files.createDirectories(bidsFile.toAbsolutePath().getParent());
    try (BufferedWriter w = Files.newBufferedWriter(bidsFile, StandardCharsets.UTF_8)) {
      Counts counts = new Counts();
      // arrival order, streamed: a frame's bids arrive from 60 min before its start on, so after
      // generating frame f everything arriving before frame f+1's first arrival is final
      PriorityQueue<Arrival> pending = new PriorityQueue<>(ARRIVAL_ORDER);
      long day = config.day().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      int lastFrame = config.firstFrame() + config.frames() - 1;
      for (int frame = config.firstFrame(); frame <= lastFrame; frame++) {
        long frameStart = day + frame * 15 * MIN;
        frame(frame, frameStart, lastFrame, prosumers, template.slackBusNumber(), rnd, pending, counts);
        writeBefore(frameStart + 15 * MIN - 60 * MIN, pending, w);
      }
      writeBefore(Long.MAX_VALUE, pending, w);
      return new Result(config.feeders(), prosumers.size(), counts.good, counts.bad);
    }
  }

  private static final Comparator<Arrival> ARRIVAL_ORDER =
      Comparator.comparingLong(Arrival::atMs).thenComparingLong(Arrival::seq);

  /** Running counts and the expected reason of every bad bid by its bidId. */
  private static final class Counts {
    final Map<String, ReasonCode> bad = new LinkedHashMap<>();
    int good;
    int badIndex;
    long seq;
  }

  /** The bids of one frame (good ones, and now and then a bad one), into {@code pending}. */
  private void frame(int frame, long frameStart, int lastFrame, List<Prosumer> prosumers, int slackBus,
      SplittableRandom rnd, PriorityQueue<Arrival> pending, Counts c) {
    double hour = (frame % 96) / 4.0 + 0.125;
    for (Prosumer p : prosumers) {
      if (rnd.nextDouble() >= config.activity()) {
        continue;
      }
      Bid bid = bid(p, frame, frameStart, hour, rnd);
      long arrival = bid.submittedAtMs() + rnd.nextLong(60_000L); // network and client delays
      pending.add(new Arrival(arrival, c.seq++, BidCodec.toJson(bid)));
      c.good++;
      if (config.badEvery() > 0 && c.good % config.badEvery() == 0) {
        BadBids kind = BadBids.values()[c.badIndex++ % BadBids.values().length];
        if (kind == BadBids.ARRIVES_AFTER_GATE && frame >= lastFrame - 1) {
          kind = BadBids.SUBMITTED_AFTER_GATE; // no later bids would carry the watermark past its gate
        }
        String badId = String.format("x-%06d", c.badIndex);
        Bid source = kind == BadBids.DUPLICATE_ID ? bid : rename(bid, badId);
        long when = kind == BadBids.ARRIVES_AFTER_GATE ? frameStart + 20 * MIN : arrival + 1_000L;
        pending.add(new Arrival(when, c.seq++, kind.line(source, slackBus)));
        c.bad.put(kind == BadBids.DUPLICATE_ID ? bid.bidId() : badId, kind.expected);
      }
    }
  }

  private static void writeBefore(long atMs, PriorityQueue<Arrival> pending, BufferedWriter w) throws IOException {
    while (!pending.isEmpty() && pending.peek().atMs() < atMs) {
      w.write(pending.poll().line());
      w.write('\n');
    }
  }

  private List<Prosumer> prosumers(RadialFeeder template, SplittableRandom rnd) {
    List<Prosumer> out = new ArrayList<>();
    for (int f = 0; f < config.feeders(); f++) {
      for (int i = 0; i < config.prosumersPerFeeder(); i++) {
        int bus = template.busNumber(1 + rnd.nextInt(template.busCount() - 1)); // never the slack
        double u = rnd.nextDouble();
        Prosumer.Kind kind = u < 0.40 ? Prosumer.Kind.PV_HOUSEHOLD : u < 0.80 ? Prosumer.Kind.HOUSEHOLD
            : u < 0.95 ? Prosumer.Kind.EV : Prosumer.Kind.COMMERCIAL;
        double sizeKw = switch (kind) {
          case PV_HOUSEHOLD -> 3 + rnd.nextDouble() * 7;
          case HOUSEHOLD -> 1.5 + rnd.nextDouble() * 2.5;
          case EV -> rnd.nextBoolean() ? 7.4 : 11;
          case COMMERCIAL -> 10 + rnd.nextDouble() * 30;
        };
        out.add(new Prosumer(String.format("p-%s-%04d", feederId(f).substring(7), i), feederId(f), bus, kind,
            sizeKw, 0.8 + rnd.nextDouble() * 0.4));
      }
    }
    return out;
  }

  /** A good bid of {@code p} for the frame, submitted 6..60 min before it. */
  private Bid bid(Prosumer p, int frame, long frameStart, double hour, SplittableRandom rnd) {
    double noise = 0.85 + rnd.nextDouble() * 0.3;
    double loadKwh = 0.25 * noise;
    Side side = Side.BUY;
    BuyerClass cls = BuyerClass.STANDARD;
    double price;
    switch (p.kind()) {
      case PV_HOUSEHOLD -> {
        double net = p.sizeKw() * LoadShapes.pv(hour) - 1.2 * LoadShapes.household(hour);
        side = net > 0.2 ? Side.SELL : Side.BUY;
        loadKwh *= Math.max(Math.abs(net), 0.3);
        price = side == Side.SELL ? 0.06 + 0.06 * rnd.nextDouble() : 0.18 + 0.12 * rnd.nextDouble();
      }
      case HOUSEHOLD -> {
        loadKwh *= p.sizeKw() * LoadShapes.household(hour);
        price = 0.16 + 0.14 * rnd.nextDouble();
      }
      case EV -> {
        loadKwh *= p.sizeKw() * Math.max(LoadShapes.ev(hour), 0.1);
        cls = BuyerClass.HIGH;
        price = 0.18 + 0.17 * rnd.nextDouble();
      }
      default -> {
        loadKwh *= p.sizeKw() * LoadShapes.commercial(hour);
        cls = BuyerClass.ULTRA_HIGH;
        price = 0.25 + 0.2 * rnd.nextDouble();
      }
    }
    double kwh = Math.round(Math.max(loadKwh, 0.05) * 1000) / 1000.0;
    price = Math.round(price * p.priceFactor() * 10000) / 10000.0;
    long submitted = frameStart - 6 * MIN - rnd.nextLong(54 * 60) * 1000L; // whole seconds
    String id = String.format("b-%s-%02d-%s", p.feederId().substring(7), frame, p.id().substring(p.id().lastIndexOf('-') + 1));
    return new Bid(id, p.id(), p.feederId(), p.bus(), side, kwh, price, frameStart, submitted, cls);
  }

  private static Bid rename(Bid b, String id) {
    return new Bid(id, b.participantId(), b.feederId(), b.bus(), b.side(), b.quantityKwh(), b.limitPrice(),
        b.frameStartMs(), b.submittedAtMs(), b.buyerClass());
  }

  private record Arrival(long atMs, long seq, String line) {}
}
