package energy.p2p.job.replay;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.Stream;

/**
 * Sorts JSON lines by a key in bounded memory and writes them to a file: entries are buffered up to
 * about {@code runBytes}, then sorted and spilled as a run file; at the end the runs are merged
 * (k-way, at most {@link #FAN_IN} at once, in several passes when there are more). Ties keep
 * arrival order — within a run by the stable in-memory sort, across runs by run number — so the
 * output equals a stable sort of everything in memory, byte for byte. Key parts are Strings (null
 * sorts first, {@link String#compareTo} order) or Longs; with {@code jsonBreaksTies} equal keys are
 * further ordered by the JSON text. Not thread-safe (one sink writer).
 */
final class ExternalSorter implements Closeable {
  /** Runs merged at once (open files, a 64 KiB buffer each). */
  static final int FAN_IN = 64;

  /** One line to sort: its key parts and its JSON. */
  record Entry(Object[] key, String json) {}

  private final Path spillDir;
  private final long runBytes;
  private final int parts;
  private final Comparator<Entry> order;
  private final List<Entry> buffer = new ArrayList<>();
  private final List<Path> runs = new ArrayList<>();
  private long buffered;
  private int runsMade;

  /** {@code spillDir} is created at the first spill and deleted by {@link #close()}. */
  ExternalSorter(Path spillDir, long runBytes, int parts, boolean jsonBreaksTies) {
    this.spillDir = spillDir;
    this.runBytes = runBytes;
    this.parts = parts;
    Comparator<Entry> byKey = (a, b) -> compareKeys(a.key(), b.key());
    this.order = jsonBreaksTies ? byKey.thenComparing(Entry::json) : byKey;
  }

  void add(Object[] key, String json) throws IOException {
    buffer.add(new Entry(key, json));
    buffered += estimate(key, json);
    if (buffered >= runBytes) {
      spill();
    }
  }

  /** How many runs went to disk so far (0: everything fitted in memory). */
  int spilledRuns() {
    return runsMade;
  }

  /** Writes every entry, sorted, to {@code file} (atomically: via a temporary sibling). */
  void writeTo(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      if (runs.isEmpty()) {
        buffer.sort(order);
        for (Entry e : buffer) {
          line(w, e);
        }
      } else {
        spill();
        while (runs.size() > FAN_IN) { // earlier runs first: the merged run keeps their place in the tie order
          List<Path> first = new ArrayList<>(runs.subList(0, FAN_IN));
          Path merged = nextRunFile();
          try (SortRun.Writer out = new SortRun.Writer(merged)) {
            merge(first, out::write);
          }
          runs.subList(0, FAN_IN).clear();
          runs.add(0, merged);
          deleteAll(first);
        }
        merge(runs, e -> line(w, e));
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    buffer.clear();
  }

  private static void line(BufferedWriter w, Entry e) throws IOException {
    w.write(e.json());
    w.write('\n');
  }

  private void spill() throws IOException {
    if (buffer.isEmpty()) {
      return;
    }
    buffer.sort(order); // stable: ties keep arrival order
    Path run = nextRunFile();
    try (SortRun.Writer out = new SortRun.Writer(run)) {
      for (Entry e : buffer) {
        out.write(e);
      }
    }
    runs.add(run);
    buffer.clear();
    buffered = 0;
  }

  private Path nextRunFile() throws IOException {
    Files.createDirectories(spillDir);
    return spillDir.resolve(String.format("run-%06d", runsMade++));
  }

  private interface Sink {
    void accept(Entry e) throws IOException;
  }

  private void merge(List<Path> files, Sink out) throws IOException {
    PriorityQueue<SortRun.Reader> heads = new PriorityQueue<>(Math.max(files.size(), 1),
        Comparator.<SortRun.Reader, Entry>comparing(SortRun.Reader::current, order).thenComparingInt(r -> r.index));
    List<SortRun.Reader> open = new ArrayList<>();
    try {
      for (int i = 0; i < files.size(); i++) {
        SortRun.Reader r = new SortRun.Reader(files.get(i), parts, i);
        open.add(r);
        if (r.advance()) {
          heads.add(r);
        }
      }
      while (!heads.isEmpty()) {
        SortRun.Reader r = heads.poll();
        out.accept(r.current());
        if (r.advance()) {
          heads.add(r);
        }
      }
    } finally {
      for (SortRun.Reader r : open) {
        r.close();
      }
    }
  }

  static int compareKeys(Object[] a, Object[] b) {
    for (int i = 0; i < a.length; i++) {
      Object x = a[i];
      Object y = b[i];
      if (x == y) {
        continue;
      }
      if (x == null || y == null) {
        return x == null ? -1 : 1;
      }
      int c = x instanceof Long lx ? Long.compare(lx, (Long) y) : ((String) x).compareTo((String) y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Rough heap bytes of an entry (object headers, arrays, compact strings). */
  private static long estimate(Object[] key, String json) {
    long bytes = 64 + 4L * key.length + json.length();
    for (Object part : key) {
      bytes += part instanceof String s ? 48 + s.length() : 16;
    }
    return bytes;
  }

  private static void deleteAll(List<Path> files) throws IOException {
    for (Path f : files) {
      Files.deleteIfExists(f);
    }
  }

  /** Deletes the spill folder and every run in it (also after a failure). */
  @Override
  public void close() throws IOException {
    buffer.clear();
    if (!Files.isDirectory(spillDir)) {
      return;
    }
    try (Stream<Path> files = Files.list(spillDir)) {
      files.forEach(f -> {
        try {
          Files.deleteIfExists(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    Files.deleteIfExists(spillDir);
    runs.clear();
  }
}
