package energy.p2p.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A small, strict CSV reader for the feeder files: a header naming the columns (required ones in
 * any order, optional ones allowed, nothing else), comma-separated unquoted cells, blank lines
 * skipped. Cells are read by column name and parsed with the file and line in every error.
 */
final class CsvFile {

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private final Path file;
  private final List<String> columns;
  private final List<Row> rows;

  /** One data line: its 1-based line number and its cells in header order. */
  final class Row {
    final int line;
    private final String[] cells;

    private Row(int line, String[] cells) {
      this.line = line;
      this.cells = cells;
    }

    boolean has(String column) {
      int c = columns.indexOf(column);
      return c >= 0 && !cells[c].isEmpty();
    }

    private String cell(String column) {
      String value = cells[columns.indexOf(column)];
      if (value.isEmpty()) {
        throw error(line, column + " is empty");
      }
      return value;
    }

    int busNumber(String column) {
      String text = cell(column);
      try {
        int bus = Integer.parseInt(text);
        if (bus > 0) {
          return bus;
        }
      } catch (NumberFormatException e) {
        // reported below with the column name
      }
      throw error(line, column + " '" + text + "' is not a positive integer bus number");
    }

    double number(String column) {
      String text = cell(column);
      if (!DECIMAL.matcher(text).matches()) {
        throw error(line, column + " '" + text + "' is not a number");
      }
      return Double.parseDouble(text);
    }
  }

  private CsvFile(Path file, List<String> columns, List<Row> rows) {
    this.file = file;
    this.columns = columns;
    this.rows = rows;
  }

  static CsvFile read(Path file, List<String> required, List<String> optional) {
    List<String> lines = readLines(file);
    int headerAt = 0;
    while (headerAt < lines.size() && lines.get(headerAt).isBlank()) {
      headerAt++;
    }
    String expected = String.join(",", required)
        + (optional.isEmpty() ? "" : " (optional: " + String.join(",", optional) + ")");
    if (headerAt == lines.size()) {
      throw new FeederFormatException(file, 0, "empty file: expected the header " + expected);
    }
    List<String> columns = Arrays.asList(split(lines.get(headerAt)));
    int headerLine = headerAt + 1;
    if (!columns.isEmpty() && DECIMAL.matcher(columns.get(0)).matches()) {
      throw new FeederFormatException(file, headerLine,
          "missing header: expected " + expected + " before the data rows");
    }
    for (String column : columns) {
      if (!required.contains(column) && !optional.contains(column)) {
        throw new FeederFormatException(file, headerLine, "unknown column '" + column
            + "' in header: expected " + expected);
      }
      if (columns.indexOf(column) != columns.lastIndexOf(column)) {
        throw new FeederFormatException(file, headerLine, "column '" + column + "' twice");
      }
    }
    for (String column : required) {
      if (!columns.contains(column)) {
        throw new FeederFormatException(file, headerLine, "header lacks column '" + column
            + "': expected " + expected);
      }
    }
    CsvFile csv = new CsvFile(file, columns, new ArrayList<>());
    for (int k = headerAt + 1; k < lines.size(); k++) {
      String text = lines.get(k);
      if (text.isBlank()) {
        continue;
      }
      String[] cells = split(text);
      if (cells.length != columns.size()) {
        throw new FeederFormatException(file, k + 1, "expected " + columns.size()
            + " comma-separated cells (" + String.join(",", columns) + "), found " + cells.length);
      }
      csv.rows.add(csv.new Row(k + 1, cells));
    }
    return csv;
  }

  List<Row> rows() {
    return rows;
  }

  FeederFormatException error(int line, String problem) {
    return new FeederFormatException(file, line, problem);
  }

  private static String[] split(String line) {
    String[] cells = line.split(",", -1);
    for (int c = 0; c < cells.length; c++) {
      cells[c] = cells[c].trim();
    }
    return cells;
  }

  static List<String> readLines(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
        lines.set(0, lines.get(0).substring(1)); // a byte-order mark from spreadsheet exports
      }
      return lines;
    } catch (NoSuchFileException e) {
      throw new FeederFormatException(file, 0, "file not found");
    } catch (CharacterCodingException e) {
      throw new FeederFormatException(file, 0, "not UTF-8 text");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
