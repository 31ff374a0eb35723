package energy.p2p.clearing;

import energy.p2p.grid.RadialFeeder;
import energy.p2p.io.FeederReader;
import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.Side;
import java.nio.file.Path;

/** Hand-written bids and the sample feeder for clearing tests. */
final class Books {
  /** 2026-11-24T10:00:00Z, aligned to 15 min. */
  static final long FRAME = 1_795_514_400_000L;

  private Books() {}

  static RadialFeeder ieee33() {
    return FeederReader.read(Path.of("sample-data", "feeders"), "ieee33");
  }

  static Bid buy(String id, int bus, double kwh, double limit) {
    return buy(id, bus, kwh, limit, BuyerClass.STANDARD);
  }

  static Bid buy(String id, int bus, double kwh, double limit, BuyerClass c) {
    return new Bid(id, "p-" + id, "ieee33", bus, Side.BUY, kwh, limit, FRAME, FRAME - 600_000, c);
  }

  static Bid sell(String id, int bus, double kwh, double ask) {
    return new Bid(id, "p-" + id, "ieee33", bus, Side.SELL, kwh, ask, FRAME, FRAME - 600_000,
        BuyerClass.STANDARD);
  }
}
