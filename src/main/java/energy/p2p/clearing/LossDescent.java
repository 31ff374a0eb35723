package energy.p2p.clearing;

import energy.p2p.grid.PowerFlowResult;
import energy.p2p.grid.RadialFeeder;
import energy.p2p.grid.RowSensitivity;
import energy.p2p.grid.limits.FeederGrid;

/**
 * Points of the welfare–losses front: trades that maximise welfare − λ·losses (kW, AC load flow),
 * by Frank-Wolfe steps from a given point. Each step linearises the losses at the current trades
 * (marginal loss factors from one adjoint row per branch, {@link RowSensitivity}: exact first
 * derivatives of the AC losses, no finite differences), takes the vertex that maximises the
 * linearised objective — the merit-order crossing of the book with every bid's price moved by
 * λ × its bus's loss factor — and moves towards it as far as the AC objective gains (halving
 * steps, each decoded with the real book and swept; a step out of the grid limits never counts).
 * The losses are convex in the injections, so the steps climb a concave objective towards the
 * weighted optimum; the straight jump to the vertex (what a linearised LP alone would publish)
 * overshoots into reverse flows once λ is large.
 *
 * <p>Without a fee only: the crossing ignores fees (with one, the pairing on the tree decides
 * what trades, and the caller uses its fee-aware anchors instead).
 */
final class LossDescent {
  /** Step lengths tried: 1, 1/2, …, 2^−(HALVINGS − 1) of the way to the vertex. */
  private static final int HALVINGS = 6;

  private final MarketBook book;
  private final FillDecoder decoder;
  private final FeederGrid grid;
  private final RadialFeeder feeder;
  private final double frameHours;
  private final RowSensitivity sensitivity;
  private final double[] perBus;
  private final double[] violations = new double[3];
  /** Per bus index, its buyers (sellers) in merit order: a price shift per bus keeps that order. */
  private final int[][] buyersAt;
  private final int[][] sellersAt;
  private final double[][] mix;

  LossDescent(MarketBook book, FillDecoder decoder, FeederGrid grid, ClearingConfig config) {
    this.book = book;
    this.decoder = decoder;
    this.grid = grid;
    this.feeder = grid.feeder();
    this.frameHours = config.frameHours();
    this.sensitivity = new RowSensitivity(feeder);
    this.perBus = new double[feeder.busCount()];
    this.buyersAt = byBus(book.buyBus, feeder.busCount());
    this.sellersAt = byBus(book.sellBus, feeder.busCount());
    this.mix = new double[][] {new double[book.buyerCount()], new double[book.sellerCount()]};
  }

  private static int[][] byBus(int[] bus, int buses) {
    int[] count = new int[buses];
    for (int b : bus) {
      count[b]++;
    }
    int[][] out = new int[buses][];
    for (int b = 0; b < buses; b++) {
      out[b] = new int[count[b]];
      count[b] = 0;
    }
    for (int k = 0; k < bus.length; k++) { // merit order within each bus
      out[bus[k]][count[bus[k]]++] = k;
    }
    return out;
  }

  /**
   * ∂ losses / ∂ injection (kW per kW) at every bus index, at the AC operating point of the
   * volumes' trades; null if their load flow does not converge.
   */
  double[] marginalLosses(double[][] volumes) {
    decoder.decodeVolumes(volumes[0], volumes[1], 0.5);
    PowerFlowResult flow = grid.solver().solve(decoder.injectionKw());
    return flow.converged() ? marginalLosses(flow) : null;
  }

  /**
   * losses = Σ 3 r I² (kW with r in Ω, I in kA): ∂/∂P_j = Σ_b 6 r_b I_b ∂I_b/∂P_j / 1000, one
   * adjoint row per branch that carries current (one without current adds nothing).
   */
  private double[] marginalLosses(PowerFlowResult flow) {
    sensitivity.factor(flow);
    double[] mlf = new double[feeder.busCount()];
    for (int b = 0; b < feeder.branchCount(); b++) {
      double amps = flow.branchCurrentA(b);
      if (!(amps > 1e-9)) {
        continue;
      }
      sensitivity.dCurrentAPerKw(b, perBus);
      double weight = 6 * feeder.branchROhm(b) * amps / 1000;
      for (int j = 1; j < mlf.length; j++) {
        mlf[j] += weight * perBus[j];
      }
    }
    return mlf;
  }

  /**
   * Volumes {buyers, sellers} (merit order; traded volumes, so the real book pairs all of them)
   * after at most {@code steps} Frank-Wolfe steps on welfare − λ·losses from {@code start}
   * (AC-feasible); {@code start}'s own traded volumes if no step gains.
   */
  double[][] maximise(double[][] start, double lambda, int steps) {
    double[][] x = traded(start);
    double best = objective(lambda);
    for (int s = 0; s < steps && !Double.isNaN(best); s++) {
      double[] mlf = marginalLosses(x);
      if (mlf == null) {
        break;
      }
      double[][] vertex = crossing(lambda, mlf);
      double[][] next = null;
      for (int h = 0; h < HALVINGS; h++) {
        double gamma = 1.0 / (1 << h);
        double[][] trial = traded(between(x, vertex, gamma));
        double value = objective(lambda);
        if (value > best + 1e-12 * Math.max(1, Math.abs(best))) {
          best = value;
          next = trial;
        } else if (next != null) {
          break; // past the best step on the segment (the objective is concave along it)
        }
      }
      if (next == null) {
        break; // no step gains: optimal up to the step grid
      }
      x = next;
    }
    return x;
  }

  /** (1 − γ) a + γ b, per bid (in a scratch buffer: decode it before the next call). */
  private double[][] between(double[][] a, double[][] b, double gamma) {
    for (int side = 0; side < 2; side++) {
      for (int k = 0; k < mix[side].length; k++) {
        mix[side][k] = (1 - gamma) * a[side][k] + gamma * b[side][k];
      }
    }
    return mix;
  }

  /** Decodes volumes with the real book; the volumes it traded (the sweep runs on them next). */
  private double[][] traded(double[][] volumes) {
    decoder.decodeVolumes(volumes[0], volumes[1], 0.5);
    double[][] out = {new double[book.buyerCount()], new double[book.sellerCount()]};
    decoder.tradedVolumes(out[0], out[1]);
    return out;
  }

  /**
   * Welfare − λ·losses of the last decode's trades by the AC sweep; −∞ out of limits, NaN if the
   * load flow does not converge.
   */
  private double objective(double lambda) {
    PowerFlowResult flow = grid.solver().solve(decoder.injectionKw());
    if (!flow.converged()) {
      return Double.NaN;
    }
    if (grid.limits().violations(flow, violations) > 0) {
      return Double.NEGATIVE_INFINITY;
    }
    return decoder.socialWelfare() - lambda * flow.pLossKw();
  }

  /**
   * The vertex of the linearised problem: buyers by limit + λ·mlf/h descending, sellers by
   * ask + λ·mlf/h ascending, crossed while the first still exceeds the second. The shift is one
   * per bus, so each bus's bids stay in merit order: the crossing merges the buses' lists as far
   * as it trades (ties to the lower bus index: deterministic).
   */
  private double[][] crossing(double lambda, double[] mlf) {
    double[][] out = {new double[book.buyerCount()], new double[book.sellerCount()]};
    double[] shift = new double[mlf.length];
    for (int b = 0; b < shift.length; b++) {
      shift[b] = lambda * mlf[b] / frameHours;
    }
    int[] buyNext = new int[shift.length]; // per bus: position of its next buyer in the merge
    int[] sellNext = new int[shift.length];
    int i = nextBuyer(shift, buyNext);
    int j = nextSeller(shift, sellNext);
    double buyLeft = i >= 0 ? book.buyQtyKwh[i] : 0;
    double sellLeft = j >= 0 ? book.sellQtyKwh[j] : 0;
    while (i >= 0 && j >= 0
        && book.buyLimit[i] + shift[book.buyBus[i]] > book.sellAsk[j] + shift[book.sellBus[j]]) {
      double q = Math.min(buyLeft, sellLeft);
      out[0][i] += q;
      out[1][j] += q;
      buyLeft -= q;
      sellLeft -= q;
      if (buyLeft <= 1e-12) {
        buyNext[book.buyBus[i]]++;
        i = nextBuyer(shift, buyNext);
        buyLeft = i >= 0 ? book.buyQtyKwh[i] : 0;
      }
      if (sellLeft <= 1e-12) {
        sellNext[book.sellBus[j]]++;
        j = nextSeller(shift, sellNext);
        sellLeft = j >= 0 ? book.sellQtyKwh[j] : 0;
      }
    }
    return out;
  }

  /** The untaken buyer of highest shifted limit (−1 if none). */
  private int nextBuyer(double[] shift, int[] buyNext) {
    int best = -1;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int b = 0; b < buyersAt.length; b++) {
      if (buyNext[b] < buyersAt[b].length) {
        int i = buyersAt[b][buyNext[b]];
        double v = book.buyLimit[i] + shift[b];
        if (best < 0 || v > bestValue) {
          best = i;
          bestValue = v;
        }
      }
    }
    return best;
  }

  /** The untaken seller of lowest shifted ask (−1 if none). */
  private int nextSeller(double[] shift, int[] sellNext) {
    int best = -1;
    double bestCost = Double.POSITIVE_INFINITY;
    for (int b = 0; b < sellersAt.length; b++) {
      if (sellNext[b] < sellersAt[b].length) {
        int j = sellersAt[b][sellNext[b]];
        double c = book.sellAsk[j] + shift[b];
        if (best < 0 || c < bestCost) {
          best = j;
          bestCost = c;
        }
      }
    }
    return best;
  }
}
