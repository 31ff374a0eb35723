package energy.p2p.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.model.Allocation;
import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.ClassStats;
import energy.p2p.model.ClearingReport;
import energy.p2p.model.ClearingStatus;
import energy.p2p.model.Feasibility;
import energy.p2p.model.FrontPoint;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Rejection;
import energy.p2p.model.Side;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BidCodecTest {
  static final String GOOD = "{\"bidId\":\"b-1042\",\"participantId\":\"p-17\",\"feederId\":\"ieee33\",\"bus\":12,"
      + "\"side\":\"BUY\",\"quantityKwh\":3.5,\"limitPrice\":0.21,"
      + "\"frameStart\":\"2026-11-24T10:00:00Z\",\"submittedAt\":\"2026-11-24T09:40:12Z\",\"buyerClass\":\"HIGH\"}";
  final BidCodec codec = new BidCodec(4096);

  @Test
  void readsTheDocumentedJsonBid() {
    Bid b = codec.parse(GOOD).bid();
    assertEquals(new Bid("b-1042", "p-17", "ieee33", 12, Side.BUY, 3.5, 0.21,
        Instant.parse("2026-11-24T10:00:00Z").toEpochMilli(), Instant.parse("2026-11-24T09:40:12Z").toEpochMilli(),
        BuyerClass.HIGH), b);
  }

  @Test
  void writesABidBackToTheSameJsonAndCsv() {
    Bid b = codec.parse(GOOD).bid();
    assertEquals(GOOD, BidCodec.toJson(b));
    assertEquals(b, codec.parse(BidCodec.toCsv(b)).bid());
  }

  @Test
  void readsCsvInTheOrderOfItsHeader() {
    BidCodec csv = codec.withCsvHeader("side,bidId,participantId,feederId,bus,quantityKwh,limitPrice,frameStart,submittedAt");
    Bid b = csv.parse("SELL,s-1,p-2,ieee33,7,2.0,0.1,2026-11-24T10:00:00Z,2026-11-24T09:00:00Z").bid();
    assertEquals(Side.SELL, b.side());
    assertEquals("s-1", b.bidId());
    assertEquals(BuyerClass.STANDARD, b.buyerClass(), "buyerClass defaults to STANDARD");
    assertTrue(BidCodec.isCsvHeader(BidCodec.CSV_HEADER));
    assertTrue(BidCodec.isCsvHeader("side,bidId,participantId,feederId,bus,quantityKwh,limitPrice,frameStart,submittedAt"));
    assertTrue(!BidCodec.isCsvHeader("bidId-7,p,f,3,BUY,1.0,0.2,2026-11-24T10:00:00Z,2026-11-24T09:00:00Z,"));
  }

  @Test
  void refusesACsvHeaderWithAnUnknownOrMissingColumn() {
    var e = assertThrows(IllegalArgumentException.class, () -> codec.withCsvHeader("bidId,colour"));
    assertTrue(e.getMessage().contains("colour"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> codec.withCsvHeader("bidId,participantId"));
    assertTrue(e.getMessage().contains("feederId"), e.getMessage());
  }

  @Test
  void rejectsMalformedRecordsNamingTheField() {
    assertMalformed("not json at all {", "CSV columns");
    assertMalformed("{\"bidId\":\"b\"", "not valid JSON");
    assertMalformed(GOOD.replace("\"bus\":12", "\"bus\":\"twelve\""), "bus");
    assertMalformed(GOOD.replace("\"bus\":12", "\"bus\":12.5"), "bus");
    assertMalformed(GOOD.replace("\"quantityKwh\":3.5", "\"quantityKwh\":\"3.5\""), "quantityKwh");
    assertMalformed(GOOD.replace(",\"limitPrice\":0.21", ""), "missing field limitPrice");
    assertMalformed(GOOD.replace("2026-11-24T10:00:00Z", "tomorrow"), "frameStart");
    assertMalformed(GOOD.replace("\"HIGH\"", "\"MEGA\""), "buyerClass");
    assertMalformed(GOOD.replace("\"bidId\":\"b-1042\",", "\"bidId\":\"b-1042\",\"bidId\":\"x\","), "twice");
    assertMalformed(GOOD + " {}", "after the JSON object");
    assertMalformed(GOOD + " trailing", "not valid JSON");
    assertMalformed("{}", "missing field bidId");
    assertMalformed("", "empty record");
  }

  @Test
  void keepsTheBidIdOfAMalformedRecord() {
    Rejection r = codec.parse(GOOD.replace("\"bus\":12", "\"bus\":true")).rejection();
    assertEquals("b-1042", r.bidId());
    assertEquals("ieee33", r.feederId());
  }

  @Test
  void rejectsAnUnknownSideAsBadSide() {
    Rejection r = codec.parse(GOOD.replace("\"BUY\"", "\"HOLD\"")).rejection();
    assertEquals(ReasonCode.BAD_SIDE, r.reason());
    assertTrue(r.detail().contains("side"));
  }

  @Test
  void rejectsNonFiniteNumbersAsInvalidQuantityOrPrice() {
    assertEquals(ReasonCode.INVALID_QUANTITY, codec.parse(GOOD.replace("3.5", "NaN")).rejection().reason());
    assertEquals(ReasonCode.INVALID_QUANTITY, codec.parse(GOOD.replace("3.5", "1e999")).rejection().reason());
    assertEquals(ReasonCode.INVALID_PRICE, codec.parse(GOOD.replace("0.21", "-Infinity")).rejection().reason());
    String csv = "b,p,f,3,BUY,1.0,Infinity,2026-11-24T10:00:00Z,2026-11-24T09:00:00Z,";
    assertEquals(ReasonCode.INVALID_PRICE, codec.parse(csv).rejection().reason());
  }

  @Test
  void rejectsAnOversizedRecordWithoutParsingIt() {
    String big = GOOD.replace("\"p-17\"", "\"" + "x".repeat(5000) + "\"");
    Rejection r = codec.parse(big).rejection();
    assertEquals(ReasonCode.TOO_LARGE, r.reason());
    assertTrue(r.raw().length() < 300, "raw is truncated");
    assertEquals(ReasonCode.TOO_LARGE, codec.parse(big.getBytes(java.nio.charset.StandardCharsets.UTF_8)).rejection().reason());
  }

  @Test
  void rejectsATimestampBeyondTheMillisecondRange() {
    assertEquals(ReasonCode.BAD_TIMESTAMP,
        codec.parse(GOOD.replace("2026-11-24T10:00:00Z", "+1000000000-01-01T00:00:00Z")).rejection().reason());
  }

  @Test
  void writesAllocationsWithAFixedFieldOrder() {
    long t = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();
    assertEquals("{\"feederId\":\"f\",\"frameStart\":\"2026-11-24T10:00:00Z\",\"buyerBidId\":\"b1\",\"sellerBidId\":\"s1\","
            + "\"buyerId\":\"pb\",\"sellerId\":\"ps\",\"quantityKwh\":2.5,\"price\":0.15,\"gridFee\":0.0}",
        BidCodec.toJson(new Allocation("f", t, "b1", "s1", "pb", "ps", 2.5, 0.15, 0.0)));
  }

  @Test
  void writesRejectionsWithNullsForUnknownFields() {
    assertEquals("{\"bidId\":null,\"feederId\":null,\"frameStart\":null,\"reason\":\"MALFORMED\","
            + "\"detail\":\"d\",\"raw\":\"x\\\"y\"}",
        BidCodec.toJson(new Rejection(null, null, -1, ReasonCode.MALFORMED, "d", "x\"y")));
  }

  @Test
  void writesReportsWithPerClassInEnumOrderAndNullForNonFiniteNumbers() {
    Map<BuyerClass, ClassStats> perClass = new TreeMap<>((a, b) -> b.compareTo(a)); // reversed on purpose
    perClass.put(BuyerClass.STANDARD, new ClassStats(1, 2, 1, 0.5, 0.1));
    perClass.put(BuyerClass.HIGH, new ClassStats(1, 1, 1, 1, 0.2));
    ClearingReport r = new ClearingReport("f", 0, 3, 2, 1, 2, 0.3, 0.1, 0.4, 1, "nash", Double.NaN, 1.0,
        ClearingStatus.CLEARED, 100, 0, perClass, List.of(new FrontPoint(0.3, 0.1)), 0, Feasibility.FEASIBLE, 0,
        List.of(18), List.of("17-18"));
    String json = BidCodec.toJson(r);
    assertTrue(json.startsWith("{\"feederId\":\"f\",\"frameStart\":\"1970-01-01T00:00:00Z\",\"bids\":3,"), json);
    assertTrue(json.indexOf("\"STANDARD\"") < json.indexOf("\"HIGH\""), json);
    assertTrue(json.contains("\"vMinPu\":null"), json);
    assertTrue(json.endsWith("\"compromiseIndex\":0,\"feasibility\":\"FEASIBLE\",\"curtailedKwh\":0.0,"
        + "\"bindingBuses\":[18],\"bindingBranches\":[\"17-18\"],\"welfareUpperBound\":null,"
        + "\"curtailments\":[]}"), json);
  }

  @Test
  void refusesControlAndInvisibleCharactersInIds() {
    assertMalformed(GOOD.replace("b-1042", "b-10\\u000742"), "bidId contains a control character (U+0007) at character 5");
    assertMalformed(GOOD.replace("p-17", "p-1\\t7"), "participantId contains a control character (U+0009)");
    assertMalformed(GOOD.replace("p-17", "p-17\u202E"), "participantId contains an invisible format character (U+202E)");
    assertMalformed(GOOD.replace("p-17", "p\u200B-17"), "invisible format character (U+200B)");
    assertMalformed(GOOD.replace("ieee33", "ieee33\\u0000"), "feederId contains a control character (U+0000)");
    String csv = "b-1,p-\u001B[31m,ieee33,12,BUY,3.5,0.21,2026-11-24T10:00:00Z,2026-11-24T09:40:12Z,STANDARD";
    assertMalformed(csv, "participantId contains a control character (U+001B)");
    assertEquals("b-1", codec.parse(csv).rejection().bidId(), "a clean id still names the rejection");
    assertNull(codec.parse(GOOD.replace("b-1042", "b\\u0000")).rejection().bidId(), "a dirty id does not");
    assertTrue(codec.parse(GOOD.replace("p-17", "p-Müller-☀-🚗")).isBid(), "other non-ASCII characters are fine");
  }

  @Test
  void anUnpairedSurrogateFromAJsonEscapeNeverReachesAnOutputAsSuch() {
    Rejection side = codec.parse(GOOD.replace("\"BUY\"", "\"\\uDC00BUY\"")).rejection();
    assertEquals(ReasonCode.BAD_SIDE, side.reason());
    assertEquals("side must be BUY or SELL, got '\\uDC00BUY'", side.detail());
    assertEquals(ReasonCode.MALFORMED, codec.parse(GOOD.replace("b-1042", "b\\uD800")).rejection().reason());
    String json = BidCodec.toJson(side);
    assertTrue(java.nio.charset.StandardCharsets.UTF_8.newEncoder().canEncode(json), json);
  }

  @Test
  void aKafkaValueThatIsNotUtf8IsMalformedNamingItsOriginNotRepaired() {
    byte[] value = RecordTextTest.concat(GOOD.substring(0, 30), RecordTextTest.bytes(0xC3, 0x28), GOOD.substring(30));
    ParsedBid p = codec.parse(value, "bids partition 3 offset 1234");
    assertEquals(ReasonCode.MALFORMED, p.rejection().reason());
    assertTrue(p.rejection().detail().startsWith("bids partition 3 offset 1234: not valid UTF-8: 1 byte(s)"),
        p.rejection().detail());
    assertEquals(GOOD.substring(0, 30) + "\\xC3(" + GOOD.substring(30), p.rejection().raw());
    assertTrue(codec.parse(GOOD.getBytes(java.nio.charset.StandardCharsets.UTF_8), "o").isBid());
    byte[] big = ("{" + "x".repeat(5000) + "\u00FF}").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertEquals(ReasonCode.TOO_LARGE, codec.parse(big, "o").rejection().reason(), "size is judged first");
  }

  private void assertMalformed(String line, String detailPart) {
    ParsedBid p = codec.parse(line);
    assertNull(p.bid(), line);
    assertEquals(ReasonCode.MALFORMED, p.rejection().reason(), p.rejection().detail());
    assertTrue(p.rejection().detail().contains(detailPart), p.rejection().detail());
    assertEquals(line, p.rejection().raw());
  }
}
