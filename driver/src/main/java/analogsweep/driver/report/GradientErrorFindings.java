package analogsweep.driver.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * F1 from a gradient-error sweep: per chain setting, how many times larger the derivative's
 * error near zero is at the ReLU end (lowest i) than at the smooth end (highest i), by mean and
 * by maximum over |x|, |w| <= 0.25. Ratios are paired by noise seed and averaged on logarithms,
 * so the estimate is the geometric mean of the seeds' ratios and its interval (Intervals.mean on
 * the logs) comes back as a ratio. The claim holds where the interval lies above 1.
 */
final class GradientErrorFindings {
  /** The columns that define a chain setting of a map. */
  static final List<String> KEYS = List.of("family", "noise", "precision", "error_probability",
      "gate_scale", "leak", "plane_precision");

  private GradientErrorFindings() {}

  static List<Finding> of(List<Row> maps) {
    Map<List<Object>, List<Row>> settings = new LinkedHashMap<>();
    for (Row m : maps) {
      List<Object> key = new ArrayList<>();
      for (String c : KEYS) {
        key.add(m.get(m.fieldIndex(c)));
      }
      settings.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
    }
    List<String> labelled = labelledKeys(settings.keySet());
    List<Finding> out = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Row>> s : settings.entrySet()) {
      List<Object> values = new ArrayList<>();
      for (String c : labelled) {
        values.add(s.getKey().get(KEYS.indexOf(c)));
      }
      String setting = Labels.setting(labelled, values);
      for (String by : List.of("mean", "max")) {
        Finding f = ratio(s.getValue(), by, setting);
        if (f != null) {
          out.add(f);
        }
      }
    }
    return out;
  }

  /** Family, p and EP always; the other key columns where they vary. */
  private static List<String> labelledKeys(Set<List<Object>> keys) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < KEYS.size(); k++) {
      final int index = k;
      long distinct = keys.stream().map(key -> String.valueOf(key.get(index))).distinct()
          .count();
      if (k <= 3 && !KEYS.get(k).equals("noise") || distinct > 1) {
        out.add(KEYS.get(k));
      }
    }
    return out;
  }

  private static Finding ratio(List<Row> maps, String by, String setting) {
    String column = by + "_error_near_zero";
    double lo = maps.stream().mapToDouble(m -> m.<Double>getAs("interpolation")).min()
        .orElse(0);
    double hi = maps.stream().mapToDouble(m -> m.<Double>getAs("interpolation")).max()
        .orElse(0);
    if (lo == hi) {
      return null;
    }
    Map<Long, Double> relu = new TreeMap<>();
    Map<Long, Double> smooth = new TreeMap<>();
    for (Row m : maps) {
      double i = m.<Double>getAs("interpolation");
      Object v = m.getAs(column);
      if (v == null) {
        continue;
      }
      if (i == lo) {
        relu.put(m.<Long>getAs("seed"), (Double) v);
      } else if (i == hi) {
        smooth.put(m.<Long>getAs("seed"), (Double) v);
      }
    }
    List<Double> logs = new ArrayList<>();
    for (Map.Entry<Long, Double> e : relu.entrySet()) {
      Double s = smooth.get(e.getKey());
      if (s != null && s > 0 && e.getValue() > 0) {
        logs.add(Math.log(e.getValue() / s));
      }
    }
    if (logs.isEmpty()) {
      return null;
    }
    Estimate e = Intervals.mean(logs.stream().mapToDouble(Double::doubleValue).toArray(), 0.95)
        .map(Math::exp);
    String note = String.format(Locale.ROOT, "i=%s over i=%s, geometric mean over noise seeds",
        Labels.value(lo), Labels.value(hi));
    return new Finding("F1", Finding.MEAN_VIEW, setting, "error ratio near zero, by "
        + (by.equals("max") ? "maximum" : "mean"), "times", e, Finding.above(e, 1), note);
  }
}
