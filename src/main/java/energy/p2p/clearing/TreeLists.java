package energy.p2p.clearing;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Scratch lists of the fee-aware decoder ({@link FillDecoder}): per bus, the buyers and sellers
 * still holding volume there (their own bus's bids and what their children passed up), as ranks
 * in a fixed order — buyers by ascending limit − rate·R(slack, bus), sellers by ascending
 * ask + rate·R(slack, bus), ties by merit-order index. Reused across decodes; grows only while
 * warming up.
 */
final class TreeLists {
  private static final double EPS_KWH = 1e-9;

  private final MarketBook book;
  private final int[] buyerOfRank;
  private final int[] sellerOfRank;
  private final int[] buyerRank;
  private final int[] sellerRank;
  private final int[][] buyers;
  private final int[][] sellers;
  private final int[] buyerCount;
  private final int[] sellerCount;

  TreeLists(MarketBook book) {
    this.book = book;
    double rate = book.feePerKwhPerOhm;
    buyerOfRank = IntStream.range(0, book.buyerCount()).boxed()
        .sorted(Comparator.comparingDouble(
            (Integer i) -> book.buyLimit[i] - rate * book.rootROhm[book.buyBus[i]])
            .thenComparingInt(i -> i))
        .mapToInt(Integer::intValue).toArray();
    sellerOfRank = IntStream.range(0, book.sellerCount()).boxed()
        .sorted(Comparator.comparingDouble(
            (Integer j) -> book.sellAsk[j] + rate * book.rootROhm[book.sellBus[j]])
            .thenComparingInt(j -> j))
        .mapToInt(Integer::intValue).toArray();
    buyerRank = inverse(buyerOfRank);
    sellerRank = inverse(sellerOfRank);
    int buses = book.busCount();
    buyers = new int[buses][4];
    sellers = new int[buses][4];
    buyerCount = new int[buses];
    sellerCount = new int[buses];
  }

  private static int[] inverse(int[] permutation) {
    int[] inv = new int[permutation.length];
    for (int r = 0; r < permutation.length; r++) {
      inv[permutation[r]] = r;
    }
    return inv;
  }

  /** Empties every list, then puts each bid with volume left on its own bus. */
  void start(double[] buyLeft, double[] sellLeft) {
    Arrays.fill(buyerCount, 0);
    Arrays.fill(sellerCount, 0);
    for (int i = 0; i < buyLeft.length; i++) {
      if (buyLeft[i] > EPS_KWH) {
        addBuyer(book.buyBus[i], buyerRank[i]);
      }
    }
    for (int j = 0; j < sellLeft.length; j++) {
      if (sellLeft[j] > EPS_KWH) {
        addSeller(book.sellBus[j], sellerRank[j]);
      }
    }
  }

  /** Moves what is still unpaired at bus v to v's parent. */
  void passUp(int v, double[] buyLeft, double[] sellLeft) {
    int parent = book.busParent[v];
    for (int k = 0; k < buyerCount[v]; k++) {
      int r = buyers[v][k];
      if (buyLeft[buyerOfRank[r]] > EPS_KWH) {
        addBuyer(parent, r);
      }
    }
    for (int k = 0; k < sellerCount[v]; k++) {
      int r = sellers[v][k];
      if (sellLeft[sellerOfRank[r]] > EPS_KWH) {
        addSeller(parent, r);
      }
    }
  }

  /** The ranks at bus v, sorted (valid up to {@link #buyerCount(int)}). */
  int[] sortedBuyers(int v) {
    Arrays.sort(buyers[v], 0, buyerCount[v]);
    return buyers[v];
  }

  int[] sortedSellers(int v) {
    Arrays.sort(sellers[v], 0, sellerCount[v]);
    return sellers[v];
  }

  int buyerCount(int v) {
    return buyerCount[v];
  }

  int sellerCount(int v) {
    return sellerCount[v];
  }

  int buyer(int rank) {
    return buyerOfRank[rank];
  }

  int seller(int rank) {
    return sellerOfRank[rank];
  }

  private void addBuyer(int bus, int rank) {
    if (buyerCount[bus] == buyers[bus].length) {
      buyers[bus] = Arrays.copyOf(buyers[bus], 2 * buyers[bus].length);
    }
    buyers[bus][buyerCount[bus]++] = rank;
  }

  private void addSeller(int bus, int rank) {
    if (sellerCount[bus] == sellers[bus].length) {
      sellers[bus] = Arrays.copyOf(sellers[bus], 2 * sellers[bus].length);
    }
    sellers[bus][sellerCount[bus]++] = rank;
  }
}
