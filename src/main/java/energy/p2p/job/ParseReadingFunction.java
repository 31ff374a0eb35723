package energy.p2p.job;

import energy.p2p.settlement.MeterReading;
import energy.p2p.settlement.MeterReadingJson;
import energy.p2p.settlement.SettlementJson;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Raw meter-reading line → {@link MeterReading}; an unusable one becomes a {@code reading-rejected}
 * note on {@link OutputTags#READING_NOTES} (it goes to the settlements output: nothing is lost).
 */
public final class ParseReadingFunction extends ProcessFunction<String, MeterReading> {
  @Override
  public void processElement(String line, Context ctx, Collector<MeterReading> out) {
    if (line.isBlank()) {
      return;
    }
    MeterReadingJson.Result r = MeterReadingJson.parse(line);
    if (r.reading() != null) {
      out.collect(r.reading());
    } else {
      ctx.output(OutputTags.READING_NOTES, new OutputLine("", Long.MIN_VALUE, line,
          SettlementJson.rejectedReading(null, r.problem(), line)));
    }
  }
}
