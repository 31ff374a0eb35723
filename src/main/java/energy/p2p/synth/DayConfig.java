package energy.p2p.synth;

import java.time.LocalDate;

/**
 * What {@link SampleDayGenerator} makes.
 *
 * @param feeders number of feeders (copies of one template topology under different ids)
 * @param prosumersPerFeeder participants per feeder
 * @param firstFrame index of the first 15-min frame of the day (0 = midnight UTC)
 * @param frames number of consecutive 15-min frames (96 from 0 = a day; beyond the day's 96th they
 *     continue into the next days, each day shaped like the first)
 * @param activity probability that a prosumer bids in a given frame (1 = every frame)
 * @param badEvery one bad bid per this many good ones (0 = none)
 * @param day the delivery day (UTC)
 * @param seed everything random derives from it
 * @param lastFeederVMinPu lower voltage limit written for the last feeder (NaN: the template's), so
 *     that a sample day has one feeder whose grid limits bind and the clearing must respect them
 */
public record DayConfig(
    int feeders, int prosumersPerFeeder, int firstFrame, int frames, double activity, int badEvery, LocalDate day,
    long seed, double lastFeederVMinPu) {

  /** The longest history generated at once. */
  public static final int MAX_DAYS = 366;

  /** A day whose feeders all keep the template's limits. */
  public DayConfig(
      int feeders, int prosumersPerFeeder, int firstFrame, int frames, double activity, int badEvery, LocalDate day,
      long seed) {
    this(feeders, prosumersPerFeeder, firstFrame, frames, activity, badEvery, day, seed, Double.NaN);
  }

  public DayConfig {
    if (feeders < 1 || feeders > 26 * 26 * 26) {
      throw new IllegalArgumentException("feeders must be 1..17576");
    }
    if (prosumersPerFeeder < 2 || frames < 1 || firstFrame < 0 || firstFrame > 95 || firstFrame + frames > MAX_DAYS * 96) {
      throw new IllegalArgumentException("need >= 2 prosumers per feeder, a first frame within the day (0..95) "
          + "and at most " + MAX_DAYS + " days of frames");
    }
    if (!(activity > 0 && activity <= 1)) {
      throw new IllegalArgumentException("activity must be in (0, 1]");
    }
    if (badEvery < 0) {
      throw new IllegalArgumentException("badEvery must be >= 0");
    }
    if (!Double.isNaN(lastFeederVMinPu) && !(lastFeederVMinPu > 0 && lastFeederVMinPu < 1)) {
      throw new IllegalArgumentException("lastFeederVMinPu must be in (0, 1) p.u. or NaN");
    }
  }

  /**
   * The committed sample day: 4 feeders × 500 prosumers, 96 frames, ~8 % activity, ~1 % bad. The
   * last feeder (feeder-d) keeps a tighter lower limit, 0.9125 p.u. against a base-case minimum of
   * 0.9131 p.u. at bus 18, so around midday its trades are limited by the grid — the report shows it.
   */
  public static DayConfig sample() {
    return new DayConfig(4, 500, 0, 96, 0.08, 100, LocalDate.of(2026, 11, 24), 20261124L, 0.9125);
  }

  /** The utility-day benchmark: 100 feeders × 200 prosumers × 96 frames, every prosumer every frame. */
  public static DayConfig utilityDay() {
    return new DayConfig(100, 200, 0, 96, 1.0, 1000, LocalDate.of(2026, 11, 24), 7L);
  }

  /** The same market over {@code days} consecutive days from the same first frame. */
  public DayConfig withDays(int days) {
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException("days must be 1.." + MAX_DAYS);
    }
    return new DayConfig(feeders, prosumersPerFeeder, firstFrame, days * 96 - firstFrame, activity, badEvery, day, seed,
        lastFeederVMinPu);
  }
}
