package energy.p2p.cli;

import energy.p2p.io.BidCodec;
import energy.p2p.io.ParsedBid;
import energy.p2p.security.BidSignatures;
import energy.p2p.security.KeyFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sign}: adds the Ed25519 signature to bids (JSON Lines in, signed JSON Lines out). */
@Command(name = "sign", mixinStandardHelpOptions = true,
    description = {"Sign bids with a participant's private key: reads bid JSON lines (--bid FILE, or stdin),",
        "writes each bid with its signature field to stdout (fields in canonical order)."})
public final class SignCommand implements Callable<Integer> {
  @Option(names = "--key", required = true, description = "Private key file (from keygen).")
  Path key;

  @Option(names = "--bid", description = "File of bid JSON lines (default: stdin).")
  Path bid;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrivateKey privateKey = KeyFiles.readPrivate(key);
    if (bid != null && !Files.isRegularFile(bid)) {
      throw new IllegalArgumentException("bid file not found: " + bid);
    }
    BidCodec codec = new BidCodec(1 << 20);
    PrintWriter out = spec.commandLine().getOut();
    try (BufferedReader in = bid != null ? Files.newBufferedReader(bid, StandardCharsets.UTF_8)
        : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      int n = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        ParsedBid parsed = codec.parse(line);
        if (!parsed.isBid()) {
          throw new IllegalArgumentException((bid == null ? "stdin" : bid.toString()) + " line " + n + ": "
              + parsed.rejection().detail());
        }
        out.println(BidCodec.toJson(parsed.bid(), BidSignatures.sign(parsed.bid(), privateKey)));
      }
    }
    out.flush();
    return 0;
  }
}
