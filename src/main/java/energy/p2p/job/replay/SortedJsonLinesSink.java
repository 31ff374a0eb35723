package energy.p2p.job.replay;

import energy.p2p.io.BidCodec;
import energy.p2p.job.OutputLine;
import energy.p2p.model.Allocation;
import energy.p2p.model.ClearingReport;
import energy.p2p.model.Rejection;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Replay's file sink: writes a bounded run's records as JSON Lines sorted by a total content order,
 * so the bytes do not depend on parallelism or scheduling. Allocations sort by (feeder, frame) and
 * keep the engine's order within a window (ties keep arrival order; one window's trades come from
 * one upstream subtask, in order). Must run with parallelism 1.
 *
 * <p>Memory stays bounded whatever the length of the history: each record is turned into its JSON
 * line and sort key on arrival, and every {@code runBytes} (about) of them are sorted and spilled to
 * a run file beside the output ({@code .NAME.sort/}); at the end of input the runs are merged
 * ({@link ExternalSorter}) into the file and deleted. The bytes equal an in-memory stable sort.
 */
public final class SortedJsonLinesSink<T> implements Sink<T> {
  /** Default spill threshold per output: about 16 MiB of buffered records. */
  public static final long DEFAULT_RUN_BYTES = 16L << 20;

  private final String file;
  private final Order<T> order;
  private final RecordListener<T> listener;
  private final long runBytes;

  private SortedJsonLinesSink(Path file, Order<T> order, RecordListener<T> listener, long runBytes) {
    if (runBytes < 1) {
      throw new IllegalArgumentException("runBytes must be >= 1");
    }
    this.file = file.toString();
    this.order = order;
    this.listener = listener;
    this.runBytes = runBytes;
  }

  /** {@code listener} hears of every record as it arrives (progress, summary). */
  public static SortedJsonLinesSink<Allocation> allocations(Path file, RecordListener<Allocation> listener,
      long runBytes) {
    return new SortedJsonLinesSink<>(file, new AllocationOrder(), listener, runBytes);
  }

  public static SortedJsonLinesSink<ClearingReport> reports(Path file, RecordListener<ClearingReport> listener,
      long runBytes) {
    return new SortedJsonLinesSink<>(file, new ReportOrder(), listener, runBytes);
  }

  public static SortedJsonLinesSink<Rejection> rejections(Path file, RecordListener<Rejection> listener,
      long runBytes) {
    return new SortedJsonLinesSink<>(file, new RejectionOrder(), listener, runBytes);
  }

  /** Ledger or settlement lines, sorted by (key, order, sortKey, json). */
  public static SortedJsonLinesSink<OutputLine> lines(Path file, long runBytes) {
    return new SortedJsonLinesSink<>(file, new LineOrder(), RecordListener.none(), runBytes);
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    if (context.getTaskInfo().getNumberOfParallelSubtasks() != 1) {
      throw new IllegalStateException("SortedJsonLinesSink must run with parallelism 1");
    }
    Path out = Paths.get(file);
    ExternalSorter sorter = new ExternalSorter(out.resolveSibling("." + out.getFileName() + ".sort"), runBytes,
        order.keyParts(), order.jsonBreaksTies());
    return new Writer<>(out, order, listener, sorter);
  }

  /** How records of one output sort and print: a key of Strings (null first) and Longs, then arrival. */
  interface Order<T> extends Serializable {
    int keyParts();

    Object[] key(T record);

    String json(T record);

    /** True: records with equal keys are ordered by their JSON text (else by arrival). */
    default boolean jsonBreaksTies() {
      return false;
    }
  }

  private static final class Writer<T> implements SinkWriter<T> {
    private final Path file;
    private final Order<T> order;
    private final RecordListener<T> listener;
    private final ExternalSorter sorter;
    private boolean written;

    Writer(Path file, Order<T> order, RecordListener<T> listener, ExternalSorter sorter) {
      this.file = file;
      this.order = order;
      this.listener = listener;
      this.sorter = sorter;
    }

    @Override
    public void write(T record, Context context) throws IOException {
      sorter.add(order.key(record), order.json(record));
      listener.accept(record);
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      if (!endOfInput || written) {
        return;
      }
      sorter.writeTo(file);
      written = true;
      sorter.close();
    }

    @Override
    public void close() throws IOException {
      sorter.close(); // also after a failure: no run files left behind
    }
  }

  static final class AllocationOrder implements Order<Allocation> {
    @Override
    public int keyParts() {
      return 2;
    }

    @Override
    public Object[] key(Allocation a) {
      return new Object[] {a.feederId(), a.frameStartMs()};
    }

    @Override
    public String json(Allocation a) {
      return BidCodec.toJson(a);
    }
  }

  static final class ReportOrder implements Order<ClearingReport> {
    @Override
    public int keyParts() {
      return 2;
    }

    @Override
    public Object[] key(ClearingReport r) {
      return new Object[] {r.feederId(), r.frameStartMs()};
    }

    @Override
    public String json(ClearingReport r) {
      return BidCodec.toJson(r);
    }
  }

  /** By feeder (null first), frame, bid id (null first), reason, raw, detail. */
  static final class RejectionOrder implements Order<Rejection> {
    @Override
    public int keyParts() {
      return 6;
    }

    @Override
    public Object[] key(Rejection r) {
      return new Object[] {r.feederId(), r.frameStartMs(), r.bidId(), (long) r.reason().ordinal(), r.raw(), r.detail()};
    }

    @Override
    public String json(Rejection r) {
      return BidCodec.toJson(r);
    }
  }

  static final class LineOrder implements Order<OutputLine> {
    @Override
    public int keyParts() {
      return 3;
    }

    @Override
    public Object[] key(OutputLine l) {
      return new Object[] {l.key(), l.order(), l.sortKey()};
    }

    @Override
    public String json(OutputLine l) {
      return l.json();
    }

    @Override
    public boolean jsonBreaksTies() {
      return true;
    }
  }
}
