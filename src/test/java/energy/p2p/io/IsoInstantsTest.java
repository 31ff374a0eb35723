package energy.p2p.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {
  @Test
  void agreesWithInstantParseOnRandomInstantsWithAndWithoutFractions() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 20_000; i++) {
      Instant t = Instant.ofEpochSecond(rnd.nextLong(-2_000_000_000L, 5_000_000_000L), rnd.nextInt(1_000_000_000));
      String[] forms = {t.toString(), Instant.ofEpochSecond(t.getEpochSecond()).toString(),
          Instant.ofEpochMilli(t.toEpochMilli()).toString()};
      for (String s : forms) {
        assertEquals(Instant.parse(s).toEpochMilli(), IsoInstants.epochMillis(s), s);
      }
    }
  }

  @Test
  void leavesUnusualFormsToJavaTime() {
    for (String s : new String[] {"2026-11-24T10:00:00+01:00", "2026-02-30T10:00:00Z", "2026-11-24T23:59:60Z",
        "2026-11-24 10:00:00Z", "2026-11-24T10:00Z", "+12026-11-24T10:00:00Z", "2026-11-24T10:00:00.Z"}) {
      assertEquals(IsoInstants.NOT_FAST, IsoInstants.epochMillis(s), s);
    }
  }
}
