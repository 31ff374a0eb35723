package energy.p2p.job;

import energy.p2p.io.BidCodec;
import energy.p2p.ledger.LedgerChain;
import energy.p2p.ledger.LedgerEntry;
import energy.p2p.ledger.LedgerJson;
import energy.p2p.model.Allocation;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by feederId: appends each published window (its trades, then its report with their Merkle
 * root) to the feeder's hash chain. The chain's head ({@code ledger-next-seq}, {@code ledger-head})
 * is keyed state: checkpointed with the transactional sink's pending records, so after a failure
 * the chain resumes from the checkpointed head and no record is missing or doubled.
 */
public final class LedgerFunction extends KeyedProcessFunction<String, PublishedWindow, OutputLine> {
  static final ValueStateDescriptor<Long> NEXT_SEQ = new ValueStateDescriptor<>("ledger-next-seq", Types.LONG);
  static final ValueStateDescriptor<String> HEAD = new ValueStateDescriptor<>("ledger-head", Types.STRING);

  private transient ValueState<Long> nextSeq;
  private transient ValueState<String> head;

  @Override
  public void open(OpenContext ctx) {
    nextSeq = getRuntimeContext().getState(NEXT_SEQ);
    head = getRuntimeContext().getState(HEAD);
  }

  @Override
  public void processElement(PublishedWindow w, Context ctx, Collector<OutputLine> out) throws Exception {
    Long seq = nextSeq.value();
    LedgerChain chain = seq == null ? LedgerChain.start(w.feederId()) : new LedgerChain(w.feederId(), seq, head.value());
    List<String> trades = new ArrayList<>(w.allocations().size());
    for (Allocation a : w.allocations()) {
      trades.add(BidCodec.toJson(a));
    }
    for (LedgerEntry e : chain.appendWindow(w.frameStartMs(), trades, BidCodec.toJson(w.report()))) {
      out.collect(new OutputLine(e.feederId(), e.seq(), "", LedgerJson.write(e)));
    }
    nextSeq.update(chain.nextSeq());
    head.update(chain.headHash());
  }
}
