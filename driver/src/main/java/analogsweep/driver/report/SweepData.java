package analogsweep.driver.report;

import analogsweep.driver.store.OutputFolder;
import analogsweep.driver.store.ResultReader;
import analogsweep.grid.GridField;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The runs of a training sweep as the report needs them, read once through
 * {@link ResultReader} (one row per task id, the first wave's if a folder was assembled from
 * copies): every grid column as a plain Java value (lists as {@code List<Integer>}), the status,
 * the accuracy in percent, GSD and the chance level. Also knows which setting columns vary and
 * groups runs by the values of chosen columns.
 */
final class SweepData {
  /** Grid columns that can define a setting; seed is what settings average over. */
  static final List<String> SETTING_COLUMNS = GridField.columns().stream()
      .filter(c -> !c.equals("seed")).toList();

  /** One stored task. {@code accuracy} is the maximum test accuracy in percent, or null. */
  record Run(String taskId, Map<String, Object> values, long seed, String status,
      Double accuracy, double gsd, int classes, Double accuracySpread) {

    Object get(String column) {
      return values.get(column);
    }

    double number(String column) {
      Object v = values.get(column);
      return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    /**
     * Whether the chain drew noise: on activations (a precision and EP > 0), or on weights with
     * their own precision or EP (null: the activations'), where the chain acts on them.
     */
    boolean noisy() {
      Object p = get("precision");
      double ep = number("error_probability");
      if (p != null && ep > 0) {
        return true;
      }
      Object wp = get("weight_precision") != null ? get("weight_precision") : p;
      double wep = get("weight_error_probability") != null
          ? number("weight_error_probability") : ep;
      return !Boolean.FALSE.equals(get("analog_weights")) && wp != null && wep > 0;
    }

    /** Chance accuracy in percent, 100 / classes. */
    double chance() {
      return 100.0 / classes;
    }

    /** Whether the run has an accuracy that averages may use (FAILED runs never do). */
    boolean usable() {
      return accuracy != null && !"FAILED".equals(status);
    }
  }

  final String sweep;
  final List<Run> runs;
  final List<String> varying;
  /** {@link #gains} by keys: the gain table, the findings' figures and the curves ask alike. */
  private final Map<List<String>, List<Gain>> gains = new HashMap<>();

  private SweepData(String sweep, List<Run> runs) {
    this.sweep = sweep;
    this.runs = List.copyOf(runs);
    List<String> vary = new ArrayList<>();
    for (String c : SETTING_COLUMNS) {
      Object first = runs.isEmpty() ? null : runs.get(0).get(c);
      for (Run r : runs) {
        if (!Objects.equals(first, r.get(c))) {
          vary.add(c);
          break;
        }
      }
    }
    this.varying = Collections.unmodifiableList(withoutFollowers(vary, runs));
  }

  /**
   * The varying columns less the recipe's choices (fields of schema version 3) that follow
   * another varying column, value for value: under the authors' recipe the derivative at zero
   * follows the family (a for relu-gelu, 1 for relu-silu), which is no axis of its own.
   */
  private static List<String> withoutFollowers(List<String> vary, List<Run> runs) {
    List<String> out = new ArrayList<>(vary);
    for (String c : vary) {
      GridField f = GridField.byColumn(c);
      if (f == null || f.since() < 3) {
        continue;
      }
      for (String leader : vary) {
        GridField l = GridField.byColumn(leader);
        if (l != null && l.since() < 3 && follows(c, leader, runs)) {
          out.remove(c);
          break;
        }
      }
    }
    return out;
  }

  /** Whether each value of {@code leader} comes with one value of {@code column}. */
  private static boolean follows(String column, String leader, List<Run> runs) {
    Map<Object, Object> seen = new HashMap<>();
    for (Run r : runs) {
      Object v = r.get(column);
      Object before = seen.putIfAbsent(r.get(leader), v);
      if (before != null && !before.equals(v)) {
        return false;
      }
    }
    return true;
  }

  static SweepData of(String sweep, List<Run> runs) {
    return new SweepData(sweep, runs);
  }

  /** Which folder a row came from (0: the report's own; {@code report --with} adds others). */
  static final String SOURCE = "source_folder";

  /** Reads a folder's runs; also registers them as the temporary view {@code runs}. */
  static SweepData read(SparkSession spark, OutputFolder folder) throws IOException {
    return read(spark, List.of(folder));
  }

  /**
   * Reads the runs of several folders as one sweep named after the first; a task id stored in
   * more than one keeps the first folder's row (and that one's first wave's).
   */
  static SweepData read(SparkSession spark, List<OutputFolder> folders) throws IOException {
    Dataset<Row> raw = null;
    for (int k = 0; k < folders.size(); k++) {
      Dataset<Row> r = ResultReader.runs(spark, folders.get(k))
          .withColumn(SOURCE, functions.lit(k));
      raw = raw == null ? r : raw.unionByName(r);
    }
    raw.createOrReplaceTempView("runs_raw");
    Dataset<Row> runs = spark.sql("SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY "
        + "task_id ORDER BY " + SOURCE + ", wave) AS rn FROM runs_raw) WHERE rn = 1").drop("rn");
    runs.createOrReplaceTempView("runs");
    List<Run> out = new ArrayList<>();
    String sweep = null;
    for (Row r : firstOfEachTask(raw)) {
      sweep = sweep == null ? r.getAs("sweep") : sweep;
      Map<String, Object> values = new LinkedHashMap<>();
      for (String c : SETTING_COLUMNS) {
        values.put(c, plain(r.get(r.fieldIndex(c))));
      }
      Object acc = r.getAs("max_test_accuracy");
      Object gsd = r.getAs("gsd");
      Object spread = r.getAs("max_test_accuracy_sd");
      out.add(new Run(r.getAs("task_id"), values, r.<Long>getAs("seed"), r.getAs("status"),
          acc == null ? null : 100 * (Double) acc, gsd == null ? Double.NaN : (Double) gsd,
          r.<Integer>getAs("classes"), spread == null ? null : 100 * (Double) spread));
    }
    return new SweepData(sweep, out);
  }

  /**
   * The rows the {@code runs} view keeps (of each task id, the row of the lowest source and
   * wave), with the columns a {@link Run} holds, in source and task id order. Chosen here from
   * the raw rows rather than collected from the view: at 10^5 rows its window, and an orderBy,
   * were Spark jobs with a shuffle each. Ids are hex digits, so String order is Spark's.
   */
  private static List<Row> firstOfEachTask(Dataset<Row> raw) {
    List<String> columns = new ArrayList<>(List.of(SOURCE, "task_id", "wave", "sweep", "seed",
        "status", "max_test_accuracy", "gsd", "max_test_accuracy_sd", "classes"));
    columns.addAll(SETTING_COLUMNS);
    List<Row> rows = new ArrayList<>(raw.selectExpr(columns.toArray(String[]::new))
        .collectAsList());
    rows.sort(Comparator.comparingInt((Row r) -> r.getInt(0))
        .thenComparing(r -> r.getString(1)).thenComparingInt(r -> r.getInt(2)));
    Set<String> seen = new HashSet<>();
    List<Row> first = new ArrayList<>();
    for (Row r : rows) {
      if (seen.add(r.getString(1))) {
        first.add(r);
      }
    }
    return first;
  }

  /** Spark values as plain Java: Scala sequences become lists. */
  static Object plain(Object v) {
    if (v instanceof scala.collection.Iterable<?> seq) {
      List<Object> list = new ArrayList<>();
      scala.collection.Iterator<?> it = seq.iterator();
      while (it.hasNext()) {
        list.add(it.next());
      }
      return List.copyOf(list);
    }
    return v;
  }

  List<Run> usable() {
    return runs.stream().filter(Run::usable).toList();
  }

  /** {@link Gain#all} of the usable runs by {@code keys}, made once per keys. */
  List<Gain> gains(List<String> keys) {
    return gains.computeIfAbsent(List.copyOf(keys), k -> Gain.all(usable(), k));
  }

  /** Runs grouped by their values of {@code columns}, groups sorted by those values. */
  static Map<List<Object>, List<Run>> groupBy(List<Run> runs, List<String> columns) {
    Map<List<Object>, List<Run>> groups = new TreeMap<>(SweepData::compareKeys);
    for (Run r : runs) {
      List<Object> key = new ArrayList<>();
      for (String c : columns) {
        key.add(r.get(c));
      }
      groups.computeIfAbsent(Collections.unmodifiableList(key), k -> new ArrayList<>()).add(r);
    }
    return groups;
  }

  /** The varying columns without {@code excluded}, in catalogue order. */
  List<String> varyingExcept(String... excluded) {
    List<String> keys = new ArrayList<>(varying);
    keys.removeAll(List.of(excluded));
    return keys;
  }

  /** Distinct values of a column over runs, sorted (numbers by value, nulls first). */
  static List<Object> distinct(List<Run> runs, String column) {
    List<Object> out = new ArrayList<>(new LinkedHashSet<>(runs.stream()
        .map(r -> r.get(column)).toList()));
    out.sort(SweepData::compare);
    return out;
  }

  /** Orders keys value by value ({@link #compare}). */
  static int compareKeys(List<Object> a, List<Object> b) {
    for (int k = 0; k < Math.min(a.size(), b.size()); k++) {
      int c = compare(a.get(k), b.get(k));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b) {
    if (Objects.equals(a, b)) {
      return 0;
    }
    if (a == null || b == null) {
      return a == null ? -1 : 1;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
      return ca.compareTo(b);
    }
    return String.valueOf(a).compareTo(String.valueOf(b));
  }

  static List<Run> filter(List<Run> runs, Predicate<Run> p) {
    return runs.stream().filter(p).toList();
  }
}
