package energy.p2p.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An enum option written in lower case with dashes ({@code submitted-at} for SUBMITTED_AT). */
final class EnumOption {
  private EnumOption() {}

  static <E extends Enum<E>> E parse(Class<E> type, String value, String option) {
    String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    throw new IllegalArgumentException(option + ": '" + value + "' is not one of " + Arrays.stream(type.getEnumConstants())
        .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-')).collect(Collectors.joining(", ")));
  }
}
