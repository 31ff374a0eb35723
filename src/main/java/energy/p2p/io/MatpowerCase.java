package energy.p2p.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables of a MATPOWER case file ({@code .m}) as written, each row with its line number. This is
 * not a MATLAB interpreter: it understands the case layout ({@code mpc.baseMVA = ...;},
 * {@code mpc.NAME = [ rows ];}, comments, {@code ...} continuations) and the unit-conversion
 * statements that the published distribution cases (case33bw, case69, case118zh, case136ma) end
 * with: impedances given in ohm and divided by {@code (Vbase^2 / Sbase)}, loads given in kW and
 * divided by {@code 1e3}. Any other statement is refused naming its line, because silently
 * skipping code that changes the data would give a wrong feeder.
 */
final class MatpowerCase {

  /** One numeric row of a table and the line it was written on. */
  record Row(int line, double[] values) {}

  private static final String NUM = "([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)";
  private static final Pattern ASSIGN = Pattern.compile("mpc\\.(\\w+)\\s*=\\s*(.*)");
  private static final Pattern IDX = Pattern.compile("\\[[\\w\\s,]*]\\s*=\\s*idx_\\w+\\s*;?");
  private static final Pattern VBASE = Pattern.compile(
      "(\\w+)\\s*=\\s*mpc\\.bus\\(\\s*(\\d+)\\s*,\\s*BASE_KV\\s*\\)\\s*\\*\\s*" + NUM + "\\s*;?");
  private static final Pattern SBASE = Pattern.compile(
      "(\\w+)\\s*=\\s*mpc\\.baseMVA\\s*\\*\\s*" + NUM + "\\s*;?");
  private static final Pattern OHMS = Pattern.compile(
      "mpc\\.branch\\(\\s*:\\s*,\\s*\\[\\s*BR_R[\\s,]+BR_X\\s*]\\s*\\)\\s*=\\s*mpc\\.branch\\(\\s*:"
          + "\\s*,\\s*\\[\\s*BR_R[\\s,]+BR_X\\s*]\\s*\\)\\s*/\\s*\\(\\s*(\\w+)\\s*\\^\\s*2\\s*/\\s*"
          + "(\\w+)\\s*\\)\\s*;?");
  private static final Pattern KW = Pattern.compile(
      "mpc\\.bus\\(\\s*:\\s*,\\s*\\[\\s*PD[\\s,]+QD\\s*]\\s*\\)\\s*=\\s*mpc\\.bus\\(\\s*:\\s*,\\s*"
          + "\\[\\s*PD[\\s,]+QD\\s*]\\s*\\)\\s*/\\s*" + NUM + "\\s*;?");

  final Path file;
  final Map<String, List<Row>> tables = new HashMap<>();
  final Map<String, Integer> tableLines = new HashMap<>();
  double baseMva = Double.NaN;
  int baseMvaLine;
  /** Written impedance units per p.u. (the file's Zbase in ohm); NaN: written in p.u. */
  double impedanceWrittenPerPu = Double.NaN;
  /** Divisor applied to Pd, Qd by the kW-to-MW statement (1 when absent: MW as MATPOWER wants). */
  double loadDivisor = 1.0;
  /** {@code V = mpc.bus(ROW, BASE_KV) * K}: volts per kV of each such variable. */
  private final Map<String, Double> voltsPerKv = new HashMap<>();
  /** {@code S = mpc.baseMVA * K}: VA per MVA of each such variable. */
  private final Map<String, Double> vaPerMva = new HashMap<>();
  private int vbaseRow;
  private boolean loadsConverted;
  private String ohmVbase;
  private String ohmSbase;

  private MatpowerCase(Path file) {
    this.file = file;
  }

  static MatpowerCase read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new FeederFormatException(file, 0, "file not found");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    MatpowerCase c = new MatpowerCase(file);
    c.parse(lines);
    return c;
  }

  private void parse(List<String> lines) {
    String table = null;
    StringBuilder statement = new StringBuilder();
    int statementLine = 0;
    for (int i = 0; i < lines.size(); i++) {
      int lineNo = i + 1;
      String text = stripComment(lines.get(i)).trim();
      if (table != null) {
        table = tableText(table, text, lineNo);
        continue;
      }
      if (statement.length() == 0) {
        statementLine = lineNo;
      }
      if (text.endsWith("...")) {
        statement.append(text, 0, text.length() - 3).append(' ');
        continue;
      }
      statement.append(text);
      String whole = statement.toString().trim();
      statement.setLength(0);
      if (!whole.isEmpty()) {
        table = statement(whole, statementLine);
      }
    }
    if (table != null) {
      throw error(tableLines.get(table), "mpc." + table + " = [ is never closed with ];");
    }
    resolveConversions();
  }

  /** One top-level statement; returns the table name when it opens a multi-line table. */
  private String statement(String text, int line) {
    if (text.startsWith("function ") || IDX.matcher(text).matches()) {
      return null; // the function header and MATPOWER's column-index names carry no data
    }
    Matcher m;
    if ((m = OHMS.matcher(text)).matches()) {
      if (ohmVbase != null) {
        throw error(line, "the ohm-to-p.u. conversion is given twice (MATLAB would apply it twice)");
      }
      ohmVbase = m.group(1);
      ohmSbase = m.group(2);
      return null;
    }
    if ((m = KW.matcher(text)).matches()) {
      loadDivisor = Double.parseDouble(m.group(1));
      if (loadsConverted || !(loadDivisor > 0) || Double.isInfinite(loadDivisor)) {
        throw error(line, loadsConverted ? "the load conversion is given twice"
            : "loads divided by " + m.group(1) + ": expected a positive number such as 1e3");
      }
      loadsConverted = true;
      return null;
    }
    if ((m = VBASE.matcher(text)).matches()) {
      vbaseRow = Integer.parseInt(m.group(2));
      voltsPerKv.put(m.group(1), Double.parseDouble(m.group(3)));
      return null;
    }
    if ((m = SBASE.matcher(text)).matches()) {
      vaPerMva.put(m.group(1), Double.parseDouble(m.group(2)));
      return null;
    }
    if ((m = ASSIGN.matcher(text)).matches()) {
      String name = m.group(1);
      String value = m.group(2).trim();
      if (value.startsWith("[") || value.startsWith("{")) {
        tables.put(name, new ArrayList<>());
        tableLines.put(name, line);
        return tableText(name, value.substring(1), line);
      }
      if (name.equals("baseMVA")) {
        baseMva = number(value.replaceAll(";$", "").trim(), line, "mpc.baseMVA");
        baseMvaLine = line;
      }
      return null; // other scalars (mpc.version = '2') carry nothing the feeder needs
    }
    throw error(line, "unsupported statement '" + shorten(text) + "': only the MATPOWER case"
        + " layout (mpc.baseMVA, mpc.bus, mpc.branch, ...) and the published ohm-to-p.u. and"
        + " kW-to-MW conversion lines are understood");
  }

  /** Rows of an open table on one line; returns null when the table closes on it. */
  private String tableText(String name, String text, int line) {
    int bracket = text.indexOf(']');
    int brace = text.indexOf('}');
    int close = bracket < 0 ? brace : brace < 0 ? bracket : Math.min(bracket, brace);
    String body = close >= 0 ? text.substring(0, close) : text;
    if (!body.contains("'")) { // cell arrays of names hold no numbers we use
      for (String row : body.split(";")) {
        String trimmed = row.trim();
        if (!trimmed.isEmpty()) {
          tables.get(name).add(new Row(line, numbers(trimmed, line, name)));
        }
      }
    }
    return close >= 0 ? null : name;
  }

  private double[] numbers(String row, int line, String table) {
    String[] cells = row.split("[\\s,]+");
    double[] values = new double[cells.length];
    for (int c = 0; c < cells.length; c++) {
      values[c] = number(cells[c], line, "mpc." + table + " column " + (c + 1));
    }
    return values;
  }

  private double number(String cell, int line, String what) {
    if (cell.equals("Inf") || cell.equals("inf")) {
      return Double.POSITIVE_INFINITY;
    }
    if (cell.equals("-Inf") || cell.equals("-inf")) {
      return Double.NEGATIVE_INFINITY;
    }
    if (!cell.matches(NUM)) {
      throw error(line, what + " '" + shorten(cell) + "' is not a number");
    }
    return Double.parseDouble(cell);
  }

  private void resolveConversions() {
    if (ohmVbase == null) {
      return;
    }
    Double vbase = voltsPerKv.get(ohmVbase);
    Double sbase = vaPerMva.get(ohmSbase);
    if (vbase == null || sbase == null || !(vbase > 0) || !(sbase > 0)) {
      throw error(0, "the ohm-to-p.u. conversion uses " + ohmVbase + " and " + ohmSbase
          + ", expected 'V = mpc.bus(ROW, BASE_KV) * 1e3;' and 'S = mpc.baseMVA * 1e6;' before it");
    }
    List<Row> bus = tables.get("bus");
    if (bus == null || vbaseRow < 1 || vbaseRow > bus.size() || bus.get(vbaseRow - 1).values.length < 10) {
      throw error(0, "the ohm-to-p.u. conversion reads mpc.bus(" + vbaseRow + ", BASE_KV),"
          + " which does not exist");
    }
    double vbaseV = bus.get(vbaseRow - 1).values[9] * vbase;
    impedanceWrittenPerPu = vbaseV * vbaseV / (baseMva * sbase); // the file's Zbase, ohm
  }

  FeederFormatException error(int line, String problem) {
    return new FeederFormatException(file, line, problem);
  }

  private static String stripComment(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '\'') {
        quoted = !quoted;
      } else if (ch == '%' && !quoted) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static String shorten(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
