package analogsweep.driver.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * A small result table, printed as CSV (numbers to 10 significant digits, so that float noise
 * such as 5.000000000000004E-4 reads 0.0005) or as Markdown (4 significant digits).
 */
record Table(List<String> columns, List<List<Object>> rows) {

  static Table of(List<Row> rows, String... columns) {
    List<List<Object>> out = new ArrayList<>();
    for (Row r : rows) {
      List<Object> values = new ArrayList<>();
      for (String c : columns) {
        values.add(r.get(r.fieldIndex(c)));
      }
      out.add(values);
    }
    return new Table(List.of(columns), out);
  }

  String csv() {
    StringBuilder sb = new StringBuilder(String.join(",", columns)).append('\n');
    for (List<Object> row : rows) {
      for (int k = 0; k < row.size(); k++) {
        sb.append(k == 0 ? "" : ",").append(csvCell(row.get(k)));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  String markdown() {
    StringBuilder sb = new StringBuilder("| ").append(String.join(" | ", columns)).append(" |\n|");
    sb.append(" --- |".repeat(columns.size())).append('\n');
    for (List<Object> row : rows) {
      sb.append('|');
      for (Object v : row) {
        sb.append(' ').append(mdCell(v)).append(" |");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** A value as text: lists (Spark returns Scala sequences) as "256,128". */
  static String text(Object v) {
    if (v instanceof scala.collection.Iterable<?> seq) {
      StringBuilder sb = new StringBuilder();
      scala.collection.Iterator<?> it = seq.iterator();
      while (it.hasNext()) {
        sb.append(sb.length() == 0 ? "" : ",").append(it.next());
      }
      return sb.toString();
    }
    if (v instanceof List<?> list) {
      StringBuilder sb = new StringBuilder();
      for (Object o : list) {
        sb.append(sb.length() == 0 ? "" : ",").append(o);
      }
      return sb.toString();
    }
    return String.valueOf(v);
  }

  /** A number rounded to {@code digits} significant digits, plainly written; NaN as empty. */
  static String number(double v, int digits) {
    if (!Double.isFinite(v)) {
      return Double.isNaN(v) ? "" : v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return "0";
    }
    return new BigDecimal(v).round(new MathContext(digits))
        .stripTrailingZeros().toPlainString();
  }

  private static String csvCell(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double || v instanceof Float) {
      return number(((Number) v).doubleValue(), 10);
    }
    String s = text(v);
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  static String mdCell(Object v) {
    if (v == null) {
      return "–";
    }
    if (v instanceof Double d) {
      return Double.isNaN(d) ? "–" : number(d, 4);
    }
    return text(v).replace("|", "\\|").replace("\n", " ");
  }
}
