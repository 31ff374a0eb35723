package energy.p2p.job.replay;

import energy.p2p.io.BidCodec;
import energy.p2p.job.OutputLine;
import energy.p2p.model.Allocation;
import energy.p2p.model.ClearingReport;
import energy.p2p.model.Rejection;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Replay's file sink: keeps a bounded run's records and, at the end of input, writes them as JSON
 * Lines sorted by a total content order, so the bytes do not depend on parallelism or scheduling.
 * Allocations sort by (feeder, frame) and keep the engine's order within a window (stable sort;
 * one window's trades come from one upstream subtask, in order). Must run with parallelism 1.
 * Meant for bounded replays: it holds the run's output in memory until the end.
 */
public final class SortedJsonLinesSink<T> implements Sink<T> {
  private final String file;
  private final Order<T> order;
  private final RecordListener<T> listener;

  private SortedJsonLinesSink(Path file, Order<T> order, RecordListener<T> listener) {
    this.file = file.toString();
    this.order = order;
    this.listener = listener;
  }

  /** {@code listener} hears of every record as it arrives (progress, summary). */
  public static SortedJsonLinesSink<Allocation> allocations(Path file, RecordListener<Allocation> listener) {
    return new SortedJsonLinesSink<>(file, new AllocationOrder(), listener);
  }

  public static SortedJsonLinesSink<ClearingReport> reports(Path file, RecordListener<ClearingReport> listener) {
    return new SortedJsonLinesSink<>(file, new ReportOrder(), listener);
  }

  /** Ledger or settlement lines, sorted by (key, order, sortKey). */
  public static SortedJsonLinesSink<OutputLine> lines(Path file) {
    return new SortedJsonLinesSink<>(file, new LineOrder(), l -> {});
  }

  public static SortedJsonLinesSink<Rejection> rejections(Path file, RecordListener<Rejection> listener) {
    return new SortedJsonLinesSink<>(file, new RejectionOrder(), listener);
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    if (context.getTaskInfo().getNumberOfParallelSubtasks() != 1) {
      throw new IllegalStateException("SortedJsonLinesSink must run with parallelism 1");
    }
    return new Writer<>(Paths.get(file), order, listener);
  }

  /** How records of one output sort and print. */
  interface Order<T> extends Serializable {
    Comparator<T> comparator();

    Function<T, String> json();
  }

  private static final class Writer<T> implements SinkWriter<T> {
    private final Path file;
    private final Order<T> order;
    private final RecordListener<T> listener;
    private final List<T> records = new ArrayList<>();
    private boolean written;

    Writer(Path file, Order<T> order, RecordListener<T> listener) {
      this.file = file;
      this.order = order;
      this.listener = listener;
    }

    @Override
    public void write(T record, Context context) {
      records.add(record);
      listener.accept(record);
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      if (!endOfInput || written) {
        return;
      }
      records.sort(order.comparator());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Function<T, String> json = order.json();
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        for (T r : records) {
          w.write(json.apply(r));
          w.write('\n');
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      written = true;
      records.clear();
    }

    @Override
    public void close() {}
  }

  static final class AllocationOrder implements Order<Allocation> {
    @Override
    public Comparator<Allocation> comparator() {
      return Comparator.comparing(Allocation::feederId).thenComparingLong(Allocation::frameStartMs);
    }

    @Override
    public Function<Allocation, String> json() {
      return BidCodec::toJson;
    }
  }

  static final class ReportOrder implements Order<ClearingReport> {
    @Override
    public Comparator<ClearingReport> comparator() {
      return Comparator.comparing(ClearingReport::feederId).thenComparingLong(ClearingReport::frameStartMs);
    }

    @Override
    public Function<ClearingReport, String> json() {
      return BidCodec::toJson;
    }
  }

  static final class RejectionOrder implements Order<Rejection> {
    @Override
    public Comparator<Rejection> comparator() {
      Comparator<String> text = Comparator.nullsFirst(Comparator.naturalOrder());
      return Comparator.comparing(Rejection::feederId, text)
          .thenComparingLong(Rejection::frameStartMs)
          .thenComparing(Rejection::bidId, text)
          .thenComparing(Rejection::reason)
          .thenComparing(Rejection::raw, text)
          .thenComparing(Rejection::detail, text);
    }

    @Override
    public Function<Rejection, String> json() {
      return BidCodec::toJson;
    }
  }

  static final class LineOrder implements Order<OutputLine> {
    @Override
    public Comparator<OutputLine> comparator() {
      return Comparator.comparing(OutputLine::key).thenComparingLong(OutputLine::order)
          .thenComparing(OutputLine::sortKey).thenComparing(OutputLine::json);
    }

    @Override
    public Function<OutputLine, String> json() {
      return OutputLine::json;
    }
  }
}
