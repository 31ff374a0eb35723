package energy.p2p.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import energy.p2p.model.Curtailment;
import energy.p2p.model.FrontPoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * A replay's three output files (docs/formats.md: allocations.jsonl, clearing-reports.jsonl,
 * rejected-bids.jsonl) read back for the report. A line that cannot be read is an error naming the
 * file and line: a report that silently skipped part of the day would mislead.
 */
public final class ReplayOutputs {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public final List<WindowSummary> windows = new ArrayList<>();
  public final List<Trade> trades = new ArrayList<>();
  /** Rejections by reason code, in order of first appearance. */
  public final Map<String, Integer> rejectionsByReason = new TreeMap<>();

  private ReplayOutputs() {}

  public static ReplayOutputs read(Path outDir) {
    ReplayOutputs o = new ReplayOutputs();
    lines(outDir.resolve("clearing-reports.jsonl"), (n, line) -> o.windows.add(window(n)));
    lines(outDir.resolve("allocations.jsonl"), (n, line) -> o.trades.add(new Trade(
        text(n, "feederId"), instant(n, "frameStart"), text(n, "buyerBidId"),
        text(n, "sellerBidId"), number(n, "quantityKwh"))));
    lines(outDir.resolve("rejected-bids.jsonl"),
        (n, line) -> o.rejectionsByReason.merge(text(n, "reason"), 1, Integer::sum));
    return o;
  }

  private static WindowSummary window(JsonNode n) {
    List<FrontPoint> front = front(field(n, "front"));
    int compromise = field(n, "compromiseIndex").asInt();
    if (!front.isEmpty() && (compromise < 0 || compromise >= front.size())) {
      throw new IllegalArgumentException("compromiseIndex " + compromise + " is not a point of"
          + " the front's " + front.size());
    }
    Map<String, double[]> classes = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = field(n, "perClass").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      classes.put(e.getKey(), new double[] {number(e.getValue(), "demandKwh"),
          number(e.getValue(), "matchedKwh")});
    }
    List<Curtailment> cuts = new ArrayList<>();
    for (JsonNode c : n.path("curtailments")) {
      cuts.add(new Curtailment(text(c, "buyerBidId"), text(c, "sellerBidId"), number(c, "cutKwh"),
          number(c, "remainingKwh"), text(c, "reason")));
    }
    return new WindowSummary(text(n, "feederId"), instant(n, "frameStart"),
        number(n, "matchedKwh"), number(n, "buyerWelfare"), number(n, "sellerWelfare"),
        number(n, "socialWelfare"), number(n, "vMinPu"), number(n, "vMaxPu"), text(n, "status"),
        text(n, "feasibility"), number(n, "curtailedKwh"), front,
        compromise, classes, cuts);
  }

  /** Each point's objectives under their names, in order; every point names the same ones. */
  private static List<FrontPoint> front(JsonNode points) {
    List<FrontPoint> front = new ArrayList<>();
    for (JsonNode p : points) {
      List<String> names = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      p.fieldNames().forEachRemaining(name -> {
        JsonNode v = p.get(name);
        if (!v.isNumber() && !v.isNull()) { // null: a non-finite value (docs/formats.md)
          throw new IllegalArgumentException("front point " + front.size() + ": '" + name
              + "' is not a number: " + v);
        }
        names.add(name);
        values.add(v.isNull() ? Double.NaN : v.asDouble());
      });
      if (!front.isEmpty() && !names.equals(front.get(0).names())) {
        throw new IllegalArgumentException("front point " + front.size() + " names " + names
            + ", point 0 " + front.get(0).names() + ": every point carries the same objectives");
      }
      front.add(new FrontPoint(names, values));
    }
    return front;
  }

  private static void lines(Path file, BiConsumer<JsonNode, String> sink) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        try {
          sink.accept(MAPPER.readTree(line), line);
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
          throw new IllegalArgumentException(file + " line " + lineNo + ": " + e.getMessage());
        }
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": file not found (the report reads the --out"
          + " folder of a replay: allocations.jsonl, clearing-reports.jsonl, rejected-bids.jsonl)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode field(JsonNode n, String name) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing field '" + name + "'");
    }
    return v;
  }

  private static String text(JsonNode n, String name) {
    JsonNode v = n.get(name);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static double number(JsonNode n, String name) {
    JsonNode v = n.get(name);
    return v == null || v.isNull() ? Double.NaN : v.asDouble();
  }

  private static long instant(JsonNode n, String name) {
    return Instant.parse(field(n, name).asText()).toEpochMilli();
  }
}
