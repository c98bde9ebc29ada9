package analogsweep.driver.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Short names of settings for tables, titles and legends: "p=16", "EP=0.5", "i=1", family and
 * model by their ids, other columns as "column=value"; lists (hidden sizes) as "256-128".
 * Precision p is the number of levels per unit; figure captions say bits = log2(p).
 */
final class Labels {
  private Labels() {}

  static String value(Object v) {
    if (v == null) {
      return "none";
    }
    if (v instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      for (Object o : list) {
        parts.add(String.valueOf(o));
      }
      return parts.isEmpty() ? "none" : String.join("-", parts);
    }
    if (v instanceof Double d) {
      return Table.number(d, 6);
    }
    return String.valueOf(v);
  }

  static String of(String column, Object v) {
    return switch (column) {
      case "family", "model" -> value(v);
      case "precision" -> "p=" + value(v);
      case "error_probability" -> "EP=" + value(v);
      case "interpolation" -> "i=" + value(v);
      case "hidden_sizes" -> "hidden=" + value(v);
      default -> column + "=" + value(v);
    };
  }

  /** "relu-gelu p=16 EP=0.5" for the given columns and values; "all" when there are none. */
  static String setting(List<String> columns, List<Object> values) {
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < columns.size(); k++) {
      parts.add(of(columns.get(k), values.get(k)));
    }
    return parts.isEmpty() ? "all" : String.join(" ", parts);
  }

  /** Points with a sign, "+3.2 pts". */
  static String points(double v) {
    return String.format(Locale.ROOT, "%+.1f", v);
  }

  /** A percentage, "84.4%". */
  static String percent(double v) {
    return String.format(Locale.ROOT, "%.1f%%", v);
  }
}
