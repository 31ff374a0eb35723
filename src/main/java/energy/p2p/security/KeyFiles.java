package energy.p2p.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;

/**
 * Key files as {@code keygen} writes them: {@code NAME.key} holds the private key (base64 PKCS#8 in
 * a PEM "PRIVATE KEY" block, readable by OpenSSL; owner-only permissions where the file system has
 * them) and {@code NAME.pub} the raw public key in base64 (the registry's form).
 */
public final class KeyFiles {
  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";

  private KeyFiles() {}

  /** Creates {@code file} (it must not exist) owner-only from the start, then writes the key. */
  public static void writePrivate(Path file, PrivateKey key) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file); // not a POSIX file system: the operator protects the file
    }
    Files.writeString(file, BEGIN + "\n" + Ed25519Keys.privateKeyBase64(key) + "\n" + END + "\n", StandardCharsets.UTF_8);
  }

  public static void writePublic(Path file, KeyPair pair) throws IOException {
    Files.writeString(file, Ed25519Keys.publicKeyBase64(pair.getPublic()) + "\n", StandardCharsets.UTF_8);
  }

  /**
   * Reads a private key file (PEM block or bare base64).
   *
   * @throws IllegalArgumentException naming the file and the problem
   */
  public static PrivateKey readPrivate(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("private key file " + file + " does not exist");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    String body = text.replace(BEGIN, "").replace(END, "").replaceAll("\\s", "");
    try {
      return Ed25519Keys.privateKey(body);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage());
    }
  }
}
