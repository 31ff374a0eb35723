package energy.p2p.grid;

import energy.p2p.io.FeederReader;
import java.nio.file.Path;

/** Named test networks. Impedances in ohm, loads in kW / kvar, 12.66 kV unless said. */
public final class TestFeeders {

  public static final Path SAMPLE_FEEDERS = Path.of("sample-data", "feeders");

  private TestFeeders() {}

  /**
   * IEEE 33-bus (Baran and Wu 1989), read from the sample files: main feeder 1..18, laterals
   * 2-19..22, 3-23..25, 6-26..33. Slack bus 1 at 1.0 p.u.
   */
  public static RadialFeeder ieee33() {
    return FeederReader.read(SAMPLE_FEEDERS, "ieee33");
  }

  /**
   * Two buses, one branch: the textbook case with a closed-form answer.
   * <pre>
   *   (1) slack ----- 1 + j2 ohm ----- (2) load
   * </pre>
   * Bus numbers are written child first to check direction does not matter.
   */
  public static RadialFeeder twoBus(double loadKw, double loadKvar) {
    return RadialFeeder.builder("two-bus", 12.66)
        .branch(2, 1, 1.0, 2.0)
        .load(2, loadKw, loadKvar)
        .build();
  }

  /**
   * A "Y" with non-contiguous numbers and a rated branch, slack at bus 10.
   * <pre>
   *                     /-- 0.4+j0.2 -- (30) 200 kW, 100 kvar
   *   (10) -- 0.5+j0.3 -- (20)
   *                     \-- 0.6+j0.4 -- (40) 150 kW,  50 kvar    (40-20 rated 12 A)
   * </pre>
   */
  public static RadialFeeder wye() {
    return RadialFeeder.builder("wye", 12.66)
        .slackBus(10)
        .voltageLimitsPu(0.95, 1.05)
        .branch(10, 20, 0.5, 0.3)
        .branch(40, 20, 0.6, 0.4, 12.0)
        .branch(20, 30, 0.4, 0.2)
        .load(30, 200, 100)
        .load(40, 150, 50)
        .build();
  }
}
