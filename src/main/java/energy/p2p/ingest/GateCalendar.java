package energy.p2p.ingest;

/**
 * Which frames a clock passing from one instant to a later one closes: those whose gate closure
 * lies in (fromExclusive, toInclusive]. At most one day of frames at once: after a longer gap (a
 * job down for days) only the last day's frames report (their windows otherwise hold no bids),
 * and the caller says how many were left out. Used alike by the streaming job and by {@code clear}.
 */
public final class GateCalendar {
  /** The most a single advance of the clock reports. */
  public static final long MAX_SPAN_MS = 24 * 3_600_000L;

  private final ValidationConfig config;

  public GateCalendar(ValidationConfig config) {
    this.config = config;
  }

  /** The frames closed by the advance, first and last inclusive (first &gt; last when none), capped. */
  public Range closed(long fromExclusiveMs, long toInclusiveMs) {
    long first = config.firstFrameGatedAfter(fromExclusiveMs);
    long last = config.lastFrameGatedBy(toInclusiveMs);
    long frameMs = config.frameMillis();
    long skipped = 0;
    if (last - first >= MAX_SPAN_MS) {
      long kept = last - MAX_SPAN_MS + frameMs;
      skipped = (kept - first) / frameMs;
      first = kept;
    }
    return new Range(first, last, frameMs, skipped);
  }

  /**
   * Frames {@code first}..{@code last} (inclusive, step {@code frameMs}); {@code skipped} earlier
   * frames the cap left out.
   */
  public record Range(long first, long last, long frameMs, long skipped) {
    public boolean isEmpty() {
      return first > last;
    }
  }
}
