package energy.p2p.ledger;

import java.util.List;
import java.util.Map;

/**
 * What {@link LedgerVerifier} found.
 *
 * @param records lines read (blank lines not counted)
 * @param windows reports (closed windows) in the chains
 * @param heads per feeder, the last record of its chain: anchor it elsewhere to detect a cut tail
 * @param breaks every problem, by line; empty when the ledger verifies
 */
public record LedgerReport(long records, int windows, Map<String, Head> heads, List<LedgerBreak> breaks) {

  public record Head(long seq, String hash) {}

  public boolean verified() {
    return breaks.isEmpty();
  }
}
