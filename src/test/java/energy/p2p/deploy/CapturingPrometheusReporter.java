package energy.p2p.deploy;

import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.CollectorRegistry;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.prometheus.AbstractPrometheusReporter;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Flink's own Prometheus reporter logic (metric names, labels, histogram summaries: everything
 * {@code PrometheusReporter} exposes on :9249) without its HTTP server, and keeping what a finished task
 * unregisters, so a test can read every sample a bounded job ever exposed. Configured as
 * {@code metrics.reporter.capture.factory.class: energy.p2p.deploy.CapturingPrometheusReporter$Factory}.
 */
public final class CapturingPrometheusReporter extends AbstractPrometheusReporter {
  private static final List<CapturingPrometheusReporter> INSTANCES = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
    // kept: a bounded job's tasks end (and unregister) before a test could scrape them
  }

  /** Every sample every reporter instance of this JVM holds, as Prometheus would scrape it. */
  static List<MetricFamilySamples> samples() {
    List<MetricFamilySamples> all = new ArrayList<>();
    synchronized (INSTANCES) {
      for (CapturingPrometheusReporter r : INSTANCES) {
        all.addAll(Collections.list(r.registry().metricFamilySamples()));
      }
    }
    return all;
  }

  private CollectorRegistry registry() {
    try {
      Field f = AbstractPrometheusReporter.class.getDeclaredField("registry");
      f.setAccessible(true);
      return (CollectorRegistry) f.get(this);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("AbstractPrometheusReporter has no 'registry' field any more", e);
    }
  }

  /** The factory Flink instantiates (listed in META-INF/services of the test resources). */
  public static final class Factory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
      CapturingPrometheusReporter r = new CapturingPrometheusReporter();
      INSTANCES.add(r);
      return r;
    }
  }
}
