package energy.p2p.job;

import energy.p2p.io.UnreadableRecord;
import energy.p2p.settlement.MeterReading;
import energy.p2p.settlement.MeterReadingCheck;
import energy.p2p.settlement.MeterReadingJson;
import energy.p2p.settlement.SettlementConfig;
import energy.p2p.settlement.SettlementJson;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Raw meter-reading line → {@link MeterReading}. A reading that cannot be used becomes a
 * {@code reading-rejected} note on {@link OutputTags#READING_NOTES} (it goes to the settlements
 * output: nothing is lost, nothing waits in state): unreadable (not UTF-8 — the detail names the
 * line —, too large, not the JSON format), failing {@link MeterReadingCheck} (control characters in
 * ids, unknown feeder, implausible frame), or taken more than the max event-time jump ahead of the
 * newest reading accepted so far (a clock far ahead; state {@code newest-reading-at}, union list
 * state: after rescaling each reader takes the maximum).
 */
public final class ParseReadingFunction extends ProcessFunction<String, MeterReading> implements CheckpointedFunction {
  private final MeterReadingCheck check;
  private final java.time.Duration maxJump;
  private transient NewestEventTime newest;

  public ParseReadingFunction(FeederFiles feeders, JobOptions options, SettlementConfig settlement) {
    this.check = new MeterReadingCheck(feeders.feeders().keySet(), options.validation().frameMinutes(), settlement);
    this.maxJump = options.maxEventTimeJump();
  }

  @Override
  public void initializeState(FunctionInitializationContext ctx) throws Exception {
    newest = new NewestEventTime("newest-reading-at");
    newest.initialize(ctx);
  }

  @Override
  public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
    newest.snapshot();
  }

  @Override
  public void processElement(String line, Context ctx, Collector<MeterReading> out) {
    if (line.isBlank()) {
      return;
    }
    UnreadableRecord unreadable = UnreadableRecord.of(line);
    MeterReadingJson.Result r = unreadable != null ? null : MeterReadingJson.parse(line);
    if (r == null || r.reading() == null) {
      String raw = unreadable != null ? unreadable.raw() : line;
      ctx.output(OutputTags.READING_NOTES, new OutputLine("", Long.MIN_VALUE, raw,
          SettlementJson.rejectedReading(null, unreadable != null ? unreadable.detail() : r.problem(), raw)));
      return;
    }
    MeterReading reading = r.reading();
    String problem = check.problem(reading);
    if (problem == null) {
      problem = MeterReadingCheck.jumpProblem(reading, newest.get(), maxJump);
    }
    if (problem != null) {
      ctx.output(OutputTags.READING_NOTES, note(reading, problem, line));
      return;
    }
    newest.accept(reading.readingAtMs());
    out.collect(reading);
  }

  /** A note for a readable but refused reading, in the settlement output's order (by feeder and frame). */
  private static OutputLine note(MeterReading r, String problem, String raw) {
    boolean cleanFeeder = energy.p2p.model.Ids.problem("feederId", r.feederId()) == null;
    return new OutputLine(cleanFeeder ? r.feederId() : "", r.frameStartMs(), "~" + r.participantId() + "|" + r.readingAtMs(),
        SettlementJson.rejectedReading(cleanFeeder ? r.feederId() : null, problem, raw));
  }
}
