package energy.p2p.job.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.io.BidCodec;
import energy.p2p.job.FeederFiles;
import energy.p2p.job.IntakeRecord;
import energy.p2p.job.IntegrityOptions;
import energy.p2p.job.JobOptions;
import energy.p2p.job.MarketJob;
import energy.p2p.model.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What the job makes of each kind of bids-topic message, with real bytes and headers. */
class IntakeDeserializerTest {
  static final IntakeDeserializer DESERIALIZER = new IntakeDeserializer(MarketJob.intake(new BidCodec(4096),
      FeederFiles.read(Path.of("sample-data/feeders")), JobOptions.defaults(), IntegrityOptions.defaults()));

  static IntakeRecord read(ConsumerRecord<byte[], byte[]> record) {
    List<IntakeRecord> out = new ArrayList<>();
    DESERIALIZER.deserialize(record, new Collector<>() {
      @Override
      public void collect(IntakeRecord r) {
        out.add(r);
      }

      @Override
      public void close() {}
    });
    assertEquals(1, out.size());
    return out.get(0);
  }

  static ConsumerRecord<byte[], byte[]> message(byte[] value) {
    return new ConsumerRecord<>("bids", 2, 17L, null, value);
  }

  @Test
  void aBidIsReadOnceWithItsPartitionAndBrokerTimestamp() throws Exception {
    String line = Files.readAllLines(Path.of("sample-data/book-ieee33.jsonl")).get(0);
    IntakeRecord r = read(message(line.getBytes(StandardCharsets.UTF_8)));
    assertTrue(r.isBid(), r.toString());
    assertEquals(2, r.partition());
    assertEquals(line, r.raw());
  }

  @Test
  void bytesThatAreNotUtf8AreMalformedNamingTopicPartitionAndOffsetNeverRepaired() {
    byte[] latin1 = "{\"bidId\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    IntakeRecord r = read(message(latin1));
    assertEquals(ReasonCode.MALFORMED, r.rejection().reason());
    assertTrue(r.rejection().detail().startsWith("bids partition 2 offset 17: not valid UTF-8"), r.rejection().detail());
    assertTrue(r.rejection().raw().contains("\\xE9"), "the bad byte kept, escaped: " + r.rejection().raw());
    assertTrue(!r.rejection().raw().contains("\uFFFD"), "never silently replaced");
  }

  @Test
  void aGateTickIsATickWhateverItsValue() {
    ConsumerRecord<byte[], byte[]> tick = message(GateTicks.value(1_000L));
    tick.headers().add(GateTicks.HEADER, GateTicks.headerValue(1_000L));
    IntakeRecord r = read(tick);
    assertTrue(r.tick());
    assertNull(r.rejection());
  }

  @Test
  void anEmptyOrNullMessageHoldsNoRecordButStillCarriesItsTime() {
    for (byte[] value : new byte[][] {null, new byte[0]}) {
      IntakeRecord r = read(message(value));
      assertTrue(!r.isBid() && r.rejection() == null && !r.tick());
    }
  }

  @Test
  void meterReadingsAreDecodedStrictlyToo() {
    List<String> out = new ArrayList<>();
    new StrictText(4096).deserialize(new ConsumerRecord<>("meter-readings", 0, 5L, null,
        new byte[] {'{', (byte) 0xFF, '}'}), new Collector<>() {
          @Override
          public void collect(String s) {
            out.add(s);
          }

          @Override
          public void close() {}
        });
    energy.p2p.io.UnreadableRecord unreadable = energy.p2p.io.UnreadableRecord.of(out.get(0));
    assertTrue(unreadable != null, "the reader turns it into a rejection: " + out.get(0));
    assertTrue(unreadable.detail().startsWith("meter-readings partition 0 offset 5: not valid UTF-8"),
        unreadable.detail());
  }
}
