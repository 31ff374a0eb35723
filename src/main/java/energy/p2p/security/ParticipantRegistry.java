package energy.p2p.security;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Registered participants and their Ed25519 public keys, read from a file of
 * {@code participantId,publicKeyBase64} lines (blank lines and {@code #} comments allowed; an optional
 * header line {@code participantId,publicKeyBase64}). Serializable: Flink functions carry it; the
 * keys are parsed again after deserialization.
 */
public final class ParticipantRegistry implements Serializable {
  public static final String HEADER = "participantId,publicKeyBase64";

  private final Map<String, String> keysBase64;
  private transient Map<String, PublicKey> keys;

  private ParticipantRegistry(Map<String, String> keysBase64) {
    this.keysBase64 = Collections.unmodifiableMap(new TreeMap<>(keysBase64));
  }

  /** From participantId → raw public key base64; every key is checked. */
  public static ParticipantRegistry of(Map<String, String> keysBase64) {
    keysBase64.forEach((id, k) -> Ed25519Keys.publicKey(k));
    return new ParticipantRegistry(keysBase64);
  }

  /**
   * Reads a registry file.
   *
   * @throws IllegalArgumentException naming the file, the line and what is wrong
   */
  public static ParticipantRegistry read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("participants file " + file + " does not exist");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read participants file " + file, e);
    }
    Map<String, String> keys = new TreeMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isEmpty() || line.startsWith("#") || line.equals(HEADER)) {
        continue;
      }
      String where = file + " line " + (i + 1) + ": ";
      int comma = line.indexOf(',');
      if (comma < 0 || line.indexOf(',', comma + 1) >= 0) {
        throw new IllegalArgumentException(where + "expected participantId,publicKeyBase64, got '" + clip(line) + "'");
      }
      String id = line.substring(0, comma).strip();
      String key = line.substring(comma + 1).strip();
      if (id.isEmpty()) {
        throw new IllegalArgumentException(where + "participantId is empty");
      }
      if (keys.containsKey(id)) {
        throw new IllegalArgumentException(where + "participant " + id + " is registered twice");
      }
      try {
        Ed25519Keys.publicKey(key);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + "participant " + id + ": " + e.getMessage());
      }
      keys.put(id, key);
    }
    return new ParticipantRegistry(keys);
  }

  /** The participant's key, or null when it is not registered. */
  public PublicKey key(String participantId) {
    if (keys == null) {
      Map<String, PublicKey> parsed = new TreeMap<>();
      keysBase64.forEach((id, k) -> parsed.put(id, Ed25519Keys.publicKey(k)));
      keys = parsed;
    }
    return keys.get(participantId);
  }

  public int size() {
    return keysBase64.size();
  }

  /** The file form: header, then one line per participant sorted by id. */
  public String toFileText() {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    keysBase64.forEach((id, k) -> b.append(id).append(',').append(k).append('\n'));
    return b.toString();
  }

  private static String clip(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }
}
