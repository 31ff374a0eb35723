package energy.p2p.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a REAL local cluster: runs deploy/local-cluster/e2e.sh (a Kafka broker JVM, a
 * JobManager and two TaskManager JVMs; stop-with-savepoint, resume at parallelism 2, a
 * TaskManager killed with SIGKILL and replaced while bids stream in), then checks its outputs
 * itself: the committed allocations are exactly the offline clear's, none lost, none twice, and
 * no process of the run is left behind. The cluster runs the thin job jar on a classpath shaped like a Flink
 * 2.2 lib/ (JobJarITCase checks that shape). Run by failsafe in {@code mvn verify} (needs both jars).
 */
class LocalClusterITCase {
  private static final Path SCRIPT = Path.of("deploy/local-cluster/e2e.sh");

  @Test
  void exactlyOnceThroughSavepointRescaleAndTaskManagerLoss(@TempDir Path tmp) throws Exception {
    Path work = tmp.resolve("cluster");
    Path log = tmp.resolve("e2e.log");
    // Ports: free ones of its own (below). Run the build that reaches this test under
    // `flock /tmp/p2p-ports.lock mvn verify` (.ci/run does): a flock taken here would wait forever on the
    // lock that command already holds.
    ProcessBuilder e2e = new ProcessBuilder("bash", SCRIPT.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    e2e.environment().put("P2P_CLUSTER_DIR", work.toString());
    // free ports of its own: developers' clusters and other builds on this machine do not collide
    e2e.environment().put("P2P_REST_PORT", String.valueOf(freePort()));
    e2e.environment().put("P2P_RPC_PORT", String.valueOf(freePort()));
    e2e.environment().put("P2P_KAFKA_PORT", String.valueOf(freeKafkaPorts()));
    Process run = e2e.start();
    boolean finished = run.waitFor(10, TimeUnit.MINUTES);
    if (!finished) {
      run.destroy(); // SIGTERM: the script's trap stops everything it started
      run.waitFor(1, TimeUnit.MINUTES);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(output);
    assertTrue(finished, "e2e.sh did not finish within 10 minutes");
    assertTrue(output.contains("p2p-energy-trading-job.jar"), "the cluster ran the job jar");
    assertEquals(0, run.exitValue(), "e2e.sh failed; its output is above");
    assertTrue(output.contains("E2E PASSED"));

    Path out = work.resolve("out");
    List<String> cluster = lines(out.resolve("cluster/allocations.jsonl"));
    List<String> offline = lines(out.resolve("clear-allocations.jsonl"));
    assertTrue(cluster.size() > 0, "the cluster published allocations");
    assertEquals(cluster.size(), new HashSet<>(cluster).size(), "no allocation published twice");
    assertEquals(sorted(offline), sorted(cluster), "the allocations of the offline clear, no more, no less");
    // the streamed frames' reports (e2e.sh writes them to *.frames): the trailer bid, there to move
    // event time past the last gate, also spans empty frames after them, reported NO_BIDS only as far
    // as each run's event time got
    List<String> clusterReports = lines(out.resolve("cluster/clearing-reports.jsonl.frames"));
    assertTrue(clusterReports.size() > 0, "the cluster reported the streamed frames");
    assertEquals(sorted(lines(out.resolve("replay/clearing-reports.jsonl.frames"))),
        sorted(clusterReports), "reports of an uninterrupted run");
    assertEquals(sorted(lines(out.resolve("replay/rejected-bids.jsonl"))),
        sorted(lines(out.resolve("cluster/rejected-bids.jsonl"))), "rejections of an uninterrupted run");
    assertTrue(output.contains("killed with SIGKILL"), "a TaskManager was killed");
    assertTrue(output.contains("bidsReceived"), "the REST API showed the job's own metrics");
    assertEquals(List.of(), processesNaming(work), "every process of the run was stopped");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** A port whose successor is free too (the broker's controller listens on port + 1). */
  private static int freeKafkaPorts() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = freePort();
      try (ServerSocket next = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no two consecutive free ports found");
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
  }

  private static List<String> sorted(List<String> lines) {
    return lines.stream().sorted().toList();
  }

  /** Live processes whose command line names the work dir (the scripts record and match them so). */
  private static List<String> processesNaming(Path work) throws IOException {
    List<String> alive = new ArrayList<>();
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
          if (cmd.contains(work.toString())) {
            alive.add(p.getFileName() + ": " + cmd.replace('\0', ' '));
          }
        } catch (IOException gone) {
          // the process ended while we looked
        }
      }
    }
    return alive;
  }
}
