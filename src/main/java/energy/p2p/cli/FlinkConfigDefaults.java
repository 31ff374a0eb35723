package energy.p2p.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults of a command's options from the Flink configuration the job sees: option {@code --frame-minutes}
 * reads key {@code p2p.frame-minutes}, and so on for every option of the command, present and future
 * (the key is derived from the option's longest name, no list to maintain). An option given on the
 * command line wins; an option in neither place keeps its annotated default.
 *
 * <p>"The configuration the job sees" is {@link StreamExecutionEnvironment#getExecutionEnvironment()}'s:
 * on a cluster (REST /jars/run, {@code flink run}, application mode under the Kubernetes operator) that is
 * the cluster's config.yaml with the submission's own settings ({@code -D}, the REST request's
 * {@code flinkConfiguration}, a FlinkDeployment's {@code spec.flinkConfiguration}) on top; under
 * {@code java -jar} it is empty, so only arguments and annotated defaults apply.
 */
public final class FlinkConfigDefaults implements IDefaultValueProvider {
  /** Prefix of the job's own configuration keys. */
  public static final String PREFIX = "p2p.";
  private static final Logger LOG = LoggerFactory.getLogger(FlinkConfigDefaults.class);

  private final Supplier<ReadableConfig> source;
  private Map<String, String> config;

  /** Reads the execution environment's configuration (what picocli instantiates from the annotation). */
  public FlinkConfigDefaults() {
    this(() -> StreamExecutionEnvironment.getExecutionEnvironment().getConfiguration());
  }

  /** Reads the given configuration (tests, embedding). */
  public FlinkConfigDefaults(ReadableConfig config) {
    this(() -> config);
  }

  private FlinkConfigDefaults(Supplier<ReadableConfig> source) {
    this.source = source;
  }

  /** The configuration key of an option: {@code p2p.} plus its longest name without dashes. */
  public static String key(OptionSpec option) {
    return PREFIX + option.longestName().replaceFirst("^-+", "");
  }

  /** True for the options that have a key: all but --help / --version. */
  public static boolean configurable(OptionSpec option) {
    return !option.usageHelp() && !option.versionHelp();
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || !configurable(option)) {
      return null;
    }
    String key = key(option);
    String value = config(option.command()).get(key);
    if (value != null) {
      // picocli asks for every option's default; only a value actually taken is worth a line
      LOG.info("{} = {} from the Flink configuration ({} on the command line wins)", key, value,
          option.longestName());
    }
    return value;
  }

  private Map<String, String> config(CommandSpec command) {
    if (config == null) {
      config = source.get().toMap();
      rejectUnknownKeys(command);
    }
    return config;
  }

  /** A misspelt key would silently leave its option at the default: refuse to start instead. */
  private void rejectUnknownKeys(CommandSpec command) {
    Set<String> known = new TreeSet<>();
    for (OptionSpec o : command.options()) {
      if (configurable(o)) {
        known.add(key(o));
      }
    }
    List<String> unknown = config.keySet().stream()
        .filter(k -> k.startsWith(PREFIX) && !known.contains(k)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw new ParameterException(command.commandLine(), "unknown key(s) " + unknown
          + " in the Flink configuration: '" + command.name() + "' has no such option; its keys are " + known);
    }
  }
}
