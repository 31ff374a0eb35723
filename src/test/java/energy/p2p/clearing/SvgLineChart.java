package energy.p2p.clearing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small line chart written as SVG text, for figures committed under docs/ (XChart's vector
 * export needs a library the build leaves out). Logarithmic x axis with ticks at the given x
 * values, linear y axis; one polyline with dots per series. Same data, same bytes.
 */
final class SvgLineChart {

  private static final int WIDTH = 640;
  private static final int HEIGHT = 360;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 40;
  private static final int BOTTOM = 90;
  private static final String[] COLOURS = {"#1f5fbf", "#d0661a", "#2a8a3a", "#a0208a"};

  private record Series(String name, double[] x, double[] y) {}

  private final String title;
  private final String xTitle;
  private final String yTitle;
  private final List<Series> series = new ArrayList<>();

  SvgLineChart(String title, String xTitle, String yTitle) {
    this.title = title;
    this.xTitle = xTitle;
    this.yTitle = yTitle;
  }

  SvgLineChart add(String name, double[] x, double[] y) {
    if (x.length != y.length || x.length == 0) {
      throw new IllegalArgumentException("series " + name + ": " + x.length + " x, " + y.length
          + " y values");
    }
    series.add(new Series(name, x.clone(), y.clone()));
    return this;
  }

  /** The chart, y from {@code yMin} to {@code yMax} with a tick every {@code yStep}. */
  String svg(double[] xTicks, double yMin, double yMax, double yStep) {
    double xMin = Math.log(xTicks[0]);
    double xMax = Math.log(xTicks[xTicks.length - 1]);
    Scale sx = v -> LEFT + (Math.log(v) - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT);
    Scale sy = v -> HEIGHT - BOTTOM - (v - yMin) / (yMax - yMin) * (HEIGHT - TOP - BOTTOM);
    StringBuilder s = new StringBuilder();
    s.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
        + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n", WIDTH,
        HEIGHT, WIDTH, HEIGHT));
    s.append(f("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", WIDTH, HEIGHT));
    s.append(f("<text x=\"%d\" y=\"22\" text-anchor=\"middle\" font-size=\"14\""
        + " font-weight=\"bold\">%s</text>\n", WIDTH / 2, escape(title)));
    for (double t : xTicks) {
      s.append(f("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>\n",
          sx.at(t), TOP, sx.at(t), HEIGHT - BOTTOM));
      s.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", sx.at(t),
          HEIGHT - BOTTOM + 16, label(t)));
    }
    int steps = (int) Math.round((yMax - yMin) / yStep);
    for (int k = 0; k <= steps; k++) {
      double v = yMin + k * yStep;
      s.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", LEFT,
          sy.at(v), WIDTH - RIGHT, sy.at(v)));
      s.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT - 6,
          sy.at(v) + 4, label(v)));
    }
    s.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
        (LEFT + WIDTH - RIGHT) / 2, HEIGHT - BOTTOM + 36, escape(xTitle)));
    s.append(f("<text transform=\"translate(16 %d) rotate(-90)\" text-anchor=\"middle\">%s"
        + "</text>\n", (TOP + HEIGHT - BOTTOM) / 2, escape(yTitle)));
    for (int i = 0; i < series.size(); i++) {
      line(s, series.get(i), COLOURS[i % COLOURS.length], sx, sy, HEIGHT - BOTTOM + 56 + 16 * i,
          LEFT);
    }
    return s.append("</svg>\n").toString();
  }

  private static void line(StringBuilder s, Series ser, String colour, Scale sx, Scale sy,
      int legendY, int legendX) {
    StringBuilder points = new StringBuilder();
    for (int k = 0; k < ser.x().length; k++) {
      points.append(f("%s%.1f,%.1f", k == 0 ? "" : " ", sx.at(ser.x()[k]), sy.at(ser.y()[k])));
    }
    s.append(f("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>\n",
        colour, points));
    for (int k = 0; k < ser.x().length; k++) {
      s.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n", sx.at(ser.x()[k]),
          sy.at(ser.y()[k]), colour));
    }
    s.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>"
        + "\n", legendX, legendY - 4, legendX + 24, legendY - 4, colour));
    s.append(f("<text x=\"%d\" y=\"%d\">%s</text>\n", legendX + 30, legendY, escape(ser.name())));
  }

  private interface Scale {
    double at(double v);
  }

  private static String label(double v) {
    return v == Math.rint(v) && Math.abs(v) >= 10 ? String.valueOf((long) v) : f("%.3f", v);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
