package energy.p2p.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** "500ms", "30s", "2m", "1h", a plain number of seconds, or ISO-8601 ("PT30S"). */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String v = value.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      if (v.startsWith("pt") || v.startsWith("p")) {
        return Duration.parse(value.trim());
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      char unit = v.charAt(v.length() - 1);
      if (Character.isDigit(unit)) {
        return Duration.ofSeconds(Long.parseLong(v));
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      Duration d = switch (unit) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> null;
      };
      if (d != null && !d.isNegative()) {
        return d;
      }
    } catch (RuntimeException ignored) {
      // fall through to the message below
    }
    throw new IllegalArgumentException("not a duration: '" + value + "' (use e.g. 500ms, 30s, 2m)");
  }
}
