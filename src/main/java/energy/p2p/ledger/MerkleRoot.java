package energy.p2p.ledger;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Merkle root of one window's trades (docs/formats.md, "Ledger"): leaf = SHA-256(0x00 ‖ UTF-8 of the
 * trade's record JSON), node = SHA-256(0x01 ‖ left ‖ right), an odd node at the end of a level is
 * carried up unchanged (no duplication, so no two trade lists share a root); a window without trades
 * has the root SHA-256 of the empty string. The prefixes keep a leaf from posing as a node.
 */
public final class MerkleRoot {
  /** Root of a window without trades: SHA-256(""). */
  public static final String EMPTY = Sha256.hex(Sha256.digest().digest());

  private MerkleRoot() {}

  /** The root, lower-case hex, of the records in their ledger order. */
  public static String of(List<String> recordJsons) {
    if (recordJsons.isEmpty()) {
      return EMPTY;
    }
    MessageDigest d = Sha256.digest();
    List<byte[]> level = new ArrayList<>(recordJsons.size());
    for (String r : recordJsons) {
      d.update((byte) 0x00);
      level.add(d.digest(Sha256.utf8(r)));
    }
    while (level.size() > 1) {
      List<byte[]> up = new ArrayList<>((level.size() + 1) / 2);
      for (int i = 0; i + 1 < level.size(); i += 2) {
        d.update((byte) 0x01);
        d.update(level.get(i));
        up.add(d.digest(level.get(i + 1)));
      }
      if (level.size() % 2 == 1) {
        up.add(level.get(level.size() - 1));
      }
      level = up;
    }
    return Sha256.hex(level.get(0));
  }
}
