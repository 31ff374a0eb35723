package energy.p2p.job;

import java.io.Serializable;

/**
 * Appends a gate tick to every partition of the bids input (the live gate clock's only
 * side effect): a record with no bid whose receipt timestamp, stamped by the broker, tells the
 * job that this partition's time has passed a gate closure. Ticks are idempotent markers: a
 * duplicate or a tick from another job changes nothing.
 */
public interface GateTickWriter extends Serializable, AutoCloseable {
  /** Connects (called in the operator's open()). */
  void open() throws Exception;

  /**
   * Appends one tick per partition for {@code gateClosureMs}, waits for the acknowledgements and
   * returns the lowest receipt timestamp the broker gave them (LogAppendTime), in ms.
   */
  long tick(long gateClosureMs) throws Exception;

  @Override
  void close() throws Exception;
}
