package energy.p2p.deploy;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apache.flink.annotation.docs.Documentation;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.FallbackKey;

/**
 * Every {@link ConfigOption} declared by the Flink jars on the test classpath, found by reflection (all
 * public static ConfigOption fields of the {@code org.apache.flink} classes named {@code *Options}), with
 * their deprecated keys and the per-reporter options that live under {@code metrics.reporter.<name>.}
 * (suffix options, a reporter's own options, and the ARG_* arguments its factory reads).
 * {@link #problem} says what is wrong with one key = value of a configuration, or nothing.
 */
final class FlinkOptions {
  private static final String REPORTER_PREFIX = "metrics.reporter.";
  private final Map<String, ConfigOption<?>> byKey = new HashMap<>();
  private final Map<String, ConfigOption<?>> byDeprecatedKey = new HashMap<>();
  private final Map<String, ConfigOption<?>> reporterOptions = new HashMap<>();
  /** Arguments a reporter factory reads without a ConfigOption (PrometheusReporterFactory.ARG_PORT = "port"). */
  private final Set<String> reporterArguments = new HashSet<>();

  private FlinkOptions() {}

  static FlinkOptions fromClasspath() throws IOException {
    FlinkOptions options = new FlinkOptions();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      File file = new File(entry);
      if (file.getName().startsWith("flink-") && file.getName().endsWith(".jar")) {
        options.scan(file);
      }
    }
    return options;
  }

  int size() {
    return byKey.size();
  }

  boolean knows(String key) {
    return byKey.containsKey(key);
  }

  /** What is wrong with {@code key: value} (unknown key, deprecated key, unparsable value), or empty. */
  Optional<String> problem(String key, String value) {
    ConfigOption<?> option = byKey.get(key);
    if (option == null && key.startsWith(REPORTER_PREFIX)) {
      String rest = key.substring(REPORTER_PREFIX.length());
      int dot = rest.indexOf('.');
      option = dot < 0 ? null : reporterOptions.get(rest.substring(dot + 1));
      if (option == null && dot > 0 && reporterArguments.contains(rest.substring(dot + 1))) {
        return Optional.empty();
      }
    }
    if (option == null && byDeprecatedKey.containsKey(key)) {
      return Optional.of(key + ": deprecated, Flink 2.2 reads " + byDeprecatedKey.get(key).key());
    }
    if (option == null) {
      return Optional.of(key + ": no Flink 2.2 ConfigOption has this key (misspelt?)");
    }
    try {
      Configuration conf = new Configuration();
      conf.setString(key, value);
      conf.get(option);
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(key + ": '" + value + "' is not a valid value (" + e.getMessage() + ")");
    }
  }

  private void scan(File jar) throws IOException {
    try (JarFile j = new JarFile(jar)) {
      Enumeration<JarEntry> entries = j.entries();
      while (entries.hasMoreElements()) {
        String name = entries.nextElement().getName();
        if (name.startsWith("org/apache/flink/") && name.endsWith("Options.class") && !name.contains("$")) {
          register(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
        } else if (name.startsWith("org/apache/flink/metrics/") && name.endsWith("ReporterFactory.class")) {
          registerArguments(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
        }
      }
    }
  }

  private void registerArguments(String className) {
    try {
      for (Field f : Class.forName(className, false, getClass().getClassLoader()).getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && f.getName().startsWith("ARG_")) {
          f.setAccessible(true);
          reporterArguments.add((String) f.get(null));
        }
      }
    } catch (ClassNotFoundException | IllegalAccessException | LinkageError e) {
      // not a reporter this classpath can load
    }
  }

  private void register(String className) {
    Class<?> type;
    try {
      type = Class.forName(className, false, getClass().getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return; // an optional dependency of that module is absent: its options are not ours to check
    }
    boolean reporter = className.startsWith("org.apache.flink.metrics.") && className.contains("Reporter");
    for (Field f : type.getFields()) {
      if (!Modifier.isStatic(f.getModifiers()) || !ConfigOption.class.isAssignableFrom(f.getType())) {
        continue;
      }
      ConfigOption<?> option;
      try {
        option = (ConfigOption<?>) f.get(null);
      } catch (IllegalAccessException | LinkageError e) {
        continue;
      }
      boolean suffix = f.isAnnotationPresent(Documentation.SuffixOption.class);
      (reporter || suffix ? reporterOptions : byKey).put(option.key(), option);
      for (FallbackKey k : option.fallbackKeys()) {
        if (k.isDeprecated()) {
          byDeprecatedKey.putIfAbsent(k.getKey(), option);
        } else {
          byKey.putIfAbsent(k.getKey(), option);
        }
      }
    }
  }
}
