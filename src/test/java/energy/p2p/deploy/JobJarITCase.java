package energy.p2p.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two artefacts of {@code mvn package}: the CLI jar keeps everything (java -jar on a MiniCluster); the
 * job jar holds the project, the Kafka connector and the project's libraries and nothing a Flink 2.2 lib/
 * provides, is at most 30 MB, and the local cluster's classpath is a Flink lib/ and nothing more. Run by
 * failsafe after package (LocalClusterITCase then proves the job jar runs on that classpath).
 */
class JobJarITCase {
  private static final Path JOB_JAR = Path.of("target/p2p-energy-trading-job.jar");
  private static final Path CLI_JAR = Path.of("target/p2p-energy-trading.jar");
  private static final long MAX_JOB_JAR_BYTES = 30_000_000L;
  private static List<Path> clusterClasspath;

  @BeforeAll
  static void resolveTheLocalClusterClasspath(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("flink.classpath");
    Process mvn = new ProcessBuilder("mvn", "-q", "-o", "-B", "-f", "deploy/local-cluster/pom.xml",
        "dependency:build-classpath", "-Dmdep.outputFile=" + out).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("mvn.log").toFile()).start();
    assertTrue(mvn.waitFor(3, TimeUnit.MINUTES) && mvn.exitValue() == 0,
        "resolving deploy/local-cluster/pom.xml failed: " + Files.readString(tmp.resolve("mvn.log")));
    clusterClasspath = List.of(Files.readString(out).trim().split(File.pathSeparator)).stream().map(Path::of).toList();
  }

  @Test
  void jobJarIsAtMost30MbAndTheCliJarStillBundlesFlink() throws IOException {
    assertTrue(Files.size(JOB_JAR) <= MAX_JOB_JAR_BYTES, JOB_JAR + " is " + Files.size(JOB_JAR) + " bytes");
    Set<String> cli = entries(CLI_JAR);
    assertTrue(cli.contains("org/apache/flink/runtime/minicluster/MiniCluster.class"), "CLI jar lost the MiniCluster");
    try (JarFile jar = new JarFile(CLI_JAR.toFile())) {
      assertEquals("energy.p2p.cli.Main", jar.getManifest().getMainAttributes().getValue("Main-Class"));
    }
  }

  @Test
  void jobJarHoldsTheProjectTheKafkaConnectorAndTheLibraries() throws IOException {
    Set<String> job = entries(JOB_JAR);
    for (String c : List.of("energy/p2p/cli/Main.class", "energy/p2p/job/MarketJob.class",
        "org/apache/flink/connector/kafka/source/KafkaSource.class",
        "org/apache/kafka/clients/producer/KafkaProducer.class", "com/fasterxml/jackson/databind/ObjectMapper.class",
        "picocli/CommandLine.class", "org/uma/jmetal/algorithm/multiobjective/nsgaii/NSGAII.class",
        "org/ejml/simple/SimpleMatrix.class", "org/ojalgo/optimisation/ExpressionsBasedModel.class",
        "linux/amd64/libzstd-jni-1.5.6-10.so")) {
      assertTrue(job.contains(c), JOB_JAR + " lacks " + c);
    }
    Manifest manifest;
    try (JarFile jar = new JarFile(JOB_JAR.toFile())) {
      manifest = jar.getManifest();
    }
    assertEquals("energy.p2p.cli.Main", manifest.getMainAttributes().getValue("Main-Class"));
  }

  @Test
  void jobJarHoldsNothingTheClusterProvides() throws IOException {
    Set<String> job = classes(JOB_JAR);
    List<String> duplicated = new ArrayList<>();
    for (Path lib : clusterClasspath) {
      Set<String> provided = classes(lib);
      provided.retainAll(job);
      if (!provided.isEmpty()) {
        duplicated.add(lib.getFileName() + ": " + provided.size() + " classes, e.g. " + provided.iterator().next());
      }
    }
    assertEquals(List.of(), duplicated, "classes in the job jar that Flink's lib/ already provides "
        + "(add the artifact to the job-jar excludes of pom.xml)");
  }

  @Test
  void localClusterClasspathIsAFlinkLibAndNothingMore() throws IOException {
    Set<String> allowed = Files.readAllLines(Path.of("src/test/resources/deploy/flink-lib.txt")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).collect(Collectors.toCollection(TreeSet::new));
    Set<String> resolved = new TreeSet<>();
    for (Path jar : clusterClasspath) {
      // .../repository/<group path>/<artifact>/<version>/<artifact>-<version>.jar
      Path version = jar.getParent();
      Path artifact = version.getParent();
      String group = artifact.getParent().toString().replaceAll(".*/repository/", "").replace('/', '.');
      resolved.add(group + ":" + artifact.getFileName());
    }
    Set<String> extra = new TreeSet<>(resolved);
    extra.removeAll(allowed);
    assertEquals(Set.of(), extra, "on the local cluster's classpath but not in a Flink 2.2 lib/: they could hide "
        + "a dependency the job jar misses");
    assertTrue(resolved.contains("org.apache.flink:flink-runtime") && resolved.contains("org.apache.flink:flink-connector-base"));
  }

  private static Set<String> entries(Path jar) throws IOException {
    try (JarFile j = new JarFile(jar.toFile())) {
      return j.stream().map(e -> e.getName()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static Set<String> classes(Path jar) throws IOException {
    Set<String> out = new TreeSet<>();
    for (String e : entries(jar)) {
      if (e.endsWith(".class") && !e.endsWith("module-info.class") && !e.startsWith("META-INF/")) {
        out.add(e);
      }
    }
    return out;
  }
}
