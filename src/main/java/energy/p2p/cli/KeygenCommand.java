package energy.p2p.cli;

import energy.p2p.security.Ed25519Keys;
import energy.p2p.security.KeyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keygen}: a participant's Ed25519 key pair. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = {"Make an Ed25519 key pair for a participant: OUT.key (private, PKCS#8 PEM, owner-only) and",
        "OUT.pub (raw public key, base64). Prints the registry line participantId,publicKeyBase64 to stdout."})
public final class KeygenCommand implements Callable<Integer> {
  @Option(names = "--participant", required = true, description = "The participant id for the registry line.")
  String participant;

  @Option(names = "--out", required = true, description = "Path prefix of the key files (OUT.key, OUT.pub).")
  Path out;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path key = Path.of(out + ".key");
    Path pub = Path.of(out + ".pub");
    if (Files.exists(key)) {
      throw new IllegalArgumentException(key + " exists: refusing to overwrite a private key");
    }
    if (key.toAbsolutePath().getParent() != null) {
      Files.createDirectories(key.toAbsolutePath().getParent());
    }
    KeyPair pair = Ed25519Keys.generate();
    KeyFiles.writePrivate(key, pair.getPrivate());
    KeyFiles.writePublic(pub, pair);
    spec.commandLine().getOut().println(participant + "," + Ed25519Keys.publicKeyBase64(pair.getPublic()));
    return 0;
  }
}
