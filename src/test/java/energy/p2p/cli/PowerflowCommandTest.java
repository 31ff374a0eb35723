package energy.p2p.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PowerflowCommandTest extends InProcessCli {

  private static final String IEEE33 = "sample-data/feeders/ieee33";
  private static final double DELTA_V = 2e-5;
  private static final double DELTA_LOSS_REL = 1e-3;
  private static final ObjectMapper MAPPER = new ObjectMapper();


  @Test
  void printsIeee33BaseCaseAsOneJsonObjectInTheDocumentedFieldOrder() throws Exception {
    assertEquals(0, run("powerflow", "--feeder", IEEE33), err.toString());
    assertEquals(1, out.toString().strip().lines().count(), "one line of JSON");
    JsonNode json = MAPPER.readTree(out.toString());
    List<String> fields = new ArrayList<>();
    json.fieldNames().forEachRemaining(fields::add);
    assertEquals(List.of("feederId", "status", "iterations", "vMinPu", "vMinBus", "vMaxPu",
        "vMaxBus", "pLossKw", "qLossKvar", "violations", "buses"), fields);
    assertEquals("ieee33", json.get("feederId").asText());
    assertEquals("CONVERGED", json.get("status").asText());
    assertEquals(0.913090, json.get("vMinPu").asDouble(), DELTA_V);
    assertEquals(18, json.get("vMinBus").asInt());
    assertEquals(202.677, json.get("pLossKw").asDouble(), 202.677 * DELTA_LOSS_REL);
    assertEquals(135.141, json.get("qLossKvar").asDouble(), 135.141 * DELTA_LOSS_REL);
    assertEquals(0, json.get("violations").size());
    JsonNode buses = json.get("buses");
    assertEquals(33, buses.size());
    assertEquals(1, buses.get(0).get("bus").asInt(), "ascending bus numbers");
    assertEquals(18, buses.get(17).get("bus").asInt());
    assertEquals(json.get("vMinPu").asDouble(), buses.get(17).get("vPu").asDouble(), 0.0);
    assertEquals("", err.toString());
  }

  @Test
  void newtonRaphsonPrintsTheSameVoltages() throws Exception {
    run("powerflow", "--feeder", IEEE33, "--inject", "18=-500");
    JsonNode bfs = MAPPER.readTree(out.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, run("powerflow", "--feeder", IEEE33, "--inject", "18=-500", "--solver", "nr"));
    JsonNode nr = MAPPER.readTree(out.toString());
    assertEquals(bfs.get("vMinPu").asDouble(), nr.get("vMinPu").asDouble(), 1e-9);
    assertEquals(bfs.get("pLossKw").asDouble(), nr.get("pLossKw").asDouble(), 1e-6);
  }

  @Test
  void negativeLoadInjectsAndRaisesTheVoltageAtThatBus() throws Exception {
    run("powerflow", "--feeder", IEEE33);
    double base = MAPPER.readTree(out.toString()).get("buses").get(17).get("vPu").asDouble();
    out.getBuffer().setLength(0);
    run("powerflow", "--feeder", IEEE33, "--inject", "18=-500", "--inject", "33=-200");
    double injected = MAPPER.readTree(out.toString()).get("buses").get(17).get("vPu").asDouble();
    assertTrue(injected > base + 0.01, base + " -> " + injected);
  }

  @Test
  void reportsViolationsAsObjects() throws Exception {
    assertEquals(0, run("powerflow", "--feeder", IEEE33, "--inject", "18=1000"));
    JsonNode violations = MAPPER.readTree(out.toString()).get("violations");
    JsonNode violation = violations.get(0);
    assertEquals("UNDER_VOLTAGE", violation.get("kind").asText());
    assertEquals("9", violation.get("element").asText(), "ascending bus numbers");
    assertEquals("33", violations.get(violations.size() - 1).get("element").asText());
    assertTrue(violation.get("value").asDouble() < violation.get("limit").asDouble());
    assertEquals(0.90, violation.get("limit").asDouble());
  }

  @Test
  void rejectsUnknownBusWithClearError() {
    assertEquals(1, run("powerflow", "--feeder", IEEE33, "--inject", "99=-5"));
    assertEquals("error: --inject '99=-5': feeder ieee33 has no bus 99", err.toString().strip());
    assertEquals("", out.toString());
  }

  @Test
  void rejectsBadInjectionSyntax() {
    assertEquals(1, run("powerflow", "--feeder", IEEE33, "--inject", "18:-5"));
    assertEquals("error: --inject '18:-5': expected BUS=KW, e.g. 18=-500 (kW of extra load;"
        + " negative = injection)", err.toString().strip());
  }

  @Test
  void rejectsMissingFeederFilesWithFileName() {
    assertEquals(1, run("powerflow", "--feeder", "sample-data/feeders/nope"));
    assertEquals("error: sample-data/feeders/nope.json: file not found", err.toString().strip());
  }

  @Test
  void rejectsUnknownSolverAsUsageError() {
    assertEquals(2, run("powerflow", "--feeder", IEEE33, "--solver", "gauss"));
    assertTrue(err.toString().contains("--solver"), err.toString());
  }
}
