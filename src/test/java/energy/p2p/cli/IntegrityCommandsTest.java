package energy.p2p.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.p2p.io.BidCodec;
import energy.p2p.io.ParsedBid;
import energy.p2p.ledger.LedgerChain;
import energy.p2p.ledger.LedgerEntry;
import energy.p2p.ledger.LedgerJson;
import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.Side;
import energy.p2p.security.ParticipantRegistry;
import energy.p2p.security.SignatureCheck;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** keygen → registry line → sign → the job's signature rule accepts; ledger verify's exit codes and messages. */
class IntegrityCommandsTest {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @TempDir
  Path dir;

  int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void keygenThenSignGivesABidTheJobAccepts() throws Exception {
    assertEquals(0, run("keygen", "--participant", "p-17", "--out", dir.resolve("p17").toString()));
    String registryLine = out.toString().strip();
    assertTrue(registryLine.startsWith("p-17,"), registryLine);
    Path registry = Files.writeString(dir.resolve("participants.csv"), registryLine + "\n");
    long frame = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();
    Bid bid = new Bid("b-1", "p-17", "ieee33", 12, Side.BUY, 3.5, 0.21, frame, frame - 600_000, BuyerClass.STANDARD);
    Path bids = Files.writeString(dir.resolve("bid.jsonl"), BidCodec.toJson(bid) + "\n");

    out.getBuffer().setLength(0);
    assertEquals(0, run("sign", "--key", dir.resolve("p17.key").toString(), "--bid", bids.toString()));
    ParsedBid signed = new BidCodec(4096).parse(out.toString().strip());
    assertEquals(bid, signed.bid());
    SignatureCheck check = new SignatureCheck(ParticipantRegistry.read(registry));
    assertTrue(check.check(signed.bid(), signed.signature(), "raw").isEmpty());

    assertEquals(1, run("keygen", "--participant", "p-17", "--out", dir.resolve("p17").toString()));
    assertTrue(err.toString().contains("refusing to overwrite"), err.toString());
  }

  @Test
  void ledgerVerifyExitsZeroWhenIntactAndThreeWithTheBreak() throws Exception {
    LedgerChain chain = LedgerChain.start("f");
    List<String> lines = new ArrayList<>();
    for (LedgerEntry e : chain.appendWindow(0, List.of("{\"q\":1}", "{\"q\":2}"), "{\"report\":1}")) {
      lines.add(LedgerJson.write(e));
    }
    Path ok = Files.write(dir.resolve("ledger.jsonl"), lines);
    assertEquals(0, run("ledger", "verify", "--file", ok.toString()));
    assertTrue(out.toString().contains("3 records, 1 feeders, 1 windows: VERIFIED"), out.toString());

    out.getBuffer().setLength(0);
    lines.set(1, lines.get(1).replace("\\\"q\\\":2", "\\\"q\\\":20"));
    Path edited = Files.write(dir.resolve("edited.jsonl"), lines);
    assertEquals(3, run("ledger", "verify", "--file", edited.toString()));
    assertTrue(out.toString().startsWith("line 2: EDITED in f #1:"), out.toString());

    assertEquals(1, run("ledger", "verify", "--file", dir.resolve("none.jsonl").toString()));
    assertTrue(err.toString().contains("ledger file not found"), err.toString());
  }
}
