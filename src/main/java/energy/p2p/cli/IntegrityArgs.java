package energy.p2p.cli;

import energy.p2p.job.IntegrityOptions;
import energy.p2p.security.ParticipantRegistry;
import energy.p2p.settlement.SettlementConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Signature registry and settlement options shared by {@code replay} and {@code run}. */
final class IntegrityArgs {
  @Option(names = "--participants", description = "Key registry: lines of participantId,publicKeyBase64 "
      + "(required with --require-signatures).")
  Path participants;

  @Option(names = "--retail-price", defaultValue = "0.30",
      description = "Settlement: price per kWh a buyer pays the grid for energy its trades did not deliver "
          + "(default ${DEFAULT-VALUE}).")
  BigDecimal retailPrice;

  @Option(names = "--feed-in-price", defaultValue = "0.08",
      description = "Settlement: price per kWh the grid pays for energy injected beyond the trades (default ${DEFAULT-VALUE}).")
  BigDecimal feedInPrice;

  @Option(names = "--settlement-deadline", defaultValue = "1h", converter = DurationConverter.class,
      description = "Settle a frame this long after its end (event time); missing readings are estimated "
          + "(default ${DEFAULT-VALUE}).")
  Duration deadline;

  @Option(names = "--correction-horizon", defaultValue = "168h", converter = DurationConverter.class,
      description = "Late readings correct a settlement until this long after its deadline (default ${DEFAULT-VALUE}).")
  Duration correctionHorizon;

  @Option(names = "--readings-out-of-orderness", defaultValue = "5m", converter = DurationConverter.class,
      description = "How far behind the newest readingAt a meter reading may arrive (default ${DEFAULT-VALUE}).")
  Duration readingsOutOfOrderness;

  IntegrityOptions toOptions(boolean requireSignatures) {
    ParticipantRegistry registry = null;
    if (requireSignatures) {
      if (participants == null) {
        throw new IllegalArgumentException("--require-signatures needs --participants FILE "
            + "(or --no-require-signatures for unsigned history)");
      }
      registry = ParticipantRegistry.read(participants);
    }
    return new IntegrityOptions(registry,
        new SettlementConfig(retailPrice, feedInPrice, deadline, correctionHorizon), readingsOutOfOrderness);
  }
}
