package energy.p2p.job;

import energy.p2p.ingest.BidValidator;
import energy.p2p.ingest.ValidationConfig;
import energy.p2p.io.BidCodec;
import energy.p2p.io.ParsedBid;
import energy.p2p.io.RecordText;
import energy.p2p.model.Bid;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Rejection;
import energy.p2p.security.SignatureCheck;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads one raw bid record once: codec ({@link BidCodec}), one-bid validation
 * ({@link BidValidator}), in the {@link TimeModel#RECEIPT} model lateness by receipt time, then the
 * signature when required (last: Ed25519 costs ~0.8 ms, a bid already refused need not pay it).
 * Runs inside the Kafka deserializer in {@code run} and right after the file reader in
 * {@code replay}, so the event-time assigner at the source never parses a record a second time.
 * Plain Java; not thread-safe (the codec's CSV header state), one per reader.
 */
public final class BidIntake implements Serializable {
  private final BidCodec codec;
  private final BidValidator validator;
  private final SignatureCheck signatures;
  private final TimeModel timeModel;

  /** {@code signatures}: null when bids need not be signed. */
  public BidIntake(BidCodec codec, BidValidator validator, SignatureCheck signatures, TimeModel timeModel) {
    this.codec = codec;
    this.validator = validator;
    this.signatures = signatures;
    this.timeModel = timeModel;
  }

  public TimeModel timeModel() {
    return timeModel;
  }

  /** A text record (a file line, a decoded Kafka message). */
  public IntakeRecord read(String raw, int partition, long receivedAtMs) {
    if (raw == null || BidCodec.isBlank(raw) || BidCodec.isCsvHeader(raw)) {
      return IntakeRecord.nothing(partition, receivedAtMs);
    }
    return judge(codec.parse(raw), raw, partition, receivedAtMs);
  }

  /** {@link #read(byte[], String, int, long)} naming the record by its partition only. */
  public IntakeRecord read(byte[] value, int partition, long receivedAtMs) {
    return read(value, "partition " + partition, partition, receivedAtMs);
  }

  /**
   * A Kafka message's value, decoded strictly ({@link RecordText}): an oversized message is
   * TOO_LARGE before decoding; one that is not valid UTF-8 is MALFORMED, its detail starting with
   * {@code origin} (e.g. "bids partition 3 offset 1234"), its raw escaped losslessly — never
   * silently repaired.
   */
  public IntakeRecord read(byte[] value, String origin, int partition, long receivedAtMs) {
    if (value == null || value.length == 0) {
      return IntakeRecord.nothing(partition, receivedAtMs);
    }
    return read(RecordText.decode(value, 0, value.length, origin, codec.maxRecordBytes()), partition, receivedAtMs);
  }

  /** A gate tick of the live gate clock (the record carries no bid, only its receipt time). */
  public IntakeRecord tick(int partition, long receivedAtMs) {
    return new IntakeRecord(null, null, true, "", partition, receivedAtMs);
  }

  private IntakeRecord judge(ParsedBid parsed, String raw, int partition, long receivedAtMs) {
    if (!parsed.isBid()) {
      return rejected(parsed.rejection(), partition, receivedAtMs);
    }
    Bid bid = parsed.bid();
    Optional<Rejection> invalid = validator.validate(bid, raw);
    if (invalid.isEmpty() && timeModel == TimeModel.RECEIPT) {
      invalid = lateByReceipt(bid, raw, receivedAtMs);
    }
    if (invalid.isEmpty() && signatures != null) {
      invalid = signatures.check(bid, parsed.signature(), raw);
    }
    return invalid.isPresent() ? rejected(invalid.get(), partition, receivedAtMs)
        : new IntakeRecord(bid, null, false, raw, partition, receivedAtMs);
  }

  /** Live: the market's receipt time judges lateness, never the participant's own clock. */
  private Optional<Rejection> lateByReceipt(Bid bid, String raw, long receivedAtMs) {
    ValidationConfig config = validator.config();
    long gate = config.gateClosureMs(bid.frameStartMs());
    if (receivedAtMs < gate) {
      return Optional.empty();
    }
    return Optional.of(new Rejection(bid.bidId(), bid.feederId(), bid.frameStartMs(), ReasonCode.LATE,
        "received at " + Instant.ofEpochMilli(receivedAtMs) + " (Kafka record timestamp), at or after gate closure "
            + Instant.ofEpochMilli(gate), raw));
  }

  private static IntakeRecord rejected(Rejection r, int partition, long receivedAtMs) {
    return new IntakeRecord(null, r, false, r.raw(), partition, receivedAtMs);
  }
}
