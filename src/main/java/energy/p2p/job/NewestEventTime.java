package energy.p2p.job;

import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;

/**
 * The newest event time a reader accepted (the reference of the max event-time jump rule), kept in
 * union list operator state under {@code name}: after rescaling every reader takes the maximum.
 */
final class NewestEventTime {
  private final ListStateDescriptor<Long> descriptor;
  private transient ListState<Long> state;
  private long newestMs = Long.MIN_VALUE;

  NewestEventTime(String name) {
    this.descriptor = new ListStateDescriptor<>(name, Types.LONG);
  }

  void initialize(FunctionInitializationContext ctx) throws Exception {
    state = ctx.getOperatorStateStore().getUnionListState(descriptor);
    newestMs = Long.MIN_VALUE;
    for (Long t : state.get()) {
      newestMs = Math.max(newestMs, t);
    }
  }

  void snapshot() throws Exception {
    state.update(List.of(newestMs));
  }

  /** The newest accepted so far, or {@code Long.MIN_VALUE} before the first. */
  long get() {
    return newestMs;
  }

  void accept(long eventTimeMs) {
    newestMs = Math.max(newestMs, eventTimeMs);
  }
}
