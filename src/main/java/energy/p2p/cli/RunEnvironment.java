package energy.p2p.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code run}'s Flink environment: checkpoints every {@code interval} to a durable directory (the
 * cluster's {@code execution.checkpointing.dir}, else {@code --checkpoint-dir}, else
 * ./checkpoints — never the JobManager heap with its 5 MiB cap), retained on cancellation so a
 * stopped {@code java -jar run} can {@code --resume-from} them; a checkpoint may not outlive the
 * sinks' Kafka transactions (a checkpoint completed after its transaction timed out would lose
 * its output), so its timeout is half the transaction timeout.
 */
final class RunEnvironment {
  static final String DEFAULT_DIR = "checkpoints";

  private final Duration interval;
  private final String checkpointDir;
  private final String resumeFrom;
  private final Duration transactionTimeout;

  RunEnvironment(Duration interval, String checkpointDir, String resumeFrom, Duration transactionTimeout) {
    this.interval = interval;
    this.checkpointDir = checkpointDir;
    this.resumeFrom = resumeFrom;
    this.transactionTimeout = transactionTimeout;
  }

  StreamExecutionEnvironment create() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    Configuration conf = new Configuration();
    if (!interval.isZero()) {
      conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
      conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
          ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
      conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, transactionTimeout.dividedBy(2));
      String dir = directory(env.getConfiguration().get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
      if (dir != null) {
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir);
      }
    }
    if (resumeFrom != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, uri(resumeFrom));
    }
    env.configure(conf);
    return env;
  }

  /**
   * A warning when the state lives in the JVM heap (the hashmap backend, as under java -jar): the
   * settlement keeps every frame's trades for {@code settlementKeeps} (deadline + correction
   * horizon), and each checkpoint writes all of it, so checkpoint time — and with it the latency
   * after gate closure — grows with that history. Empty with RocksDB (a cluster as in deploy/).
   */
  static Optional<String> heapStateWarning(StreamExecutionEnvironment env, Duration settlementKeeps) {
    String backend = env.getConfiguration().get(StateBackendOptions.STATE_BACKEND);
    if (!"hashmap".equalsIgnoreCase(backend)) {
      return Optional.empty();
    }
    return Optional.of("state in the JVM heap (state backend hashmap, every checkpoint writes all of it); the "
        + "settlement keeps each frame's trades for " + settlementKeeps.toHours() + " h (deadline + "
        + "--correction-horizon), about the size of the frame's allocations, so state and checkpoint time grow "
        + "with that history: for a large market run on a cluster with RocksDB (deploy/) or shorten "
        + "--correction-horizon (docs/operations.md, 3. Scale)");
  }

  /** The directory to set: the option, else none when the cluster has one, else ./checkpoints. */
  private String directory(String clusters) {
    if (checkpointDir != null) {
      return uri(checkpointDir);
    }
    return clusters != null ? null : uri(DEFAULT_DIR);
  }

  /** A URI as given; a plain path as an absolute file URI. */
  static String uri(String location) {
    return location.contains("://") ? location : Path.of(location).toAbsolutePath().normalize().toUri().toString();
  }
}
