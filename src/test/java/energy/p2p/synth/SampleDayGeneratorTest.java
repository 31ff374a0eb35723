package energy.p2p.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.grid.RadialFeeder;
import energy.p2p.io.BidCodec;
import energy.p2p.io.FeederReader;
import energy.p2p.model.Bid;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Side;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDayGeneratorTest {
  static final Path TEMPLATE = Path.of("sample-data/feeders");
  static final DayConfig SMALL = new DayConfig(3, 30, 36, 24, 0.5, 10, LocalDate.of(2026, 11, 24), 11L);

  @Test
  void theSameSeedGivesTheSameBytes(@TempDir Path dir) throws Exception {
    new SampleDayGenerator(SMALL).write(TEMPLATE, "ieee33", dir.resolve("f1"), dir.resolve("a.jsonl"));
    new SampleDayGenerator(SMALL).write(TEMPLATE, "ieee33", dir.resolve("f2"), dir.resolve("b.jsonl"));
    assertArrayEquals(Files.readAllBytes(dir.resolve("a.jsonl")), Files.readAllBytes(dir.resolve("b.jsonl")));
  }

  @Test
  void severalDaysContinueTheFramesInArrivalOrderWithUniqueIdsAndTheFirstDayUnchanged(@TempDir Path dir)
      throws Exception {
    DayConfig oneDay = new DayConfig(2, 20, 0, 96, 0.3, 50, LocalDate.of(2026, 11, 24), 3L);
    new SampleDayGenerator(oneDay).write(TEMPLATE, "ieee33", dir.resolve("f1"), dir.resolve("one.jsonl"));
    SampleDayGenerator.Result r = new SampleDayGenerator(oneDay.withDays(3))
        .write(TEMPLATE, "ieee33", dir.resolve("f3"), dir.resolve("three.jsonl"));
    BidCodec codec = new BidCodec(1 << 20);
    List<String> lines = Files.readAllLines(dir.resolve("three.jsonl"));
    List<Bid> good = lines.stream().map(codec::parse).map(p -> p.bid()).filter(Objects::nonNull)
        .filter(b -> !r.badBids().containsKey(b.bidId())).toList();
    long day = LocalDate.of(2026, 11, 24).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
    assertEquals(day + 3 * 86_400_000L - 15 * 60_000L, good.stream().mapToLong(Bid::frameStartMs).max().orElseThrow(),
        "the last frame is the third day's 23:45");
    java.util.Set<String> seenIds = new java.util.HashSet<>();
    assertEquals(List.of(), good.stream().map(Bid::bidId).filter(id -> !seenIds.add(id)).toList(), "bid ids stay unique");
    long twins = r.badBids().values().stream().filter(c -> c == ReasonCode.DUPLICATE).count(); // original left out too
    assertEquals(r.goodBids() - twins, good.size());
    for (int i = 1; i < good.size(); i++) { // arrival order: submittedAt + at most 60 s of jitter
      assertTrue(good.get(i).submittedAtMs() > good.get(i - 1).submittedAtMs() - 60_000L, "line " + i);
    }
    long firstDay = Files.readAllLines(dir.resolve("one.jsonl")).stream().map(codec::parse)
        .filter(p -> p.isBid() && p.bid().frameStartMs() < day + 86_400_000L - 2 * 3_600_000L).count();
    long sameInThree = lines.stream().map(codec::parse)
        .filter(p -> p.isBid() && p.bid().frameStartMs() < day + 86_400_000L - 2 * 3_600_000L).count();
    assertEquals(firstDay, sameInThree, "the days before the last evening are those of the one-day file");
  }

  @Test
  void writesReadableFeederCopiesUnderNewIds(@TempDir Path dir) throws Exception {
    new SampleDayGenerator(SMALL).write(TEMPLATE, "ieee33", dir, dir.resolve("bids.jsonl"));
    Map<String, RadialFeeder> feeders = FeederReader.readAll(dir);
    assertEquals(List.of("feeder-a", "feeder-b", "feeder-c"), List.copyOf(feeders.keySet()));
    assertEquals(33, feeders.get("feeder-b").busCount());
  }

  @Test
  void mixesBuyersAndSellersAndEveryKindOfBadBid(@TempDir Path dir) throws Exception {
    SampleDayGenerator.Result r =
        new SampleDayGenerator(SMALL).write(TEMPLATE, "ieee33", dir, dir.resolve("bids.jsonl"));
    EnumSet<ReasonCode> reasons = EnumSet.noneOf(ReasonCode.class);
    reasons.addAll(r.badBids().values());
    assertEquals(EnumSet.complementOf(EnumSet.of(ReasonCode.CAPACITY, ReasonCode.BAD_SIGNATURE,
        ReasonCode.UNKNOWN_PARTICIPANT)), reasons, "all but CAPACITY (needs a flood) and the opt-in signature checks");
    BidCodec codec = new BidCodec(4096);
    List<Bid> good = Files.readAllLines(dir.resolve("bids.jsonl")).stream().map(codec::parse)
        .map(p -> p.bid()).filter(Objects::nonNull).filter(b -> !r.badBids().containsKey(b.bidId())).toList();
    long sellers = good.stream().filter(b -> b.side() == Side.SELL).count();
    assertTrue(sellers > good.size() / 10 && sellers < good.size() / 2, "PV sells around noon: " + sellers);
    assertTrue(good.stream().allMatch(b -> b.bus() != 1), "nobody trades at the substation");
  }

  @Test
  void theSamplePresetTightensOnlyTheLastFeedersLowerVoltageLimit(@TempDir Path dir) throws Exception {
    DayConfig sample = DayConfig.sample();
    DayConfig small = new DayConfig(3, 30, 36, 4, 0.5, 0, sample.day(), 11L, sample.lastFeederVMinPu());
    new SampleDayGenerator(small).write(TEMPLATE, "ieee33", dir, dir.resolve("bids.jsonl"));
    Map<String, RadialFeeder> feeders = FeederReader.readAll(dir);
    RadialFeeder template = FeederReader.read(TEMPLATE, "ieee33");
    assertEquals(template.vMinPu(), feeders.get("feeder-a").vMinPu(), 0.0);
    assertEquals(template.vMinPu(), feeders.get("feeder-b").vMinPu(), 0.0);
    assertEquals(0.9125, feeders.get("feeder-c").vMinPu(), 0.0);
    assertEquals(template.vMaxPu(), feeders.get("feeder-c").vMaxPu(), 0.0);
    // tight but not violated by the base case: the grid binds only when trades draw at the far end
    assertTrue(feeders.get("feeder-c").vMinPu() < 0.91309, "base case must stay within limits");
  }
}
