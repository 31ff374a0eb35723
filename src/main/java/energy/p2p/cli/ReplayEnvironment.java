package energy.p2p.cli;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The embedded MiniCluster a replay runs on, sized for a small heap: replay's state lives on the
 * heap (open windows only) and its outputs spill to disk, so it needs no managed memory (that is
 * for RocksDB and batch operators; the local default reserves 128 MiB) and little network memory
 * (a handful of local channels; the local default is 64 MiB of direct buffers).
 */
final class ReplayEnvironment {
  /** Network buffers of the embedded cluster: 32 KiB segments, a few per channel, plenty for 8 slots. */
  static final MemorySize NETWORK = MemorySize.ofMebiBytes(32);

  private ReplayEnvironment() {}

  static StreamExecutionEnvironment create(int parallelism, boolean webUi) {
    Configuration conf = new Configuration();
    conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ZERO);
    conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, NETWORK);
    conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, NETWORK);
    if (webUi) {
      conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
      conf.set(RestOptions.PORT, 8081);
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
      env.setParallelism(parallelism);
      return env;
    }
    return StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
  }
}
