package energy.p2p.security;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Ed25519 keys with the JDK's own provider (SunEC). Public keys travel as the raw 32-byte key in
 * base64 (what libsodium, OpenSSL's raw export and most wallets use); private keys as base64 PKCS#8.
 */
public final class Ed25519Keys {
  /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519; the raw 32-byte key follows. */
  private static final byte[] X509_PREFIX = hex("302a300506032b6570032100");
  static final int RAW_PUBLIC_BYTES = 32;

  private Ed25519Keys() {}

  /** A fresh key pair from the platform's strong random source. */
  public static KeyPair generate() {
    return generate(new SecureRandom());
  }

  /**
   * A key pair derived from a 32-byte seed: the same seed gives the same pair. For DEMO keys in
   * generated sample data only — a real participant's key must come from {@link #generate()}.
   */
  public static KeyPair fromSeed(byte[] seed32) {
    if (seed32.length != 32) {
      throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, got " + seed32.length);
    }
    return generate(new FixedBytes(seed32));
  }

  private static KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
      g.initialize(NamedParameterSpec.ED25519, random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no Ed25519 (Java 15+ required)", e);
    }
  }

  /** The raw 32-byte public key, base64. */
  public static String publicKeyBase64(PublicKey key) {
    byte[] der = key.getEncoded();
    return Base64.getEncoder().encodeToString(Arrays.copyOfRange(der, der.length - RAW_PUBLIC_BYTES, der.length));
  }

  /**
   * Reads a raw 32-byte public key in base64.
   *
   * @throws IllegalArgumentException saying what is wrong with the text
   */
  public static PublicKey publicKey(String base64) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("public key is not base64: " + e.getMessage());
    }
    if (raw.length != RAW_PUBLIC_BYTES) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, got " + raw.length);
    }
    byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + raw.length);
    System.arraycopy(raw, 0, der, X509_PREFIX.length, raw.length);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a valid Ed25519 public key: " + e.getMessage());
    }
  }

  public static String privateKeyBase64(PrivateKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /** Reads a base64 PKCS#8 Ed25519 private key. */
  public static PrivateKey privateKey(String base64) {
    try {
      byte[] der = Base64.getDecoder().decode(base64.trim());
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalArgumentException("not a base64 PKCS#8 Ed25519 private key: " + e.getMessage());
    }
  }

  private static byte[] hex(String s) {
    byte[] b = new byte[s.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }

  /** Hands the key generator exactly the seed bytes (it draws the 32-byte private seed once). */
  private static final class FixedBytes extends SecureRandom {
    private final byte[] seed;
    private int pos;

    FixedBytes(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = seed[pos++ % seed.length];
      }
    }
  }
}
