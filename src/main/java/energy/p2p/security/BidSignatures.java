package energy.p2p.security;

import energy.p2p.model.Bid;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** Ed25519 over {@link BidCanonicalForm}: signing (participants' tools) and checking (the job). */
public final class BidSignatures {
  private BidSignatures() {}

  /** Base64 of the 64-byte Ed25519 signature of the bid's canonical form. */
  public static String sign(Bid bid, PrivateKey key) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(BidCanonicalForm.bytes(bid));
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage());
    }
  }

  /** True when {@code signatureBase64} is a valid signature of this bid under {@code key}. */
  public static boolean verify(Bid bid, String signatureBase64, PublicKey key) {
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(signatureBase64);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (sig.length != 64) {
      return false;
    }
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(BidCanonicalForm.bytes(bid));
      return s.verify(sig);
    } catch (GeneralSecurityException e) {
      return false; // a signature the provider cannot even parse is simply not valid
    }
  }
}
