package energy.p2p.bench;

import energy.p2p.grid.BackwardForwardSweep;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.io.FeederReader;
import energy.p2p.synth.RandomFeederGenerator;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One sweep solve as the clearing optimiser calls it: a feeder built once, injections changing
 * between calls (two trade vectors alternate so nothing can be cached), single thread.
 * Goals (docs/benchmarks.md): IEEE 33 &lt;= 5 us median, 2,000 buses &lt;= 1 ms, ~0 B/op.
 *
 * <pre>mvn -Pbench test-compile exec:exec -Dbench=BackwardForwardSweepBenchmark \
 *     -Dbench.args="-f 1 -wi 3 -i 5 -prof gc"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class BackwardForwardSweepBenchmark {

  /** "ieee33" (sample-data/feeders) or "randomN": a seeded random feeder of N buses. */
  @Param({"ieee33", "random2000"})
  public String feeder;

  private BackwardForwardSweep sweep;
  private double[][] injectionKw;
  private int call;

  @Setup
  public void setUp() {
    RadialFeeder radial = feeder.equals("ieee33")
        ? FeederReader.read(Path.of("sample-data", "feeders"), "ieee33")
        : new RandomFeederGenerator(2026).generate(feeder,
            Integer.parseInt(feeder.substring("random".length())));
    sweep = new BackwardForwardSweep(radial);
    injectionKw = new double[2][radial.busCount()];
    SplittableRandom random = new SplittableRandom(7);
    for (double[] trades : injectionKw) {
      // a market window: a tenth of the buses trade, sellers inject and buyers draw 0-50 kW
      for (int i = 1; i < radial.busCount(); i++) {
        if (random.nextInt(10) == 0) {
          trades[i] = random.nextDouble(-50, 50);
        }
      }
    }
  }

  @Benchmark
  public double solve() {
    return sweep.solve(injectionKw[call++ & 1]).vMinPu();
  }
}
