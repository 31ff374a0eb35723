package energy.p2p.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import energy.p2p.io.BidCodec;
import energy.p2p.job.FeederFiles;
import energy.p2p.job.JobOptions;
import energy.p2p.job.replay.ReplayRun;
import energy.p2p.synth.DayConfig;
import energy.p2p.synth.SampleDayGenerator;
import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.Collector.MetricFamilySamples.Sample;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric a panel of deploy/monitoring/grafana-dashboard.json queries is one the job registers, under
 * the name and labels Flink's Prometheus reporter gives it. The registered set comes from running the real
 * job (a replay of a generated market day on a MiniCluster) with Flink's Prometheus reporter logic
 * attached ({@link CapturingPrometheusReporter}); the dashboard's PromQL is read from the JSON.
 */
class MonitoringDashboardITCase {
  private static final Path DASHBOARD = Path.of("deploy/monitoring/grafana-dashboard.json");
  private static final Pattern NAME_MATCHER = Pattern.compile("__name__\\s*(=~|=)\\s*\"([^\"]*)\"");
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern METRIC = Pattern.compile("\\bflink_[a-zA-Z0-9_:]+");
  private static final Pattern SELECTOR = Pattern.compile("\\{([^{}]*)}");
  private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");
  private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
  private static final Pattern CREATED_LABEL = Pattern.compile("\"([a-zA-Z_][a-zA-Z0-9_]*)\",\\s*\"\\$1\"");

  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
          .setConfiguration(reporterConfig()).build());

  @TempDir
  static Path dir;
  static Set<String> sampleNames = new TreeSet<>();
  static Set<String> labelNames = new TreeSet<>();
  static Set<String> feeders = new TreeSet<>();

  private static Configuration reporterConfig() {
    Configuration conf = new Configuration();
    conf.setString("metrics.reporter.capture.factory.class", CapturingPrometheusReporter.Factory.class.getName());
    return conf;
  }

  /** Once per class, inside a test: MiniClusterExtension points the execution environment at its cluster per test. */
  @BeforeEach
  void runTheJobOnce() throws Exception {
    if (sampleNames.isEmpty()) {
      runTheJob();
    }
  }

  private static void runTheJob() throws Exception {
    Path feederDir = dir.resolve("feeders");
    Path bids = dir.resolve("bids.jsonl");
    DayConfig day = new DayConfig(2, 30, 30, 4, 0.7, 8, LocalDate.of(2026, 11, 24), 7L);
    new SampleDayGenerator(day).write(Path.of("sample-data/feeders"), "ieee33", feederDir, bids);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    Path out = java.nio.file.Files.createDirectories(dir.resolve("out"));
    new ReplayRun(bids, FeederFiles.read(feederDir), out, JobOptions.defaults(), new BidCodec(4096),
        "metrics").execute(env);
    for (MetricFamilySamples family : CapturingPrometheusReporter.samples()) {
      for (Sample s : family.samples) {
        sampleNames.add(s.name);
        labelNames.addAll(s.labelNames);
        int feeder = s.labelNames.indexOf("feeder");
        if (feeder >= 0) {
          feeders.add(s.labelValues.get(feeder));
        }
      }
    }
  }

  @Test
  void theJobRegistersItsMarketMetricsUnderPrometheusNames() {
    for (String m : List.of("windowsCleared", "bidsRejected_LATE", "clearingMillis", "gateClosureLatencyMillis",
        "feeder_vMinPu", "matchedKwh", "socialWelfare")) {
      assertTrue(sampleNames.contains("flink_taskmanager_job_task_operator_" + m), m + " not in " + sampleNames);
    }
    assertEquals(2, feeders.size(), "vMinPu carries a feeder label per generated feeder: " + feeders);
  }

  @Test
  void everyMetricAndLabelTheDashboardQueriesIsRegistered() throws Exception {
    List<String> exprs = queries(new ObjectMapper().readTree(DASHBOARD.toFile()));
    assertTrue(exprs.size() >= 12, "queries found: " + exprs);
    List<String> unknown = new ArrayList<>();
    for (String expr : exprs) {
      unknown.addAll(unknownMetrics(expr));
      unknown.addAll(unknownLabels(expr));
    }
    assertEquals(List.of(), unknown, "queried by " + DASHBOARD + " but not registered by the job; registered: "
        + sampleNames + " labels " + labelNames);
  }

  @Test
  void theCheckCatchesAMetricTheJobDoesNotRegister() {
    assertEquals(2, unknownMetrics("rate(flink_taskmanager_job_task_operator_windowsClearedTotal[5m]) + "
        + "{__name__=~\"flink_taskmanager_job_task_operator_bidsRefused_.+\"}").size());
    assertEquals(1, unknownLabels("sum by (feeder_id) (flink_taskmanager_job_task_operator_feeder_vMinPu)").size());
  }

  private static List<String> unknownMetrics(String expr) {
    List<String> out = new ArrayList<>();
    Matcher names = NAME_MATCHER.matcher(expr);
    while (names.find()) {
      Pattern p = Pattern.compile(names.group(1).equals("=") ? Pattern.quote(names.group(2)) : names.group(2));
      if (sampleNames.stream().noneMatch(n -> p.matcher(n).matches())) {
        out.add("__name__" + names.group(1) + "\"" + names.group(2) + "\" matches no registered metric");
      }
    }
    Matcher metrics = METRIC.matcher(STRING.matcher(expr).replaceAll("\"\""));
    while (metrics.find()) {
      if (!sampleNames.contains(metrics.group())) {
        out.add(metrics.group());
      }
    }
    return out;
  }

  private static List<String> unknownLabels(String expr) {
    Set<String> created = new TreeSet<>();
    CREATED_LABEL.matcher(expr).results().forEach(m -> created.add(m.group(1)));
    String code = STRING.matcher(expr).replaceAll("\"\"");
    Set<String> used = new TreeSet<>();
    SELECTOR.matcher(code).results().forEach(m -> MATCHER_LABEL.matcher(m.group(1)).results()
        .forEach(l -> used.add(l.group(1))));
    GROUPING.matcher(code).results().forEach(m -> {
      for (String l : m.group(1).split(",")) {
        if (!l.isBlank()) {
          used.add(l.trim());
        }
      }
    });
    List<String> out = new ArrayList<>();
    for (String l : used) {
      if (!l.equals("__name__") && !labelNames.contains(l) && !created.contains(l)) {
        out.add("label " + l + " in " + expr);
      }
    }
    return out;
  }

  /** The PromQL of every panel target and of every query variable. */
  private static List<String> queries(JsonNode dashboard) {
    List<String> out = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        out.add(target.path("expr").asText());
      }
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (variable.path("type").asText().equals("query")) {
        JsonNode q = variable.path("query");
        out.add(q.isObject() ? q.path("query").asText() : q.asText());
      }
    }
    return out;
  }
}
