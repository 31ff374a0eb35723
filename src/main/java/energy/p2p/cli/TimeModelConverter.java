package energy.p2p.cli;

import energy.p2p.job.TimeModel;
import picocli.CommandLine.ITypeConverter;

/** {@code receipt} or {@code submitted-at} (any case, '-' or '_'). */
final class TimeModelConverter implements ITypeConverter<TimeModel> {
  @Override
  public TimeModel convert(String value) {
    return EnumOption.parse(TimeModel.class, value, "--event-time");
  }
}
