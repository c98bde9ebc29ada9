package analogsweep.driver.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;

/** A small result table, printed as CSV (full precision) or as Markdown (rounded). */
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
    return String.valueOf(v);
  }

  private static String csvCell(Object v) {
    if (v == null) {
      return "";
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
      return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.4f", d);
    }
    return text(v).replace("|", "\\|").replace("\n", " ");
  }
}
