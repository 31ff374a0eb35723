package energy.p2p.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import energy.p2p.io.FeederReader;
import energy.p2p.report.ChartSection;
import energy.p2p.report.ReplayOutputs;
import energy.p2p.report.ReplayReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The report's day view on real clearing: two late-morning hours of the sample day plus four
 * generated 40×40 books on ieee33 (10:00-10:45; the sample day's few STANDARD buyers are always
 * filled, so its fill fronts are single points), cleared with trade-off objectives per feeder
 * (ieee33 and feeder-a welfare against household fill, feeder-b against fill and losses, feeder-d
 * against voltage headroom, feeder-c on the default buyer / seller pair) by the clear command (the
 * streaming job's engine, byte-identical to replay: ReplayCommandITCase). Every number of the view
 * is recomputed here from clearing-reports.jsonl with Jackson.
 */
class ReportDayViewTest extends InProcessCli {

  private static final Path FEEDERS = Path.of("sample-data", "feeders");
  private static final double FRAME_HOURS = 0.25;
  private static final String RULES = """
      {"objectives": ["SOCIAL_WELFARE", "STANDARD_FILL_RATE"], "minShareStandard": 0,
       "compromiseRule": "BEST_WITHIN_WELFARE_LOSS", "maxWelfareLossPercent": 5,
       "feeders": {
         "feeder-b": {"objectives": ["SOCIAL_WELFARE", "STANDARD_FILL_RATE", "LOSSES_KW"],
                      "compromiseRule": "WEIGHTED"},
         "feeder-c": {"objectives": ["BUYER_WELFARE", "SELLER_WELFARE"],
                      "compromiseRule": "NASH_BARGAINING"},
         "feeder-d": {"objectives": ["SOCIAL_WELFARE", "VOLTAGE_HEADROOM_PU"],
                      "compromiseRule": "KNEE_POINT"}}}
      """;

  @TempDir static Path work;
  static Path outDir;
  static List<JsonNode> reports = new ArrayList<>();

  @BeforeAll
  static void clearWithTradeOffs() throws Exception {
    Path bids = work.resolve("bids.jsonl");
    Files.write(bids, Files.readAllLines(Path.of("sample-data", "bids-2026-11-24.jsonl")).stream()
        .filter(l -> !l.contains("\"bidId\":\"x-")
            && l.matches(".*\"frameStart\":\"2026-11-24T1[01]:.*"))
        .toList());
    Path rules = Files.writeString(work.resolve("rules.json"), RULES);
    outDir = work.resolve("out");
    ReportDayViewTest cli = new ReportDayViewTest();
    for (int frame = 0; frame < 4; frame++) {
      Path book = work.resolve("book-" + frame + ".jsonl");
      assertEquals(0, cli.run("generate-book", "--feeder", "sample-data/feeders/ieee33",
          "--buyers", "40", "--sellers", "40", "--seed", String.valueOf(frame + 1),
          "--frame-start", "2026-11-24T10:" + (frame == 0 ? "00" : 15 * frame) + ":00Z",
          "--out", book.toString()), cli.err.toString());
      Files.write(bids, Files.readAllLines(book), java.nio.file.StandardOpenOption.APPEND);
    }
    assertEquals(0, cli.run("clear", "--bids", bids.toString(), "--feeders", FEEDERS.toString(),
        "--out", outDir.resolve("allocations.jsonl").toString(), "--reports",
        outDir.resolve("clearing-reports.jsonl").toString(), "--rules", rules.toString()),
        cli.err.toString());
    Files.writeString(outDir.resolve("rejected-bids.jsonl"), "");
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(outDir.resolve("clearing-reports.jsonl"))) {
      reports.add(json.readTree(line));
    }
  }

  @Test
  void eachFrameShowsTheWelfareGivenUpAndWhatItBoughtAsTheReportsSay() {
    Map<Long, double[]> fill = new TreeMap<>(); // frame -> {welfare given up, fill gained kWh}
    Map<Long, double[]> losses = new TreeMap<>();
    Map<Long, double[]> headroom = new TreeMap<>();
    Map<Long, double[]> all = new TreeMap<>(); // frame -> {windows, optima's welfare, given up}
    double givenUp = 0;
    double optima = 0;
    int windows = 0;
    for (JsonNode r : reports) {
      JsonNode front = r.get("front");
      if (front.isEmpty() || !front.get(0).has("socialWelfare")) {
        assertTrue(front.isEmpty() || r.get("feederId").asText().equals("feeder-c"),
            r.toString());
        continue; // no front, or the default buyer / seller pair: not in the view
      }
      windows++;
      JsonNode chosen = front.get(r.get("compromiseIndex").asInt());
      double best = Double.NEGATIVE_INFINITY;
      for (JsonNode p : front) {
        best = Math.max(best, p.get("socialWelfare").asDouble());
      }
      JsonNode optimum = null;
      for (JsonNode p : front) { // the welfare optimum; ties: the best trade-off
        if (p.get("socialWelfare").asDouble() == best
            && (optimum == null || better(p, optimum))) {
          optimum = p;
        }
      }
      // the chosen point is what was published
      double sw = chosen.get("socialWelfare").asDouble();
      assertEquals(r.get("socialWelfare").asDouble(), sw, 1e-6 * Math.max(1, Math.abs(sw)));
      assertTrue(best <= r.get("welfareUpperBound").asDouble() + 1e-6, r.toString());
      double lost = best - sw;
      givenUp += lost;
      optima += best;
      long frame = java.time.Instant.parse(r.get("frameStart").asText()).toEpochMilli();
      double[] sums = all.computeIfAbsent(frame, f -> new double[3]);
      sums[0]++;
      sums[1] += best;
      sums[2] += lost;
      if (chosen.has("standardFillRate")) {
        JsonNode standard = r.get("perClass").get("STANDARD");
        double demand = standard == null ? 0 : standard.get("demandKwh").asDouble();
        if (standard != null && r.get("feasibility").asText().equals("FEASIBLE")) {
          // the published trades give STANDARD buyers exactly the chosen point's fill
          assertEquals(standard.get("matchedKwh").asDouble(),
              chosen.get("standardFillRate").asDouble() * demand, 1e-6, r.toString());
        }
        add(fill, frame, lost, (chosen.get("standardFillRate").asDouble()
            - optimum.get("standardFillRate").asDouble()) * demand);
      }
      if (chosen.has("lossesKw")) {
        add(losses, frame, lost, (optimum.get("lossesKw").asDouble()
            - chosen.get("lossesKw").asDouble()) * FRAME_HOURS);
      }
      if (chosen.has("voltageHeadroomPu")) {
        add(headroom, frame, lost, chosen.get("voltageHeadroomPu").asDouble()
            - optimum.get("voltageHeadroomPu").asDouble());
      }
    }
    assertTrue(fill.values().stream().anyMatch(v -> v[0] > 1e-9 && v[1] > 1e-9),
        "some frame gave welfare up for household fill");
    assertTrue(!losses.isEmpty() && !headroom.isEmpty());

    ChartSection view = dayView();
    List<XYChart> charts = view.charts().stream().map(c -> (XYChart) c).toList();
    assertEquals(3, charts.size());
    assertPerFrame(fill, charts.get(0));
    assertPerFrame(losses, charts.get(1));
    assertPerFrame(headroom, charts.get(2)); // one feeder with headroom: its line is the sum
    assertTrue(charts.get(1).getSeriesMap().containsKey(
        "losses saved (kWh over the frame, summed over feeders)"));

    String html = view.html();
    assertTrue(html.contains("the compromises of " + windows + " window(s) with trade-off"
        + " objectives gave up " + fmt(givenUp) + " currency units of welfare ("
        + String.format(Locale.ROOT, "%.2f", 100 * givenUp / optima) + " % of the "
        + fmt(optima) + " at their welfare optima) for " + fmt(sum(fill, 1))
        + " kWh more STANDARD fill"), html);
    assertTrue(html.contains(fmt(sum(losses, 1)) + " kWh less feeder losses"), html);
    assertTrue(html.contains(String.format(Locale.ROOT, "%.6f p.u. more voltage headroom (mean"
        + " over %d windows)", sum(headroom, 1) / headroom.size(), headroom.size())), html);
    assertTrue(html.contains("<tr><td>day</td><td>" + windows + "</td><td>" + fmt(optima)
        + "</td><td>" + fmt(givenUp) + "</td>"), html);
    assertTrue(!html.contains("<td>feeder-c</td>"), "the buyer / seller feeder is not in it");
    all.forEach((frame, v) -> { // the folded per-frame table
      String row = html.substring(html.indexOf("<tr><td>" + java.time.Instant.ofEpochMilli(frame)
          + "</td>"));
      row = row.substring(0, row.indexOf("</tr>"));
      String[] cells = row.replace("<tr><td>", "").split("</td><td>|</td>");
      assertEquals(List.of((int) v[0] + "", fmt(v[1]), fmt(v[2])),
          List.of(cells[1], cells[2], cells[3]), row);
      assertEquals(fill.containsKey(frame) ? fmt(fill.get(frame)[1]) : "—", cells[5], row);
      assertEquals(losses.containsKey(frame) ? fmt(losses.get(frame)[1]) : "—", cells[7], row);
    });
  }

  @Test
  void theHtmlReportCarriesTheDayViewAndSaysWhenThereIsNone() throws Exception {
    Path html = work.resolve("report.html");
    assertEquals(0, run("report", "--in", outDir.toString(), "--feeders", FEEDERS.toString(),
        "--out", html.toString(), "--window", "ieee33@2026-11-24T10:45:00Z", "--window",
        "feeder-d@2026-11-24T11:00:00Z", "--window", "ieee33@2026-11-24T11:00:00Z"),
        err.toString());
    String text = Files.readString(html);
    assertEquals(3, images(text, "day-view"), "three charts: fill, losses, headroom");
    String fronts = section(text, "pareto-front");
    assertEquals(2, images(text, "pareto-front"), "two of the three windows have a front");
    assertTrue(fronts.contains("Window ieee33@2026-11-24T10:45:00Z: 40 points")
        && fronts.contains("Window ieee33@2026-11-24T11:00:00Z has no Pareto front (status"
            + " NO_BIDS"), fronts.substring(0, fronts.indexOf("<img")));

    // the default buyer / seller fronts only: the view says there is nothing to show
    Path plain = work.resolve("plain");
    Files.createDirectories(plain);
    Files.write(plain.resolve("clearing-reports.jsonl"), reports.stream()
        .filter(r -> r.get("feederId").asText().equals("feeder-c")).map(JsonNode::toString)
        .toList());
    Files.writeString(plain.resolve("allocations.jsonl"), "");
    Files.writeString(plain.resolve("rejected-bids.jsonl"), "");
    ChartSection none = new ReplayReport(ReplayOutputs.read(plain), FeederReader.readAll(FEEDERS),
        null, 15, null).sections().stream().filter(s -> s.id().equals("day-view")).findFirst()
        .orElseThrow();
    assertTrue(none.html().startsWith("<p>No window was cleared with a trade-off objective"),
        none.html());
    assertTrue(none.charts().isEmpty());
  }

  @Test
  void saysWhichWindowsTheAcCheckChangedAfterTheChoice() throws Exception {
    Path dir = work.resolve("curtailed");
    Files.createDirectories(dir);
    List<String> lines = new ArrayList<>();
    int curtailed = 0;
    for (JsonNode r : reports) {
      boolean tradeOff = r.get("feederId").asText().equals("feeder-d")
          && r.get("front").size() > 0;
      String line = r.toString();
      lines.add(tradeOff && curtailed++ < 2
          ? line.replace("\"feasibility\":\"FEASIBLE\"", "\"feasibility\":\"CURTAILED\"") : line);
    }
    Files.write(dir.resolve("clearing-reports.jsonl"), lines);
    Files.writeString(dir.resolve("allocations.jsonl"), "");
    Files.writeString(dir.resolve("rejected-bids.jsonl"), "");
    String html = new ReplayReport(ReplayOutputs.read(dir), FeederReader.readAll(FEEDERS), null,
        15, null).sections().stream().filter(s -> s.id().equals("day-view")).findFirst()
        .orElseThrow().html();
    assertTrue(html.contains(" 2 of these window(s) were then changed by the AC check"), html);
    assertTrue(!dayView().html().contains("changed by the AC check"), "none in the real day");
  }

  @Test
  void namesABadCompromiseIndexAndAFrontWhosePointsDisagree() throws Exception {
    JsonNode window = reports.stream()
        .filter(r -> r.get("front").size() > 1 && r.get("front").get(0).has("socialWelfare"))
        .findFirst()
        .orElseThrow();
    String line = window.toString();
    int size = window.get("front").size();
    assertEquals(1, reportOn("index", line.replaceFirst("\"compromiseIndex\":\\d+",
        "\"compromiseIndex\":" + size)));
    assertTrue(err.toString().contains("clearing-reports.jsonl line 1: compromiseIndex " + size
        + " is not a point of the front's " + size), err.toString());
    err.getBuffer().setLength(0);
    assertEquals(1, reportOn("names", line.replaceFirst("\\{\"socialWelfare\"", "{\"welfare\"")));
    assertTrue(err.toString().contains("line 1: front point 0 names [welfare,")
        || err.toString().contains("line 1: front point 1 names [socialWelfare,"), err.toString());
  }

  private static String section(String html, String id) {
    int start = html.indexOf("<section id=\"" + id + "\">");
    assertTrue(start > 0, id + " section");
    return html.substring(start, html.indexOf("</section>", start));
  }

  private static int images(String html, String sectionId) {
    return section(html, sectionId).split("src=\"data:image/png;base64,").length - 1;
  }

  private int reportOn(String name, String reportLine) throws Exception {
    Path dir = work.resolve(name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("clearing-reports.jsonl"), reportLine + "\n");
    Files.writeString(dir.resolve("allocations.jsonl"), "");
    Files.writeString(dir.resolve("rejected-bids.jsonl"), "");
    return run("report", "--in", dir.toString(), "--feeders", FEEDERS.toString(), "--out",
        dir.resolve("r.html").toString());
  }

  private static ChartSection dayView() {
    return new ReplayReport(ReplayOutputs.read(outDir), FeederReader.readAll(FEEDERS), null, 15,
        null).sections().stream().filter(s -> s.id().equals("day-view")).findFirst()
        .orElseThrow();
  }

  /** The chart's welfare series (first) and gain series (second) hold each frame's sums. */
  private static void assertPerFrame(Map<Long, double[]> expected, XYChart chart) {
    List<XYSeries> series = new ArrayList<>(chart.getSeriesMap().values());
    assertEquals(2, series.size(), chart.getTitle());
    double[] welfare = series.get(0).getYData();
    double[] gain = series.get(1).getYData();
    assertEquals(expected.size(), welfare.length, chart.getTitle());
    int k = 0;
    for (double[] v : expected.values()) {
      assertEquals(v[0], welfare[k], 1e-9, chart.getTitle() + " frame " + k);
      assertEquals(v[1], gain[k], 1e-9, chart.getTitle() + " frame " + k);
      k++;
    }
  }

  /** Higher fill, lower losses, more headroom, in that order. */
  private static boolean better(JsonNode a, JsonNode b) {
    for (String t : List.of("standardFillRate", "lossesKw", "voltageHeadroomPu")) {
      if (a.has(t) && a.get(t).asDouble() != b.get(t).asDouble()) {
        return t.equals("lossesKw") ? a.get(t).asDouble() < b.get(t).asDouble()
            : a.get(t).asDouble() > b.get(t).asDouble();
      }
    }
    return false;
  }

  private static void add(Map<Long, double[]> perFrame, long frame, double lost, double gain) {
    double[] v = perFrame.computeIfAbsent(frame, f -> new double[2]);
    v[0] += lost;
    v[1] += gain;
  }

  private static double sum(Map<Long, double[]> perFrame, int k) {
    return perFrame.values().stream().mapToDouble(v -> v[k]).sum();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
