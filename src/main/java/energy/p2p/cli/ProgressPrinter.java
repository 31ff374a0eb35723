package energy.p2p.cli;

import energy.p2p.job.replay.ReplayTally;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints "records read / total, windows cleared" to stderr every 2 s while a replay runs. */
final class ProgressPrinter implements AutoCloseable {
  private final ReplayTally tally;
  private final long total;
  private final PrintWriter err;
  private final Thread thread;
  private final long t0 = System.nanoTime();

  ProgressPrinter(ReplayTally tally, long total, PrintWriter err) {
    this.tally = tally;
    this.total = total;
    this.err = err;
    this.thread = new Thread(this::loop, "replay-progress");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    try {
      while (true) {
        Thread.sleep(2000);
        print();
      }
    } catch (InterruptedException done) {
      Thread.currentThread().interrupt();
    }
  }

  private void print() {
    err.printf(Locale.ROOT, "replay: %,d / %,d records read, %,d windows cleared, %,d rejected (%.0f s)%n",
        tally.recordsRead.get(), total, tally.windows.get(), tally.rejectedTotal(), (System.nanoTime() - t0) / 1e9);
    err.flush();
  }

  void finish() {
    thread.interrupt();
    print();
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
