package energy.p2p.job;

import energy.p2p.security.ParticipantRegistry;
import energy.p2p.security.SignatureCheck;
import energy.p2p.settlement.SettlementConfig;
import java.io.Serializable;

/**
 * Market integrity settings (issue 6).
 *
 * @param participants the key registry; not null = signatures required
 * @param settlement grid prices and deadlines of the settlement
 * @param readingsOutOfOrderness how far behind the newest readingAt a meter reading may arrive and
 *     still hold its place in event time
 */
public record IntegrityOptions(ParticipantRegistry participants, SettlementConfig settlement,
    java.time.Duration readingsOutOfOrderness) implements Serializable {

  public static IntegrityOptions defaults() {
    return new IntegrityOptions(null, SettlementConfig.defaults(), java.time.Duration.ofMinutes(5));
  }

  public boolean requireSignatures() {
    return participants != null;
  }

  /** The signature rule, or null when signatures are not required. */
  public SignatureCheck signatureCheck() {
    return participants == null ? null : new SignatureCheck(participants);
  }

  public IntegrityOptions withParticipants(ParticipantRegistry p) {
    return new IntegrityOptions(p, settlement, readingsOutOfOrderness);
  }

  public IntegrityOptions withSettlement(SettlementConfig s) {
    return new IntegrityOptions(participants, s, readingsOutOfOrderness);
  }
}
