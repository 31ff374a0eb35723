package energy.p2p.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} under java -jar keeps its checkpoints on disk, not in the JobManager's heap. */
class RunEnvironmentTest {
  @TempDir
  Path dir;

  @Test
  void checkpointsGoToTheDirectoryRetainedAndNoSlowerThanHalfTheTransactionTimeout() {
    StreamExecutionEnvironment env =
        new RunEnvironment(Duration.ofSeconds(1), dir.toString(), null, Duration.ofMinutes(10)).create();
    var conf = env.getConfiguration();
    assertEquals(dir.toAbsolutePath().toUri().toString(), conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
    assertEquals("filesystem", conf.get(CheckpointingOptions.CHECKPOINT_STORAGE));
    assertEquals(Duration.ofMinutes(5), conf.get(CheckpointingOptions.CHECKPOINTING_TIMEOUT));
    assertEquals(1000, env.getCheckpointConfig().getCheckpointInterval());
  }

  @Test
  void aHeapStateBackendIsNamedWithWhatTheSettlementKeepsAndRocksDbIsNot() {
    StreamExecutionEnvironment env =
        new RunEnvironment(Duration.ofSeconds(1), dir.toString(), null, Duration.ofMinutes(10)).create();
    String warning = RunEnvironment.heapStateWarning(env, Duration.ofHours(169)).orElseThrow();
    assertTrue(warning.contains("169 h") && warning.contains("--correction-horizon"), warning);

    Configuration rocks = new Configuration();
    rocks.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
    env.configure(rocks);
    assertTrue(RunEnvironment.heapStateWarning(env, Duration.ofHours(169)).isEmpty());
  }

  @Test
  void theDefaultDirectoryIsCheckpointsUnderTheWorkingDirectory() {
    var conf = new RunEnvironment(Duration.ofSeconds(1), null, null, Duration.ofMinutes(10)).create().getConfiguration();
    assertEquals(Path.of("checkpoints").toAbsolutePath().toUri().toString(),
        conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
  }

  @Test
  void anEmbeddedRunWritesItsCheckpointsToDisk() throws Exception {
    StreamExecutionEnvironment env =
        new RunEnvironment(Duration.ofMillis(200), dir.toString(), null, Duration.ofMinutes(10)).create();
    env.setParallelism(1);
    env.fromSource(new DataGeneratorSource<>(n -> n, Long.MAX_VALUE, RateLimiterStrategy.perSecond(10), Types.LONG),
        WatermarkStrategy.noWatermarks(), "numbers").sinkTo(new DiscardingSink<>());
    JobClient job = env.executeAsync("checkpoints on disk");
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!hasCompletedCheckpoint(dir) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertTrue(hasCompletedCheckpoint(dir), "a chk-N/_metadata under " + dir);
    } finally {
      job.cancel().get();
    }
    Thread.sleep(500);
    assertTrue(hasCompletedCheckpoint(dir), "retained after cancellation: --resume-from can use it");

    Path checkpoint = latestCheckpoint(dir);
    StreamExecutionEnvironment resumed =
        new RunEnvironment(Duration.ofMillis(200), dir.toString(), checkpoint.toString(), Duration.ofMinutes(10)).create();
    resumed.setParallelism(1);
    resumed.fromSource(new DataGeneratorSource<>(n -> n, Long.MAX_VALUE, RateLimiterStrategy.perSecond(10), Types.LONG),
        WatermarkStrategy.noWatermarks(), "numbers").sinkTo(new DiscardingSink<>());
    JobClient again = resumed.executeAsync("resumed");
    try {
      Thread.sleep(3000);
      assertEquals(org.apache.flink.api.common.JobStatus.RUNNING, again.getJobStatus().get(),
          "restored from " + checkpoint);
    } finally {
      again.cancel().get();
    }
  }

  static Path latestCheckpoint(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.getFileName().toString().equals("_metadata")).map(Path::getParent)
          .max(java.util.Comparator.comparing(p -> Integer.parseInt(p.getFileName().toString().substring(4))))
          .orElseThrow();
    }
  }

  @Test
  void resumingFromAPathThatHoldsNoCheckpointFailsTheStart() throws Exception {
    StreamExecutionEnvironment env = new RunEnvironment(Duration.ofMillis(200), dir.toString(),
        dir.resolve("nothing-here").toString(), Duration.ofMinutes(10)).create();
    env.fromSource(new DataGeneratorSource<>(n -> n, 10, RateLimiterStrategy.perSecond(10), Types.LONG),
        WatermarkStrategy.noWatermarks(), "numbers").sinkTo(new DiscardingSink<>());
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> env.execute("bogus resume"));
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    assertTrue(String.valueOf(root.getMessage()).contains("nothing-here"), root.toString());
  }

  static boolean hasCompletedCheckpoint(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.anyMatch(p -> p.getFileName().toString().equals("_metadata")
          && p.getParent().getFileName().toString().startsWith("chk-"));
    }
  }
}
