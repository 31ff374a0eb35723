package energy.p2p.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.io.BidCodec;
import energy.p2p.io.FeederReader;
import energy.p2p.ingest.BidValidator;
import energy.p2p.ingest.ValidationConfig;
import energy.p2p.report.ChartSection;
import energy.p2p.report.ReplayOutputs;
import energy.p2p.report.ReplayReport;
import energy.p2p.report.WindowSummary;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import picocli.CommandLine;

/**
 * The replay report on two hours (11:00-13:00, 32 windows) of the sample day, cleared offline by
 * the same engine as the streaming job (the clear command) so the test takes seconds.
 */
class ReportCommandTest {

  private static final Path FEEDERS = Path.of("sample-data", "feeders");
  private static final Pattern SECTION = Pattern.compile(
      "<section id=\"([a-z-]+)\">(.*?)</section>", Pattern.DOTALL);
  private static final Pattern PNG = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

  @TempDir static Path work;
  static Path outDir;
  static Path bids;
  static int rejected;

  @BeforeAll
  static void replaySlice() throws Exception {
    System.setProperty("java.awt.headless", "true");
    bids = work.resolve("bids.jsonl");
    List<String> slice = Files.readAllLines(Path.of("sample-data", "bids-2026-11-24.jsonl")).stream()
        .filter(l -> l.contains("\"frameStart\":\"2026-11-24T11:") || l.contains("\"frameStart\":\"2026-11-24T12:"))
        .toList();
    Files.write(bids, slice);
    outDir = work.resolve("out");
    assertEquals(0, Main.commandLine().setErr(new PrintWriter(new StringWriter())).execute("clear",
        "--bids", bids.toString(), "--feeders", FEEDERS.toString(),
        "--out", outDir.resolve("allocations.jsonl").toString(),
        "--reports", outDir.resolve("clearing-reports.jsonl").toString()));
    ValidationConfig config = ValidationConfig.defaults();
    BidFileWindows file = BidFileWindows.read(bids,
        new BidValidator(FeederReader.readAll(FEEDERS), config), config, List.copyOf(FeederReader.readAll(FEEDERS).keySet()));
    List<String> rejections = new ArrayList<>();
    file.skipped.forEach(s -> rejections.add(BidCodec.toJson(s.rejection())));
    Files.write(outDir.resolve("rejected-bids.jsonl"), rejections);
    rejected = rejections.size();
    assertTrue(rejected > 5, "the slice holds bad bids of several kinds");
  }

  @Test
  void rendersEveryChartWithDataIntoOneSelfContainedHtmlFile() throws Exception {
    Path html = work.resolve("report.html");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    assertEquals(0, cli.execute("report", "--in", outDir.toString(), "--feeders",
        FEEDERS.toString(), "--bids", bids.toString(), "--out", html.toString()), err.toString());
    long windows = Files.lines(outDir.resolve("clearing-reports.jsonl")).count();
    // every feeder, every frame of the slice's span (8 frames): the quiet ieee33 reports NO_BIDS
    assertEquals(5 * 8, windows);
    assertTrue(out.toString().startsWith("wrote " + html + ": " + windows + " windows"), out.toString());

    String text = Files.readString(html);
    assertTrue(!text.contains("http://") && !text.contains("https://") && !text.contains("<script"),
        "opens offline: no external resource, no script");
    Map<String, Integer> imagesPerSection = new java.util.LinkedHashMap<>();
    Matcher section = SECTION.matcher(text);
    while (section.find()) {
      int images = 0;
      Matcher png = PNG.matcher(section.group(2));
      while (png.find()) {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
            Base64.getDecoder().decode(png.group(1))));
        assertNotNull(image, "a decodable PNG in section " + section.group(1));
        assertEquals(900, image.getWidth());
        images++;
      }
      imagesPerSection.put(section.group(1), images);
    }
    // per-feeder charts for all 5 feeders: the quiet ieee33 shows its base-case voltage band too
    assertEquals(Map.of("summary", 0, "matched-energy", 1, "welfare", 5, "voltage-band", 5,
        "voltage-profile", 5, "pareto-front", 1, "day-view", 0, "rejections", 2,
        "curtailments", 1), imagesPerSection);
    assertTrue(text.contains("<p>No window was cleared with a trade-off objective"),
        "the sample day clears the default buyer / seller pair: the day view says so");
    assertTrue(text.contains("recomputed vMin with the trades"), "profiles include the trades");
  }

  @Test
  void everyChartHasDataAndTheProfileReproducesTheReportedVoltage() {
    ReplayOutputs outputs = ReplayOutputs.read(outDir);
    ReplayReport report = new ReplayReport(outputs, FeederReader.readAll(FEEDERS), bids, 15, null);
    List<ChartSection> sections = report.sections();
    for (ChartSection s : sections) {
      for (Chart<?, ?> chart : s.charts()) {
        assertTrue(!chart.getSeriesMap().isEmpty(), chart.getTitle());
        for (Object series : chart.getSeriesMap().values()) {
          int points = series instanceof XYSeries xy ? xy.getXData().length
              : ((CategorySeries) series).getYData().size();
          assertTrue(points > 0, chart.getTitle() + " has an empty series");
        }
      }
    }
    Map<String, ChartSection> byId = sections.stream()
        .collect(Collectors.toMap(ChartSection::id, s -> s));
    XYSeries matched = (XYSeries) byId.get("matched-energy").charts().get(0).getSeriesMap()
        .get("feeder-a");
    assertEquals(8, matched.getXData().length, "8 frames of feeder-a");
    assertTrue(java.util.Arrays.stream(matched.getYData()).anyMatch(kwh -> kwh > 0));

    CategorySeries reasons = (CategorySeries) byId.get("rejections").charts().get(0)
        .getSeriesMap().get("rejections");
    assertEquals(rejected, reasons.getYData().stream().mapToInt(Number::intValue).sum());

    WindowSummary largest = outputs.windows.stream()
        .max(java.util.Comparator.comparingInt(w -> w.front().size())).orElseThrow();
    Chart<?, ?> front = byId.get("pareto-front").charts().get(0);
    assertEquals(largest.front().size(), ((XYSeries) front.getSeriesMap().values().iterator().next())
        .getXData().length);
    assertTrue(front.getSeriesMap().keySet().stream().anyMatch(k -> k.startsWith("compromise")));

    // the re-run sweep with the frame's trades reproduces the feasibility operator's vMin
    Matcher m = Pattern.compile("reported vMin (\\d\\.\\d+) .*?recomputed vMin with the trades "
        + "(\\d\\.\\d+)").matcher(byId.get("voltage-profile").html());
    int profiles = 0;
    while (m.find()) {
      assertEquals(m.group(1), m.group(2));
      profiles++;
    }
    assertEquals(5, profiles, "one per feeder, the quiet ieee33 included");
  }

  @Test
  void showsCurtailmentsByBindingElement() throws Exception {
    Path dir = work.resolve("curtailed");
    Files.createDirectories(dir);
    String report = Files.readAllLines(outDir.resolve("clearing-reports.jsonl")).get(0)
        .replaceAll("\"curtailedKwh\":[^,]+", "\"curtailedKwh\":1.5")
        .replaceAll("\"curtailments\":\\[]", "\"curtailments\":[{\"buyerBidId\":\"b1\","
            + "\"sellerBidId\":\"s1\",\"cutKwh\":1.5,\"remainingKwh\":0.0,"
            + "\"reason\":\"UNDER_VOLTAGE bus 18\"}]");
    Files.writeString(dir.resolve("clearing-reports.jsonl"), report + "\n");
    Files.writeString(dir.resolve("allocations.jsonl"), "");
    Files.writeString(dir.resolve("rejected-bids.jsonl"), "");
    ReplayReport r = new ReplayReport(ReplayOutputs.read(dir), FeederReader.readAll(FEEDERS), null,
        15, null);
    ChartSection cuts = r.sections().stream().filter(s -> s.id().equals("curtailments"))
        .findFirst().orElseThrow();
    assertTrue(cuts.html().contains("1.5000 kWh curtailed"), cuts.html());
    assertTrue(cuts.html().contains("UNDER_VOLTAGE bus 18</td><td>1</td><td>1.5000"), cuts.html());
    XYSeries s = (XYSeries) cuts.charts().get(0).getSeriesMap().values().iterator().next();
    assertEquals(1.5, s.getYData()[0]);
  }

  @Test
  void plotsATradeOffFrontOnItsOwnObjectivesWithTheChosenPoint() throws Exception {
    Path dir = work.resolve("trade-off");
    Files.createDirectories(dir);
    String report = Files.readAllLines(outDir.resolve("clearing-reports.jsonl")).get(0)
        .replaceAll("\"front\":\\[[^]]*]", "\"front\":[{\"socialWelfare\":2.0,"
            + "\"standardFillRate\":0.9},{\"socialWelfare\":2.5,\"standardFillRate\":0.6},"
            + "{\"socialWelfare\":2.6,\"standardFillRate\":0.3}]")
        .replaceAll("\"compromiseIndex\":-?\\d+", "\"compromiseIndex\":1")
        .replaceAll("\"status\":\"[A-Z_]+\"", "\"status\":\"CLEARED\"");
    Files.writeString(dir.resolve("clearing-reports.jsonl"), report + "\n");
    Files.writeString(dir.resolve("allocations.jsonl"), "");
    Files.writeString(dir.resolve("rejected-bids.jsonl"), "");
    ReplayReport r = new ReplayReport(ReplayOutputs.read(dir), FeederReader.readAll(FEEDERS), null,
        15, null);
    ChartSection front = r.sections().stream().filter(s -> s.id().equals("pareto-front"))
        .findFirst().orElseThrow();
    org.knowm.xchart.XYChart chart = (org.knowm.xchart.XYChart) front.charts().get(0);
    assertEquals("social welfare", chart.getXAxisTitle());
    assertEquals("STANDARD fill rate", chart.getYAxisTitle());
    List<XYSeries> series = new ArrayList<>(chart.getSeriesMap().values());
    assertArrayEquals(new double[] {2.0, 2.5, 2.6}, series.get(0).getXData());
    assertArrayEquals(new double[] {0.9, 0.6, 0.3}, series.get(0).getYData());
    assertArrayEquals(new double[] {2.5}, series.get(1).getXData()); // the published point
    assertArrayEquals(new double[] {0.6}, series.get(1).getYData());
    assertEquals("welfare optimum", series.get(2).getName()); // what the day view measures from
    assertArrayEquals(new double[] {2.6}, series.get(2).getXData());
    assertArrayEquals(new double[] {0.3}, series.get(2).getYData());
  }

  @Test
  void rendersAWindowWithoutFrontOrVoltagesWithoutFailing() throws Exception {
    Path dir = work.resolve("one-sided");
    Files.createDirectories(dir);
    String oneSided = Files.readAllLines(outDir.resolve("clearing-reports.jsonl")).get(0)
        .replaceAll("\"front\":\\[[^]]*]", "\"front\":[]")
        .replaceAll("\"compromiseIndex\":-?\\d+", "\"compromiseIndex\":-1")
        .replaceAll("\"vMinPu\":[^,]+,\"vMaxPu\":[^,]+", "\"vMinPu\":null,\"vMaxPu\":null")
        .replaceAll("\"status\":\"[A-Z_]+\"", "\"status\":\"GRID_NOT_CONVERGED\"");
    Files.writeString(dir.resolve("clearing-reports.jsonl"), oneSided + "\n");
    Files.writeString(dir.resolve("allocations.jsonl"), "");
    Files.writeString(dir.resolve("rejected-bids.jsonl"), "");
    Path html = work.resolve("one-sided.html");
    StringWriter err = new StringWriter();
    assertEquals(0, Main.commandLine().setOut(new PrintWriter(new StringWriter()))
        .setErr(new PrintWriter(err)).execute("report", "--in", dir.toString(), "--feeders",
            FEEDERS.toString(), "--out", html.toString()), err.toString());
    String text = Files.readString(html);
    assertTrue(text.contains("has no Pareto front (status GRID_NOT_CONVERGED"), text.substring(0, 2000));
    assertTrue(text.contains("<section id=\"voltage-band\">"));
  }

  @Test
  void namesAMissingOutputFileAndABadWindow() {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine().setErr(new PrintWriter(err));
    assertEquals(1, cli.execute("report", "--in", work.resolve("nothing").toString(), "--feeders",
        FEEDERS.toString(), "--out", work.resolve("r.html").toString()));
    assertTrue(err.toString().startsWith("error: " + work.resolve("nothing")
        .resolve("clearing-reports.jsonl") + ": file not found"), err.toString());
    err.getBuffer().setLength(0);
    assertEquals(1, cli.execute("report", "--in", outDir.toString(), "--feeders",
        FEEDERS.toString(), "--out", work.resolve("r.html").toString(), "--window", "feeder-z@x"));
    assertTrue(err.toString().startsWith("error: --window feeder-z@x: no such window"),
        err.toString());
  }
}
