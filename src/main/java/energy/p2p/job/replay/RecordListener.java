package energy.p2p.job.replay;

import java.io.Serializable;

/** Told of every record a replay sink receives (progress and summary figures). */
@FunctionalInterface
public interface RecordListener<T> extends Serializable {
  void accept(T record);

  static <T> RecordListener<T> none() {
    return r -> {};
  }
}
