package energy.p2p.io;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * A fast path for the instants bids carry in practice, {@code yyyy-MM-ddTHH:mm:ss[.f…]Z}: it
 * gives exactly what {@code Instant.parse(s).toEpochMilli()} gives, without java.time's formatter
 * (which dominated replay's single parsing thread). Anything else returns {@link #NOT_FAST} and the
 * caller falls back to java.time.
 */
final class IsoInstants {
  static final long NOT_FAST = Long.MIN_VALUE;

  private IsoInstants() {}

  static long epochMillis(String s) {
    int n = s.length();
    if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
        || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return NOT_FAST;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59) {
      return NOT_FAST;
    }
    int millis = 0;
    if (n > 20) { // a fraction: ".f" to ".fffffffff"; digits beyond milliseconds are truncated
      if (s.charAt(19) != '.' || n < 22 || n - 21 > 9) {
        return NOT_FAST;
      }
      for (int i = 20; i < n - 1; i++) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          return NOT_FAST;
        }
        if (i < 23) {
          millis = millis * 10 + (c - '0');
        }
      }
      for (int i = Math.min(n - 1, 23); i < 23; i++) {
        millis *= 10;
      }
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return NOT_FAST; // e.g. February 30: let java.time word the error
    }
    return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
