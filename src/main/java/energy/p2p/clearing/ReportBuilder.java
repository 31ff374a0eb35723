package energy.p2p.clearing;

import energy.p2p.grid.Violation;
import energy.p2p.model.Allocation;
import energy.p2p.model.Bid;
import energy.p2p.model.BuyerClass;
import energy.p2p.model.ClassStats;
import energy.p2p.model.ClearingReport;
import energy.p2p.model.ClearingStatus;
import energy.p2p.model.Curtailment;
import energy.p2p.model.Feasibility;
import energy.p2p.model.FrontPoint;
import energy.p2p.model.LimitNote;
import energy.p2p.model.RulesInForce;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Assembles a {@link ClearingReport}; the figures come from {@link WindowAccounting}. */
public final class ReportBuilder {
  private final String feederId;
  private final long frameStartMs;
  private int bids;
  private int buyers;
  private int sellers;
  private WindowAccounting figures = WindowAccounting.of(List.of(), List.of());
  private String compromiseRule = "";
  private double vMinPu = Double.NaN;
  private double vMaxPu = Double.NaN;
  private ClearingStatus status = ClearingStatus.CLEARED;
  private long evaluations;
  private long solveMillis;
  private List<FrontPoint> front = List.of();
  private int compromiseIndex = -1;
  private Feasibility feasibility = Feasibility.NOT_CHECKED;
  private double curtailedKwh;
  private List<Integer> bindingBuses = List.of();
  private List<String> bindingBranches = List.of();
  private double welfareUpperBound = Double.NaN;
  private List<Curtailment> curtailments = List.of();
  private List<LimitNote> bindingLimits = List.of();
  private List<String> seedIssues = List.of();
  private List<LimitNote> loosenedLimits = List.of();
  private RulesInForce rules;

  public ReportBuilder(String feederId, long frameStartMs) {
    this.feederId = feederId;
    this.frameStartMs = frameStartMs;
  }

  /** A builder holding everything of {@code r} (to change a few fields). */
  public static ReportBuilder from(ClearingReport r) {
    ReportBuilder b = new ReportBuilder(r.feederId(), r.frameStartMs());
    b.bids = r.bids();
    b.buyers = r.buyers();
    b.sellers = r.sellers();
    b.figures = new WindowAccounting(r.matchedKwh(), r.buyerWelfare(), r.sellerWelfare(),
        r.perClass());
    b.compromiseRule = r.compromiseRule();
    b.vMinPu = r.vMinPu();
    b.vMaxPu = r.vMaxPu();
    b.status = r.status();
    b.evaluations = r.evaluations();
    b.solveMillis = r.solveMillis();
    b.front = r.front();
    b.compromiseIndex = r.compromiseIndex();
    b.feasibility = r.feasibility();
    b.curtailedKwh = r.curtailedKwh();
    b.bindingBuses = r.bindingBuses();
    b.bindingBranches = r.bindingBranches();
    b.welfareUpperBound = r.welfareUpperBound();
    b.curtailments = r.curtailments() == null ? List.of() : r.curtailments();
    b.bindingLimits = r.bindingLimits() == null ? List.of() : r.bindingLimits();
    b.seedIssues = r.seedIssues() == null ? List.of() : r.seedIssues();
    b.loosenedLimits = r.loosenedLimits() == null ? List.of() : r.loosenedLimits();
    b.rules = r.rules();
    return b;
  }

  /** Counts bids, buyers and sellers and computes the figures of these trades. */
  public ReportBuilder trades(List<Bid> windowBids, List<Allocation> allocations) {
    bids = windowBids.size();
    buyers = (int) windowBids.stream().filter(Bid::isBuy).count();
    sellers = bids - buyers;
    figures = WindowAccounting.of(allocations, windowBids);
    return this;
  }

  public ReportBuilder compromise(String rule, List<FrontPoint> points, int index) {
    this.compromiseRule = rule;
    this.front = List.copyOf(points);
    this.compromiseIndex = index;
    return this;
  }

  public ReportBuilder voltages(double minPu, double maxPu) {
    this.vMinPu = minPu;
    this.vMaxPu = maxPu;
    return this;
  }

  public ReportBuilder status(ClearingStatus s) {
    this.status = s;
    return this;
  }

  public ReportBuilder search(long evaluationCount, long millis) {
    this.evaluations = evaluationCount;
    this.solveMillis = millis;
    return this;
  }

  public ReportBuilder upperBound(double welfare) {
    this.welfareUpperBound = welfare;
    return this;
  }

  public ReportBuilder feasibility(Feasibility f, double cutKwh, List<Integer> buses,
      List<String> branches, List<Curtailment> cuts) {
    this.feasibility = f;
    this.curtailedKwh = cutKwh;
    this.bindingBuses = List.copyOf(buses);
    this.bindingBranches = List.copyOf(branches);
    this.curtailments = List.copyOf(cuts);
    return this;
  }

  /** The grid limits the published trades sit on, and what went wrong while seeding. */
  public ReportBuilder grid(List<LimitNote> binding, List<String> issues) {
    this.bindingLimits = List.copyOf(binding);
    this.seedIssues = List.copyOf(issues);
    return this;
  }

  public ReportBuilder loosenedLimits(List<LimitNote> loosened) {
    this.loosenedLimits = List.copyOf(loosened);
    return this;
  }

  /** The rules in force (null: no rules file). */
  public ReportBuilder rules(RulesInForce inForce) {
    this.rules = inForce;
    return this;
  }

  /** Grid limits as a report names them: kind, "bus N" or "branch F-T", value, limit. */
  public static List<LimitNote> notes(List<Violation> limits) {
    List<LimitNote> out = new ArrayList<>(limits.size());
    for (Violation v : limits) {
      String element = (v.kind() == Violation.Kind.OVER_CURRENT ? "branch " : "bus ") + v.element();
      out.add(new LimitNote(v.kind().name(), element, v.value(), v.limit()));
    }
    return out;
  }

  public ClearingReport build() {
    Map<BuyerClass, ClassStats> perClass = figures.perClass();
    return new ClearingReport(feederId, frameStartMs, bids, buyers, sellers,
        figures.matchedKwh(), figures.buyerWelfare(), figures.sellerWelfare(),
        figures.socialWelfare(), front.size(), compromiseRule, vMinPu, vMaxPu, status,
        evaluations, solveMillis, perClass, front, compromiseIndex, feasibility, curtailedKwh,
        bindingBuses, bindingBranches, welfareUpperBound, curtailments, bindingLimits, seedIssues,
        loosenedLimits, rules);
  }
}
