package energy.p2p.settlement;

import energy.p2p.model.Allocation;
import energy.p2p.model.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settles one (feeder, frame): the trades against the meter readings (docs/formats.md,
 * "Settlement"). Exact arithmetic: energies at 6 decimals (mWh), every money transfer rounded once
 * to the cent (half-even) and booked on both of its sides, so the totals balance exactly.
 *
 * <ul>
 *   <li>A seller's shortfall (allocated − injected) is shared among its trades pro rata to their
 *       quantities; the buyer pays the trade price only for what was delivered.
 *   <li>A buyer pays retail for what it drew beyond the delivered energy (its extra draw and the
 *       sellers' shortfalls it took from the grid); delivered energy it did not draw is paid back at
 *       feed-in. A seller's injection beyond its trades is paid at feed-in.
 *   <li>Each side pays half of the trade's grid fee on the delivered energy.
 *   <li>No reading: measured = allocated, flagged estimated. A participant trading on both sides in
 *       one frame has no single meter figure per side: both roles are settled estimated.
 * </ul>
 */
public final class FrameSettler {
  static final int KWH_SCALE = 6;
  static final int MONEY_SCALE = 2;
  private static final BigDecimal ZERO_KWH = BigDecimal.ZERO.setScale(KWH_SCALE);
  private final SettlementConfig config;

  public FrameSettler(SettlementConfig config) {
    this.config = config;
  }

  /**
   * @param trades the frame's published allocations on the feeder, in published order
   * @param measuredKwh readings by participant (participants without trades are ignored)
   */
  public FrameSettlement settle(String feederId, long frameStartMs, List<Allocation> trades,
      Map<String, Double> measuredKwh, int revision) {
    Map<String, Party> sellers = new TreeMap<>();
    Map<String, Party> buyers = new TreeMap<>();
    List<Leg> legs = new ArrayList<>(trades.size());
    for (Allocation a : trades) {
      Leg leg = new Leg(a, kwh(BigDecimal.valueOf(a.quantityKwh())));
      legs.add(leg);
      sellers.computeIfAbsent(a.sellerId(), k -> new Party()).legs.add(leg);
      buyers.computeIfAbsent(a.buyerId(), k -> new Party()).legs.add(leg);
    }
    for (Map.Entry<String, Party> s : sellers.entrySet()) {
      Party p = s.getValue();
      p.measure(measuredKwh.get(s.getKey()), buyers.containsKey(s.getKey()));
      shareShortfall(p);
    }
    for (Map.Entry<String, Party> b : buyers.entrySet()) {
      b.getValue().measure(measuredKwh.get(b.getKey()), sellers.containsKey(b.getKey()));
    }
    List<ParticipantSettlement> out = new ArrayList<>();
    BigDecimal gridCharges = BigDecimal.ZERO.setScale(MONEY_SCALE);
    BigDecimal paid = gridCharges;
    BigDecimal received = gridCharges;
    int estimated = 0;
    for (Map.Entry<String, Party> e : buyers.entrySet()) {
      ParticipantSettlement s = buyer(feederId, frameStartMs, e.getKey(), e.getValue(), revision);
      out.add(s);
      paid = paid.add(s.netPaid());
      gridCharges = gridCharges.add(s.gridFeeAmount()).add(s.gridEnergyAmount());
      estimated += s.estimated() ? 1 : 0;
    }
    for (Map.Entry<String, Party> e : sellers.entrySet()) {
      ParticipantSettlement s = seller(feederId, frameStartMs, e.getKey(), e.getValue(), revision);
      out.add(s);
      received = received.subtract(s.netPaid());
      gridCharges = gridCharges.add(s.gridFeeAmount()).add(s.gridEnergyAmount());
      estimated += s.estimated() ? 1 : 0;
    }
    out.sort(Comparator.comparing(ParticipantSettlement::participantId).thenComparing(ParticipantSettlement::role));
    return new FrameSettlement(out,
        new FrameTotals(feederId, frameStartMs, revision, out.size(), estimated, paid, received, gridCharges));
  }

  /** Spreads a seller's shortfall over its legs pro rata (rounded down, the rest on the largest leg). */
  private static void shareShortfall(Party seller) {
    BigDecimal shortfall = seller.allocated.subtract(seller.measured).max(ZERO_KWH);
    if (shortfall.signum() == 0) {
      return;
    }
    BigDecimal given = BigDecimal.ZERO;
    Leg largest = seller.legs.get(0);
    for (Leg l : seller.legs) {
      l.shortfallKwh = shortfall.multiply(l.quantityKwh).divide(seller.allocated, KWH_SCALE, RoundingMode.DOWN);
      given = given.add(l.shortfallKwh);
      if (l.quantityKwh.compareTo(largest.quantityKwh) > 0) {
        largest = l;
      }
    }
    largest.shortfallKwh = largest.shortfallKwh.add(shortfall.subtract(given)).min(largest.quantityKwh);
  }

  private ParticipantSettlement buyer(String feeder, long frame, String id, Party p, int revision) {
    BigDecimal delivered = BigDecimal.ZERO.setScale(KWH_SCALE);
    BigDecimal shortfall = delivered;
    BigDecimal trade = BigDecimal.ZERO.setScale(MONEY_SCALE);
    BigDecimal fee = trade;
    for (Leg l : p.legs) {
      delivered = delivered.add(l.deliveredKwh());
      shortfall = shortfall.add(l.shortfallKwh);
      trade = trade.add(l.tradeAmount());
      fee = fee.add(l.halfFee());
    }
    BigDecimal gridDraw = p.measured.subtract(delivered).max(ZERO_KWH);
    BigDecimal feedIn = delivered.subtract(p.measured).max(ZERO_KWH);
    BigDecimal energy = money(gridDraw.multiply(config.retailPrice())).subtract(money(feedIn.multiply(config.feedInPrice())));
    return new ParticipantSettlement(feeder, frame, id, Side.BUY, revision, p.allocated, p.measured, p.estimated,
        delivered, shortfall, gridDraw, feedIn, trade, fee, energy, trade.add(fee).add(energy), null);
  }

  private ParticipantSettlement seller(String feeder, long frame, String id, Party p, int revision) {
    BigDecimal delivered = BigDecimal.ZERO.setScale(KWH_SCALE);
    BigDecimal trade = BigDecimal.ZERO.setScale(MONEY_SCALE);
    BigDecimal fee = trade;
    for (Leg l : p.legs) {
      delivered = delivered.add(l.deliveredKwh());
      trade = trade.add(l.tradeAmount());
      fee = fee.add(l.halfFee());
    }
    BigDecimal shortfall = p.allocated.subtract(delivered);
    BigDecimal excess = p.measured.subtract(p.allocated).max(ZERO_KWH);
    BigDecimal energy = money(excess.multiply(config.feedInPrice())).negate();
    return new ParticipantSettlement(feeder, frame, id, Side.SELL, revision, p.allocated, p.measured, p.estimated,
        delivered, shortfall, BigDecimal.ZERO.setScale(KWH_SCALE), excess, trade, fee, energy,
        fee.add(energy).subtract(trade), null);
  }

  static BigDecimal kwh(BigDecimal v) {
    return v.setScale(KWH_SCALE, RoundingMode.HALF_EVEN);
  }

  static BigDecimal money(BigDecimal v) {
    return v.setScale(MONEY_SCALE, RoundingMode.HALF_EVEN);
  }

  /** One trade as settled: its quantity and the part its seller did not deliver. */
  private static final class Leg {
    final Allocation trade;
    final BigDecimal quantityKwh;
    BigDecimal shortfallKwh = BigDecimal.ZERO.setScale(KWH_SCALE);

    Leg(Allocation trade, BigDecimal quantityKwh) {
      this.trade = trade;
      this.quantityKwh = quantityKwh;
    }

    BigDecimal deliveredKwh() {
      return quantityKwh.subtract(shortfallKwh);
    }

    /** Buyer → seller, rounded once; both sides book this same amount. */
    BigDecimal tradeAmount() {
      return money(deliveredKwh().multiply(BigDecimal.valueOf(trade.price())));
    }

    /** Each side's half of the grid fee, rounded once; both sides pay this same amount. */
    BigDecimal halfFee() {
      return money(deliveredKwh().multiply(BigDecimal.valueOf(trade.gridFee())).divide(BigDecimal.valueOf(2)));
    }
  }

  /** A participant in one role: its legs, allocation and (possibly estimated) measurement. */
  private static final class Party {
    final List<Leg> legs = new ArrayList<>();
    BigDecimal allocated;
    BigDecimal measured;
    boolean estimated;

    void measure(Double reading, boolean tradesBothSides) {
      allocated = BigDecimal.ZERO.setScale(KWH_SCALE);
      for (Leg l : legs) {
        allocated = allocated.add(l.quantityKwh);
      }
      estimated = reading == null || tradesBothSides || !Double.isFinite(reading) || reading < 0;
      measured = estimated ? allocated : kwh(BigDecimal.valueOf(reading));
    }
  }

  /** Settlement records of {@code next} that differ from {@code previous}, as a correcting revision. */
  public static List<ParticipantSettlement> changes(FrameSettlement previous, FrameSettlement next) {
    Map<String, ParticipantSettlement> before = new LinkedHashMap<>();
    for (ParticipantSettlement s : previous.participants()) {
      before.put(s.participantId() + "/" + s.role(), s);
    }
    List<ParticipantSettlement> out = new ArrayList<>();
    for (ParticipantSettlement s : next.participants()) {
      ParticipantSettlement old = before.get(s.participantId() + "/" + s.role());
      if (old == null || !old.sameFigures(s)) {
        out.add(s.asRevision(s.revision(), old == null ? null : old.netPaid()));
      }
    }
    return out;
  }
}
