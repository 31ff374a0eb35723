package energy.p2p.clearing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The docs' SVG figure writer: well-formed SVG, points where the axes put them. */
class SvgLineChartTest {

  @Test
  void drawsEachSeriesAsAPolylineOnALogXAxis() throws Exception {
    String svg = new SvgLineChart("growth <of> a & b", "evaluations", "ratio")
        .add("fill", new double[] {40, 200, 1000}, new double[] {0.97, 0.98, 1.0})
        .add("headroom", new double[] {40, 1000}, new double[] {0.985, 0.99})
        .svg(new double[] {40, 1000}, 0.97, 1.0, 0.01);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertEquals("svg", doc.getDocumentElement().getTagName());
    assertEquals(2, doc.getElementsByTagName("polyline").getLength());
    assertEquals(5, doc.getElementsByTagName("circle").getLength());
    // plot area x 70..620, y 270 (0.97) .. 40 (1.0); 200 sits half-way on log(40)..log(1000)
    assertEquals("70.0,270.0 345.0,193.3 620.0,40.0",
        ((Element) doc.getElementsByTagName("polyline").item(0)).getAttribute("points"));
    assertEquals("growth <of> a & b", doc.getElementsByTagName("text").item(0).getTextContent());
  }

  @Test
  void refusesASeriesWhoseCoordinatesDoNotPair() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SvgLineChart("t", "x", "y").add("s", new double[] {1, 2}, new double[] {1}));
    assertEquals("series s: 2 x, 1 y values", e.getMessage());
  }
}
