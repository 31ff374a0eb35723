package energy.p2p.cli;

import energy.p2p.job.kafka.LostTransactionPolicy;
import picocli.CommandLine.ITypeConverter;

/** {@code alert} or {@code fail}. */
final class LostTransactionPolicyConverter implements ITypeConverter<LostTransactionPolicy> {
  @Override
  public LostTransactionPolicy convert(String value) {
    return EnumOption.parse(LostTransactionPolicy.class, value, "--on-lost-transaction");
  }
}
