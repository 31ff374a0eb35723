package energy.p2p.job.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The gate tick record in the bids topic: no key, a header {@value #HEADER} (how the job knows
 * it), and a small JSON value for people reading the topic. Its meaning is only its broker
 * timestamp; see docs/formats.md ("Gate ticks").
 */
final class GateTicks {
  /** The header that marks a gate tick. */
  static final String HEADER = "p2p-gate-tick";

  private GateTicks() {}

  static boolean isTick(Headers headers) {
    Header h = headers == null ? null : headers.lastHeader(HEADER);
    return h != null;
  }

  static byte[] headerValue(long gateClosureMs) {
    return Long.toString(gateClosureMs).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] value(long gateClosureMs) {
    return ("{\"gateTick\":\"" + Instant.ofEpochMilli(gateClosureMs) + "\"}").getBytes(StandardCharsets.UTF_8);
  }
}
