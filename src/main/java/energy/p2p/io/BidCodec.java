package energy.p2p.io;

import energy.p2p.model.Allocation;
import energy.p2p.model.Bid;
import energy.p2p.model.ClearingReport;
import energy.p2p.model.ReasonCode;
import energy.p2p.model.Rejection;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bids in (JSON Lines or CSV with the same column names) and results out (JSON with a fixed field
 * order), as documented in docs/formats.md. Reading never throws on bad input: every problem comes
 * back as a {@link Rejection} naming the field. Thread-safe; serializable (its state is the column
 * layout and size limit), so Flink functions can carry it.
 */
public final class BidCodec implements Serializable {
  /** The canonical CSV header (also the JSON field order of a bid). */
  public static final String CSV_HEADER =
      String.join(",", Arrays.stream(BidColumn.ALL).map(c -> c.field).toArray(String[]::new));
  /** Raw text kept in a TOO_LARGE rejection. */
  static final int RAW_KEPT_CHARS = 256;

  private final int maxRecordBytes;
  private final BidColumn[] csvColumns;
  /** Index of the optional CSV column {@code signature}, or -1. */
  private final int csvSignatureColumn;
  private transient BidReader reader;

  /** A codec for JSON and for CSV in the canonical column order. */
  public BidCodec(int maxRecordBytes) {
    this(maxRecordBytes, BidColumn.ALL.clone(), -1);
  }

  private BidCodec(int maxRecordBytes, BidColumn[] csvColumns, int csvSignatureColumn) {
    this.maxRecordBytes = maxRecordBytes;
    this.csvColumns = csvColumns;
    this.csvSignatureColumn = csvSignatureColumn;
  }

  /**
   * The same codec reading CSV rows in the column order of {@code headerLine}.
   *
   * @throws IllegalArgumentException naming an unknown, repeated or missing column
   */
  public BidCodec withCsvHeader(String headerLine) {
    List<String> names = CsvLine.split(stripBom(headerLine).trim());
    if (names == null) {
      throw new IllegalArgumentException("CSV header has an unbalanced quote: " + headerLine);
    }
    BidColumn[] cols = new BidColumn[names.size()];
    List<BidColumn> seen = new ArrayList<>();
    int signature = -1;
    for (int i = 0; i < cols.length; i++) {
      if (BidReader.SIGNATURE.equals(names.get(i)) && signature < 0) {
        signature = i; // optional; not a bid column (cols[i] stays null)
        continue;
      }
      cols[i] = BidColumn.byField(names.get(i));
      if (cols[i] == null) {
        throw new IllegalArgumentException("unknown CSV column '" + names.get(i) + "' (expected " + CSV_HEADER + ")");
      }
      if (seen.contains(cols[i])) {
        throw new IllegalArgumentException("CSV column '" + names.get(i) + "' appears twice");
      }
      seen.add(cols[i]);
    }
    for (BidColumn c : BidColumn.ALL) {
      if (c.required && !seen.contains(c)) {
        throw new IllegalArgumentException("CSV header lacks column '" + c.field + "'");
      }
    }
    return new BidCodec(maxRecordBytes, cols, signature);
  }

  /**
   * True for a CSV header line — every field a known column name, {@code bidId} among them, in any
   * order: a header is not a bid.
   */
  public static boolean isCsvHeader(String line) {
    String s = stripBom(line).trim();
    if (s.isEmpty() || s.charAt(0) == '{' || !s.contains("bidId")) {
      return false; // the fast answer for every JSON record and data row
    }
    List<String> names = CsvLine.split(s);
    return names != null && names.contains("bidId")
        && names.stream().allMatch(n -> BidColumn.byField(n) != null || BidReader.SIGNATURE.equals(n));
  }

  /** True for an empty or blank line, which holds no record. */
  public static boolean isBlank(String line) {
    return stripBom(line).isBlank();
  }

  /**
   * Reads one record: a line starting with '{' is JSON, anything else a CSV row; a record its reader
   * could not decode ({@link UnreadableRecord#carry()}, e.g. a file line that is not UTF-8) is
   * rejected as the reader judged it.
   */
  public ParsedBid parse(String line) {
    if (line == null) {
      return ParsedBid.rejected(new Rejection(null, null, -1, ReasonCode.MALFORMED, "empty record", ""));
    }
    UnreadableRecord unreadable = UnreadableRecord.of(line);
    if (unreadable != null) {
      return ParsedBid.rejected(unreadable.rejection());
    }
    int bytes = utf8Length(line);
    if (bytes > maxRecordBytes) {
      String kept = line.substring(0, Math.min(line.length(), RAW_KEPT_CHARS)) + "...";
      return ParsedBid.rejected(new Rejection(null, null, -1, ReasonCode.TOO_LARGE,
          "record is " + bytes + " bytes, the limit is " + maxRecordBytes, kept));
    }
    String text = stripBom(line).trim();
    if (text.isEmpty()) {
      return ParsedBid.rejected(new Rejection(null, null, -1, ReasonCode.MALFORMED, "empty record", line));
    }
    return text.charAt(0) == '{' ? reader().readJson(text, line) : reader().readCsv(text, line, csvColumns, csvSignatureColumn);
  }

  /** {@link #parse(byte[], String)} for a record without a better name than "record". */
  public ParsedBid parse(byte[] record) {
    return parse(record, "record");
  }

  /**
   * Reads one record given as bytes (a Kafka message value): an oversized one is TOO_LARGE before
   * it is decoded, one that is not valid UTF-8 is MALFORMED with a detail starting with
   * {@code origin} (e.g. "bids partition 3 offset 1234") and a lossless escaped {@code raw}
   * ({@link RecordText}), never silently repaired; the rest as {@link #parse(String)}.
   */
  public ParsedBid parse(byte[] record, String origin) {
    if (record == null) {
      return parse((String) null);
    }
    UnreadableRecord unreadable = RecordText.unreadable(record, 0, record.length, origin, maxRecordBytes);
    if (unreadable != null) {
      return ParsedBid.rejected(unreadable.rejection());
    }
    return parse(RecordText.text(record, 0, record.length));
  }

  public int maxRecordBytes() {
    return maxRecordBytes;
  }

  public static String toJson(Allocation a) {
    return OutputJson.allocation(a);
  }

  public static String toJson(ClearingReport r) {
    return OutputJson.report(r);
  }

  public static String toJson(Rejection r) {
    return OutputJson.rejection(r);
  }

  public static String toJson(Bid b) {
    return OutputJson.bid(b);
  }

  /** A signed bid: the fields of {@link #toJson(Bid)} then {@code signature}. */
  public static String toJson(Bid b, String signature) {
    return OutputJson.bid(b, signature);
  }

  /** One CSV row in the canonical column order of {@link #CSV_HEADER}. */
  public static String toCsv(Bid b) {
    return String.join(",", CsvLine.quote(b.bidId()), CsvLine.quote(b.participantId()),
        CsvLine.quote(b.feederId()), Integer.toString(b.bus()), b.side().name(),
        Double.toString(b.quantityKwh()), Double.toString(b.limitPrice()),
        OutputJson.instant(b.frameStartMs()), OutputJson.instant(b.submittedAtMs()),
        b.buyerClass().name());
  }

  private BidReader reader() {
    BidReader r = reader;
    if (r == null) {
      r = new BidReader();
      reader = r;
    }
    return r;
  }

  private static String stripBom(String s) {
    return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
  }

  private static int utf8Length(String s) {
    int n = s.length();
    int bytes = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
