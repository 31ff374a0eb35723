package energy.p2p.ledger;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * One record of a feeder's hash chain (docs/formats.md, "Ledger").
 *
 * @param feederId the chain this record belongs to (one chain per feeder)
 * @param seq position in the feeder's chain, 0, 1, 2, ... without gaps
 * @param kind ALLOCATION (one published trade) or REPORT (the window's clearing report, closing it)
 * @param frameStartMs the window's delivery frame
 * @param record the record as published (allocation or report JSON), hashed byte for byte
 * @param merkleRoot REPORT only: Merkle root of the window's ALLOCATION records; null otherwise
 * @param prevHash hash of record seq − 1, or {@link #GENESIS} for seq 0
 * @param hash SHA-256 of {@link #canonicalEncoding}
 */
public record LedgerEntry(
    String feederId, long seq, Kind kind, long frameStartMs, String record, String merkleRoot,
    String prevHash, String hash) {

  /** The prevHash of a chain's first record. */
  public static final String GENESIS = "0".repeat(64);

  public enum Kind { ALLOCATION, REPORT }

  public LedgerEntry {
    Objects.requireNonNull(feederId, "feederId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(prevHash, "prevHash");
  }

  /** A new record linked to {@code prevHash}, its hash computed. */
  public static LedgerEntry link(String feederId, long seq, Kind kind, long frameStartMs, String record,
      String merkleRoot, String prevHash) {
    LedgerEntry unsigned = new LedgerEntry(feederId, seq, kind, frameStartMs, record, merkleRoot, prevHash, "");
    return new LedgerEntry(feederId, seq, kind, frameStartMs, record, merkleRoot, prevHash, unsigned.computeHash());
  }

  /**
   * The bytes the hash covers: every field but the hash, each as a 4-byte big-endian length and its
   * UTF-8 bytes, in the order v1-tag, feederId, seq, kind, frameStart (epoch ms), record,
   * merkleRoot (empty when null), prevHash. Length prefixes make the encoding unambiguous.
   */
  public byte[] canonicalEncoding() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(record.length() + 256);
    for (String part : new String[] {"p2p-ledger-v1", feederId, Long.toString(seq), kind.name(),
        Long.toString(frameStartMs), record, merkleRoot == null ? "" : merkleRoot, prevHash}) {
      byte[] b = Sha256.utf8(part);
      out.write(b.length >>> 24);
      out.write(b.length >>> 16);
      out.write(b.length >>> 8);
      out.write(b.length);
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  /** SHA-256 of the canonical encoding, lower-case hex. */
  public String computeHash() {
    MessageDigest d = Sha256.digest();
    return Sha256.hex(d.digest(canonicalEncoding()));
  }
}
