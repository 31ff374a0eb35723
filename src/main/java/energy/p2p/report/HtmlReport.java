package energy.p2p.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes the report as ONE self-contained HTML file: styles inline, every chart a PNG embedded as
 * a base64 data URI, no script and no external resource, so it opens offline and can be mailed.
 * Charts are drawn by XChart into images in memory (AWT headless: no display needed).
 */
public final class HtmlReport {

  private HtmlReport() {}

  public static void write(List<ChartSection> sections, String title, Path out) {
    System.setProperty("java.awt.headless", "true"); // before the first AWT class loads
    StringBuilder html = new StringBuilder(1 << 20);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(escape(title)).append("</title><style>")
        .append("body{font-family:sans-serif;max-width:960px;margin:1em auto;color:#222}")
        .append("table{border-collapse:collapse;font-size:0.85em}td,th{border:1px solid #ccc;")
        .append("padding:2px 6px;text-align:right}td:first-child{text-align:left;white-space:nowrap}")
        .append("th{background:#eee}img{display:block;")
        .append("margin:0.5em 0;max-width:100%}nav a{margin-right:1em}</style></head><body>\n<h1>")
        .append(escape(title)).append("</h1>\n<nav>");
    for (ChartSection s : sections) {
      html.append("<a href=\"#").append(s.id()).append("\">").append(escape(s.title()))
          .append("</a>");
    }
    html.append("</nav>\n");
    for (ChartSection s : sections) {
      html.append("<section id=\"").append(s.id()).append("\">\n<h2>").append(escape(s.title()))
          .append("</h2>\n").append(s.html()).append('\n');
      for (Chart<?, ?> chart : s.charts()) {
        html.append("<img alt=\"").append(escape(chart.getTitle())).append("\" width=\"")
            .append(chart.getWidth()).append("\" height=\"").append(chart.getHeight())
            .append("\" src=\"data:image/png;base64,").append(png(chart)).append("\">\n");
      }
      html.append("</section>\n");
    }
    html.append("</body></html>\n");
    try {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(out, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  private static String png(Chart<?, ?> chart) {
    try {
      return Base64.getEncoder().encodeToString(BitmapEncoder.getBitmapBytes(chart,
          BitmapFormat.PNG));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render chart '" + chart.getTitle() + "'", e);
    }
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
