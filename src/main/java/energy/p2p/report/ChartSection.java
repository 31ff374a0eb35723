package energy.p2p.report;

import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One section of the HTML report: an anchor id, a heading, a short text (already HTML-escaped)
 * and its charts, each rendered as an embedded PNG.
 */
public record ChartSection(String id, String title, String html, List<Chart<?, ?>> charts) {}
