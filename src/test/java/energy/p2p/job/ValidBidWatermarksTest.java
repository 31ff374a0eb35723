package energy.p2p.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import energy.p2p.io.BidCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        OPTIONS, null);
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
}
