package energy.p2p.job;

import org.apache.flink.api.common.functions.MapFunction;

/** A text record → {@link IntakeRecord} (replay: right after the single file reader, partition 0, no receipt time). */
final class IntakeMap implements MapFunction<String, IntakeRecord> {
  private final BidIntake intake;

  IntakeMap(BidIntake intake) {
    this.intake = intake;
  }

  @Override
  public IntakeRecord map(String line) {
    return intake.read(line, 0, IntakeRecord.NOT_RECEIVED);
  }
}
