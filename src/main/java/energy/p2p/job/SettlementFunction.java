package energy.p2p.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import energy.p2p.settlement.FrameSettlement;
import energy.p2p.settlement.FrameSettler;
import energy.p2p.settlement.MeterReading;
import energy.p2p.settlement.ParticipantSettlement;
import energy.p2p.settlement.SettlementConfig;
import energy.p2p.settlement.SettlementJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by feederId, in event time: joins each frame's published trades with the meter readings and
 * settles the frame ({@link FrameSettler}) when the watermark passes frame end + deadline; missing
 * readings are estimated. A reading taken after the deadline (readingAt) or arriving after the
 * settlement produces a correcting revision listing what changed, never an overwrite. The frame's
 * state ({@code settlement-frames}, JSON per frame) is released at deadline + correction horizon.
 */
public final class SettlementFunction extends KeyedCoProcessFunction<String, PublishedWindow, MeterReading, OutputLine> {
  static final MapStateDescriptor<Long, String> FRAMES =
      new MapStateDescriptor<>("settlement-frames", Types.LONG, Types.STRING);

  private final SettlementConfig config;
  private final long frameMs;
  private transient MapState<Long, String> frames;
  private transient ObjectMapper json;
  private transient FrameSettler settler;
  private transient Counter settled;
  private transient Counter corrections;
  private transient Counter estimated;

  public SettlementFunction(SettlementConfig config, int frameMinutes) {
    this.config = config;
    this.frameMs = frameMinutes * 60_000L;
  }

  @Override
  public void open(OpenContext ctx) {
    frames = getRuntimeContext().getMapState(FRAMES);
    json = new ObjectMapper();
    settler = new FrameSettler(config);
    var m = getRuntimeContext().getMetricGroup();
    settled = m.counter("framesSettled");
    corrections = m.counter("settlementCorrections");
    estimated = m.counter("readingsEstimated");
  }

  private long deadline(long frame) {
    return frame + frameMs + config.deadline().toMillis();
  }

  private long release(long frame) {
    return deadline(frame) + config.correctionHorizon().toMillis();
  }

  @Override
  public void processElement1(PublishedWindow w, Context ctx, Collector<OutputLine> out) throws Exception {
    FrameBook book = book(w.frameStartMs());
    book.trades = w.allocations();
    save(w.frameStartMs(), book, ctx);
  }

  @Override
  public void processElement2(MeterReading r, Context ctx, Collector<OutputLine> out) throws Exception {
    long frame = r.frameStartMs();
    if (ctx.timerService().currentWatermark() >= release(frame) && !frames.contains(frame)) {
      out.collect(note(r, "frame " + Instant.ofEpochMilli(frame) + " is past its correction horizon ("
          + config.correctionHorizon() + " after the deadline): reading not settled"));
      return;
    }
    FrameBook book = book(frame);
    if (book.revision >= 0) {
      book.readings.put(r.participantId(), r.measuredKwh());
      correct(ctx.getCurrentKey(), frame, book, out);
    } else if (r.readingAtMs() > deadline(frame)) {
      book.pendingLate.add(r);
    } else {
      book.readings.put(r.participantId(), r.measuredKwh()); // before the deadline the newest reading counts
    }
    save(frame, book, ctx);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<OutputLine> out) throws Exception {
    // only the frames this timer is for (its deadline, or past its release): the others stay untouched
    List<Long> due = new ArrayList<>();
    for (Long frame : frames.keys()) {
      if (deadline(frame) == timestamp || release(frame) <= timestamp) {
        due.add(frame);
      }
    }
    due.sort(null);
    for (long frame : due) {
      FrameBook book = read(frames.get(frame));
      boolean trades = book.trades != null && !book.trades.isEmpty();
      if (trades && book.revision < 0) {
        settleFirst(ctx.getCurrentKey(), frame, book, out);
      }
      if (!trades || release(frame) <= timestamp) {
        frames.remove(frame); // nothing to settle (readings of non-traders are not the market's), or done
      } else {
        frames.put(frame, json.writeValueAsString(book));
      }
    }
  }

  private void settleFirst(String feeder, long frame, FrameBook book, Collector<OutputLine> out) {
    FrameSettlement s = settler.settle(feeder, frame, book.trades, book.readings, 0);
    for (ParticipantSettlement p : s.participants()) {
      out.collect(line(p));
      if (p.estimated()) {
        estimated.inc();
      }
    }
    out.collect(totals(s));
    settled.inc();
    book.revision = 0;
    book.settledReadings = new java.util.TreeMap<>(book.readings);
    for (MeterReading late : book.pendingLate) {
      book.readings.put(late.participantId(), late.measuredKwh());
      correct(feeder, frame, book, out);
    }
    book.pendingLate.clear();
  }

  /** A new revision with the current readings, when anything changed. */
  private void correct(String feeder, long frame, FrameBook book, Collector<OutputLine> out) {
    FrameSettlement before = settler.settle(feeder, frame, book.trades, book.settledReadings, book.revision);
    FrameSettlement after = settler.settle(feeder, frame, book.trades, book.readings, book.revision + 1);
    List<ParticipantSettlement> changed = FrameSettler.changes(before, after);
    if (changed.isEmpty()) {
      return;
    }
    changed.forEach(p -> out.collect(line(p)));
    out.collect(totals(after));
    corrections.inc();
    book.revision++;
    book.settledReadings = new java.util.TreeMap<>(book.readings);
  }

  private FrameBook book(long frame) throws Exception {
    String s = frames.get(frame);
    return s == null ? new FrameBook() : read(s);
  }

  private FrameBook read(String s) throws Exception {
    return json.readValue(s, FrameBook.class);
  }

  private void save(long frame, FrameBook book, Context ctx) throws Exception {
    if (!frames.contains(frame)) {
      ctx.timerService().registerEventTimeTimer(deadline(frame));
      ctx.timerService().registerEventTimeTimer(release(frame));
    }
    frames.put(frame, json.writeValueAsString(book));
  }

  private static OutputLine line(ParticipantSettlement p) {
    return new OutputLine(p.feederId(), p.frameStartMs(),
        String.format("%06d|0|%s|%s", p.revision(), p.participantId(), p.role()), SettlementJson.participant(p));
  }

  private static OutputLine totals(FrameSettlement s) {
    var t = s.totals();
    return new OutputLine(t.feederId(), t.frameStartMs(), String.format("%06d|1|", t.revision()), SettlementJson.totals(t));
  }

  private OutputLine note(MeterReading r, String detail) {
    return new OutputLine(r.feederId(), r.frameStartMs(), "~" + r.participantId() + "|" + r.readingAtMs(),
        SettlementJson.rejectedReading(r.feederId(), detail,
            energy.p2p.settlement.MeterReadingJson.write(r)));
  }
}
