package energy.p2p.clearing.rules;

import energy.p2p.clearing.ClearingConfig;
import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The market rules a utility sets in a rules file ({@link RulesFile}): values for every feeder,
 * then per-feeder overrides. {@link #clearingFor} gives the clearing settings of one feeder,
 * marked with the file's hash so every report says which rules were in force. Immutable and
 * serialisable (a Flink function can carry it). {@link #none()}: no rules file, the built-in
 * defaults, reports without rules fields.
 */
public final class MarketRules implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final MarketRules NONE = new MarketRules(null, RuleValues.NONE, Map.of());

  private final String hash;
  private final RuleValues defaults;
  private final TreeMap<String, RuleValues> feeders;

  MarketRules(String hash, RuleValues defaults, Map<String, RuleValues> feeders) {
    this.hash = hash;
    this.defaults = defaults;
    this.feeders = new TreeMap<>(feeders);
  }

  /** No rules file: every feeder clears with the settings it is given. */
  public static MarketRules none() {
    return NONE;
  }

  public boolean isNone() {
    return hash == null;
  }

  /** "sha256:" + hex SHA-256 of the canonical rules JSON; null for {@link #none()}. */
  public String hash() {
    return hash;
  }

  public RuleValues defaults() {
    return defaults;
  }

  /** The overrides of one feeder ({@link RuleValues#NONE} when it has none). */
  public RuleValues overrides(String feederId) {
    return feeders.getOrDefault(feederId, RuleValues.NONE);
  }

  /** Feeder ids that have overrides. */
  public Set<String> feederIds() {
    return Collections.unmodifiableSet(feeders.keySet());
  }

  /**
   * The clearing settings of a feeder: {@code base} (seed, frame length, book limit, timings from
   * the command line), the file's values, then the feeder's overrides, marked with the file's
   * hash. {@code base} itself for {@link #none()}.
   */
  public ClearingConfig clearingFor(ClearingConfig base, String feederId) {
    if (isNone()) {
      return base;
    }
    ClearingConfig c = defaults.applyTo(base);
    RuleValues own = feederId == null ? null : feeders.get(feederId);
    if (own != null) {
      c = own.applyTo(c);
    }
    return c.withRulesHash(hash);
  }

  /**
   * Refuses overrides for feeders that are not in {@code known} (a typo would silently leave a
   * feeder on the file's defaults).
   */
  public void requireFeeders(Set<String> known, String where) {
    for (String id : feeders.keySet()) {
      if (!known.contains(id)) {
        throw new IllegalArgumentException("rules: \"feeders\" has \"" + id
            + "\", which is not a feeder in " + where + " (feeders there: " + new TreeSet<>(known)
            + ")");
      }
    }
  }
}
