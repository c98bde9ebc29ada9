package analogsweep.driver.report;

import analogsweep.grid.GridField;
import analogsweep.grid.InvalidValueException;
import analogsweep.driver.store.Manifest;
import analogsweep.driver.store.OutputFolder;
import analogsweep.driver.store.ResultReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;

/**
 * The report of a training sweep, from its Parquet alone, with Spark SQL: mean and spread over
 * seeds of the maximum test accuracy per setting, accuracy against the interpolation factor and
 * against GSD, the gain from the ReLU end to the smooth end over (precision, EP), the depth trend,
 * training curves, and the failed and diverged tasks. Writes {@code DIR/report/report.md}, CSV
 * tables and PNG plots; works on a sweep that is still running and says how complete it is.
 */
public final class Reports {
  /** Grid columns that can define a setting; seed is what settings average over. */
  static final List<String> SETTING_COLUMNS = GridField.columns().stream()
      .filter(c -> !c.equals("seed")).collect(Collectors.toList());

  private Reports() {}

  /** Writes the report and returns the path of report.md. */
  public static String write(SparkSession spark, String dir) throws IOException {
    OutputFolder folder = new OutputFolder(dir, spark.sparkContext().hadoopConfiguration());
    if (!folder.exists()) {
      throw new InvalidValueException("DIR", dir + ": no such folder");
    }
    Manifest manifest = folder.manifest();
    if (manifest != null && "gradient-error".equals(manifest.kind())) {
      return GradientErrorReport.write(spark, folder, manifest);
    }
    if (folder.waves("runs").isEmpty()) {
      throw new InvalidValueException("DIR", dir + " holds no results yet (no runs/wave=N)");
    }
    return new Reports.Builder(spark, folder, manifest).build();
  }

  static void writeText(OutputFolder folder, String name, String text) throws IOException {
    folder.writeReportFile(name, text.getBytes(StandardCharsets.UTF_8));
  }

  static void writePng(OutputFolder folder, String name, BufferedImage image) throws IOException {
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    ImageIO.write(image, "png", png);
    folder.writeReportFile(name, png.toByteArray());
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /** Label of a precision: "p=16 (4 bits)"; bits are log2(p), the paper's figure convention. */
  static String precisionLabel(Object p) {
    if (p == null) {
      return "p=none";
    }
    int v = ((Number) p).intValue();
    double bits = Math.log(v) / Math.log(2);
    String b = Math.rint(bits) == bits ? String.valueOf((int) bits)
        : String.format(Locale.ROOT, "%.1f", bits);
    return "p=" + v + " (" + b + " bits)";
  }

  static String label(String column, Object value) {
    if (column.equals("precision")) {
      return precisionLabel(value);
    }
    if (column.equals("error_probability")) {
      return "EP=" + value;
    }
    return column + "=" + (value == null ? "none" : Table.text(value));
  }

  private static final class Builder {
    private final SparkSession spark;
    private final OutputFolder folder;
    private final Manifest manifest;
    private final StringBuilder md = new StringBuilder();
    private List<String> varying;
    /** The precision (and EP, if fixed) of the sweep when they do not vary, for titles. */
    private String fixedChain = "";

    Builder(SparkSession spark, OutputFolder folder, Manifest manifest) {
      this.spark = spark;
      this.folder = folder;
      this.manifest = manifest;
    }

    private List<Row> sql(String query) {
      return spark.sql(query).collectAsList();
    }

    String build() throws IOException {
      ResultReader.runs(spark, folder).createOrReplaceTempView("runs_raw");
      // One row per task id even if a folder was assembled by hand from copies.
      spark.sql("SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY task_id ORDER BY wave)"
          + " AS rn FROM runs_raw) WHERE rn = 1").drop("rn").createOrReplaceTempView("runs");
      ResultReader.epochs(spark, folder).createOrReplaceTempView("epochs_raw");
      spark.sql("SELECT e.* FROM epochs_raw e JOIN runs r ON e.task_id = r.task_id AND "
          + "e.wave = r.wave").createOrReplaceTempView("epochs");
      folder.fs().mkdirs(folder.report());

      String name = sql("SELECT first(sweep) FROM runs").get(0).getString(0);
      md.append("# analogsweep report: ").append(name).append("\n\n");
      completeness();
      varying = varyingColumns();
      Row chain = sql("SELECT first(precision), first(error_probability) FROM runs").get(0);
      fixedChain = precisionLabel(chain.get(0)) + (varying.contains("error_probability") ? ""
          : ", EP=" + chain.get(1));
      md.append("Metric: the maximum test accuracy over epochs (the paper's), as mean ± sample "
          + "standard deviation over seeds; n counts seeds with a result. Precision p is the "
          + "number of levels per unit (step 1/p); bits are shown as log2(p), the convention of "
          + "the paper's figures (its equation (6) would say p = 2^b - 1). EP is the error "
          + "probability of one analog boundary (EP 0: no noise). FAILED tasks are left out of "
          + "every mean.\n\n");
      md.append("Settings that vary in this sweep: ").append(varying.isEmpty() ? "none"
          : String.join(", ", varying)).append(" (and seed).\n\n");

      String keys = String.join(", ", varying);
      String groupBy = varying.isEmpty() ? "" : " GROUP BY " + keys + " ORDER BY " + keys;
      spark.sql("SELECT " + (keys.isEmpty() ? "" : keys + ", ") + "count(*) AS runs, "
          + "count(max_test_accuracy) AS n, avg(max_test_accuracy) AS mean_accuracy, "
          + "stddev_samp(max_test_accuracy) AS sd_accuracy, min(max_test_accuracy) AS "
          + "min_accuracy, max(max_test_accuracy) AS max_accuracy, avg(gsd) AS gsd "
          + "FROM runs WHERE status <> 'FAILED'" + groupBy)
          .createOrReplaceTempView("summary");
      List<String> summaryColumns = new ArrayList<>(varying);
      summaryColumns.addAll(List.of("runs", "n", "mean_accuracy", "sd_accuracy", "min_accuracy",
          "max_accuracy", "gsd"));
      Table summary = Table.of(sql("SELECT * FROM summary"), summaryColumns.toArray(String[]::new));
      writeText(folder, "accuracy_by_setting.csv", summary.csv());

      if (sql("SELECT count(*) FROM runs WHERE max_test_accuracy IS NOT NULL AND status <> "
          + "'FAILED'").get(0).getLong(0) == 0) {
        md.append("**No task has an accuracy yet** (every stored task FAILED, or diverged in its "
            + "first epoch): nothing to compare; see the failures below.\n\n");
      } else {
        gain();
        curvesByInterpolation();
        curvesByGsd();
        depthTrend();
        trainingCurves();
      }
      md.append("## All settings\n\nMean over seeds for every setting "
          + "([accuracy_by_setting.csv](accuracy_by_setting.csv)):\n\n");
      md.append(summary.rows().size() <= 200 ? summary.markdown()
          : "(" + summary.rows().size() + " settings: see the CSV)\n");
      md.append('\n');
      problems();
      md.append("\n---\nWritten ").append(Instant.now()).append(" by `analogsweep report ")
          .append(folder.root()).append("`.\n");
      writeText(folder, "report.md", md.toString());
      return new Path(folder.report(), "report.md").toString();
    }

    private void completeness() {
      Row r = sql("SELECT count(*), sum(CASE WHEN status = 'OK' THEN 1 ELSE 0 END), "
          + "sum(CASE WHEN status = 'DIVERGED' THEN 1 ELSE 0 END), "
          + "sum(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END), count(DISTINCT wave) "
          + "FROM runs").get(0);
      long stored = r.getLong(0);
      int planned = manifest == null || manifest.plannedTasks() == null ? -1
          : manifest.plannedTasks();
      md.append("**Completeness:** ").append(stored).append(" task results stored");
      if (planned > 0) {
        md.append(" of ").append(planned).append(" planned (")
            .append(String.format(Locale.ROOT, "%.1f%%", 100.0 * stored / planned)).append(')');
        if (stored < planned) {
          md.append(" — **partial**: the sweep is still running or was interrupted; every "
              + "number below covers the stored results only");
        }
      }
      md.append(". Status: ").append(r.getLong(1)).append(" OK, ").append(r.getLong(2))
          .append(" DIVERGED, ").append(r.getLong(3)).append(" FAILED.\n\n");
      writeText0("completeness.csv", "stored,planned,ok,diverged,failed\n" + stored + ","
          + (planned > 0 ? planned : "") + "," + r.getLong(1) + "," + r.getLong(2) + ","
          + r.getLong(3) + "\n");
    }

    private void writeText0(String name, String text) {
      try {
        writeText(folder, name, text);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    private List<String> varyingColumns() {
      String q = SETTING_COLUMNS.stream().map(c -> "count(DISTINCT coalesce(cast(" + c
          + " AS string), 'none')) AS " + c).collect(Collectors.joining(", "));
      Row r = sql("SELECT " + q + " FROM runs").get(0);
      List<String> out = new ArrayList<>();
      for (String c : SETTING_COLUMNS) {
        if (r.getLong(r.fieldIndex(c)) > 1) {
          out.add(c);
        }
      }
      return out;
    }

    /** Setting columns other than the ones a chart uses for its axes and lines. */
    private List<String> panelKeys(String... excluded) {
      List<String> keys = new ArrayList<>(varying);
      keys.removeAll(List.of(excluded));
      // The data path only matters when it varies; the derived depths follow hidden_sizes.
      return keys;
    }

    private String panelTitle(Row row, List<String> keys) {
      String title = keys.stream().map(k -> label(k, row.get(row.fieldIndex(k))))
          .collect(Collectors.joining(", "));
      // Name the chain setting even where the sweep keeps it fixed.
      if (!varying.contains("precision") && !varying.contains("error_probability")) {
        title = fixedChain + (title.isEmpty() ? "" : ", " + title);
      } else if (!varying.contains("precision")) {
        title = fixedChain + ", " + title;
      }
      return title.isEmpty() ? "all runs" : title;
    }

    /** Panels keyed by title, each with lines keyed by family, from the summary table. */
    private Map<String, Map<String, List<Row>>> panels(String x, List<String> keys) {
      String order = (keys.isEmpty() ? "" : String.join(", ", keys) + ", ")
          + (varying.contains("family") ? "family, " : "") + x;
      Map<String, Map<String, List<Row>>> panels = new LinkedHashMap<>();
      for (Row row : sql("SELECT * FROM summary WHERE mean_accuracy IS NOT NULL ORDER BY "
          + order)) {
        String family = varying.contains("family") ? row.getAs("family") : "all";
        panels.computeIfAbsent(panelTitle(row, keys), k -> new LinkedHashMap<>())
            .computeIfAbsent(family, k -> new ArrayList<>()).add(row);
      }
      return panels;
    }

    private void panelChart(String file, String x, String xTitle, List<String> keys)
        throws IOException {
      List<XYChart> charts = new ArrayList<>();
      for (Map.Entry<String, Map<String, List<Row>>> panel : panels(x, keys).entrySet()) {
        List<Charts.Line> lines = new ArrayList<>();
        for (Map.Entry<String, List<Row>> line : panel.getValue().entrySet()) {
          List<Row> rows = line.getValue();
          double[] xs = new double[rows.size()];
          double[] ys = new double[rows.size()];
          double[] err = new double[rows.size()];
          for (int k = 0; k < rows.size(); k++) {
            Row r = rows.get(k);
            xs[k] = ((Number) r.getAs(x)).doubleValue();
            ys[k] = r.getAs("mean_accuracy");
            Object sd = r.getAs("sd_accuracy");
            err[k] = sd == null ? 0 : (Double) sd;
          }
          lines.add(new Charts.Line(line.getKey(), xs, ys, err));
        }
        charts.add(Charts.lines(panel.getKey(), xTitle, "max test accuracy", lines));
      }
      writePng(folder, file, Charts.grid(charts, 3));
    }

    private void curvesByInterpolation() throws IOException {
      if (!varying.contains("interpolation")) {
        return;
      }
      panelChart("accuracy_vs_interpolation.png", "interpolation",
          "interpolation factor i (0 = ReLU end, 1 = smooth end)",
          panelKeys("family", "interpolation"));
      md.append("## Accuracy against the interpolation factor\n\nOne panel per setting, one line "
          + "per family; points are means over seeds, bars one standard deviation.\n\n"
          + "![accuracy against interpolation](accuracy_vs_interpolation.png)\n\n");
    }

    private void curvesByGsd() throws IOException {
      if (!varying.contains("interpolation") && !varying.contains("leak")
          && !varying.contains("gate_scale")) {
        return;
      }
      panelChart("accuracy_vs_gsd.png", "gsd", "gradient step discontinuity GSD = I'(0+) - "
          + "I'(0-)", panelKeys("family", "interpolation", "leak"));
      md.append("## Accuracy against the gradient step discontinuity\n\n"
          + "![accuracy against GSD](accuracy_vs_gsd.png)\n\n");
    }

    /** The gain from the lowest to the highest interpolation factor per remaining setting. */
    private void gain() throws IOException {
      if (!varying.contains("interpolation")) {
        return;
      }
      Row ends = sql("SELECT min(interpolation), max(interpolation) FROM summary").get(0);
      double i0 = ends.getDouble(0);
      double i1 = ends.getDouble(1);
      List<String> keys = panelKeys("interpolation");
      String join = keys.stream().map(k -> "a." + k + " <=> b." + k)
          .collect(Collectors.joining(" AND "));
      String select = keys.stream().map(k -> "a." + k).collect(Collectors.joining(", "));
      spark.sql("SELECT " + (select.isEmpty() ? "" : select + ", ")
          + "a.mean_accuracy AS relu_end, b.mean_accuracy AS smooth_end, "
          + "b.mean_accuracy - a.mean_accuracy AS gain, "
          + "sqrt(coalesce(a.sd_accuracy * a.sd_accuracy / a.n, 0) + "
          + "coalesce(b.sd_accuracy * b.sd_accuracy / b.n, 0)) AS gain_se, "
          + "a.n AS n_relu_end, b.n AS n_smooth_end FROM summary a JOIN summary b ON "
          + (join.isEmpty() ? "true" : join) + " WHERE a.interpolation = " + i0
          + " AND b.interpolation = " + i1 + " AND a.n > 0 AND b.n > 0"
          + (keys.isEmpty() ? "" : " ORDER BY " + select))
          .createOrReplaceTempView("gain");
      List<String> columns = new ArrayList<>(keys);
      columns.addAll(List.of("relu_end", "smooth_end", "gain", "gain_se", "n_relu_end",
          "n_smooth_end"));
      List<Row> rows = sql("SELECT * FROM gain");
      Table table = Table.of(rows, columns.toArray(String[]::new));
      writeText(folder, "gain.csv", table.csv());

      md.append("## The answer: gain from the ReLU end (i = ").append(i0)
          .append(") to the smooth end (i = ").append(i1).append(")\n\n");
      String noisy = varying.contains("error_probability") || sql("SELECT first("
          + "error_probability) FROM runs").get(0).getDouble(0) > 0 ? "error_probability > 0"
          : "false";
      Row agg = sql("SELECT count(*), sum(CASE WHEN gain > 0 THEN 1 ELSE 0 END), avg(gain), "
          + "min(gain), max(gain), sum(CASE WHEN gain > 2 * gain_se AND gain_se > 0 THEN 1 "
          + "ELSE 0 END), sum(CASE WHEN gain < -2 * gain_se AND gain_se > 0 THEN 1 ELSE 0 END) "
          + "FROM gain" + (keys.contains("error_probability") ? " WHERE " + noisy : "")).get(0);
      if (agg.getLong(0) > 0) {
        md.append(String.format(Locale.ROOT, "Under noise (EP > 0), accuracy at the smooth end "
            + "is higher than at the ReLU end in **%d of %d** settings; the mean gain is "
            + "**%+.2f points** (range %+.2f to %+.2f); %d of these gains are larger than twice "
            + "their standard error, and %d losses are.%n%n", agg.getLong(1), agg.getLong(0),
            100 * agg.getDouble(2), 100 * agg.getDouble(3), 100 * agg.getDouble(4),
            agg.getLong(5), agg.getLong(6)));
      }
      if (keys.contains("error_probability")) {
        List<Row> clean = sql("SELECT count(*), avg(gain) FROM gain WHERE error_probability = 0");
        if (clean.get(0).getLong(0) > 0) {
          md.append(String.format(Locale.ROOT, "Without noise (EP = 0) the mean gain is "
              + "%+.2f points over %d settings.%n%n", 100 * clean.get(0).getDouble(1),
              clean.get(0).getLong(0)));
        }
      }
      md.append("Gain = mean(smooth end) − mean(ReLU end); gain_se is the standard error of "
          + "that difference from the seeds' spread ([gain.csv](gain.csv)).\n\n");
      md.append(table.markdown()).append('\n');
      heatmaps(keys);
    }

    private void heatmaps(List<String> keys) throws IOException {
      List<String> outer = new ArrayList<>(keys);
      outer.removeAll(List.of("precision", "error_probability"));
      // A heatmap's axes are precision and EP; one that does not vary is a single row/column.
      String p = keys.contains("precision") ? "g.precision" : "(SELECT first(precision) FROM runs)";
      String ep = keys.contains("error_probability") ? "g.error_probability"
          : "(SELECT first(error_probability) FROM runs)";
      spark.sql("SELECT g.*, " + p + " AS hp, " + ep + " AS hep FROM gain g")
          .createOrReplaceTempView("gain_cells");
      List<String> ps = new ArrayList<>();
      List<String> eps = new ArrayList<>();
      for (Row r : sql("SELECT DISTINCT hp FROM gain_cells ORDER BY hp")) {
        ps.add(precisionLabel(r.get(0)));
      }
      for (Row r : sql("SELECT DISTINCT hep FROM gain_cells ORDER BY hep")) {
        eps.add(String.valueOf(r.get(0)));
      }
      Map<String, Map<List<Integer>, Double>> maps = new TreeMap<>();
      for (Row r : sql("SELECT * FROM gain_cells")) {
        String title = "gain in points, " + (outer.isEmpty() ? "all" : panelTitle(r, outer));
        int x = eps.indexOf(String.valueOf(r.get(r.fieldIndex("hep"))));
        int y = ps.indexOf(precisionLabel(r.get(r.fieldIndex("hp"))));
        maps.computeIfAbsent(title, k -> new LinkedHashMap<>()).put(List.of(x, y),
            100 * (Double) r.getAs("gain"));
      }
      List<HeatMapChart> charts = new ArrayList<>();
      for (Map.Entry<String, Map<List<Integer>, Double>> m : maps.entrySet()) {
        charts.add(Charts.heatmap(m.getKey(), "error probability EP", "precision", eps, ps,
            m.getValue(), "+0.0;-0.0"));
      }
      if (!charts.isEmpty()) {
        writePng(folder, "gain_heatmap.png", Charts.grid(charts, 3));
        md.append("Gain in points of accuracy over (precision, EP), blue where the smooth end "
            + "is better, red where worse:\n\n![gain heatmap over precision and EP]"
            + "(gain_heatmap.png)\n\n");
      }
    }

    private void depthTrend() throws IOException {
      String depth = varying.contains("conv_depth") ? "conv_depth"
          : varying.contains("linear_depth") ? "linear_depth"
          : varying.contains("vit_depth") ? "vit_depth" : null;
      if (depth == null || !varying.contains("interpolation")) {
        return;
      }
      List<String> keys = panelKeys("interpolation", depth, "hidden_sizes");
      Map<String, List<double[]>> series = new LinkedHashMap<>();
      for (Row r : sql("SELECT * FROM gain ORDER BY " + depth)) {
        series.computeIfAbsent(panelTitle(r, keys), k -> new ArrayList<>())
            .add(new double[] {((Number) r.getAs(depth)).doubleValue(), r.getAs("gain"),
                r.getAs("gain_se")});
      }
      List<Charts.Line> lines = new ArrayList<>();
      series.forEach((name, pts) -> lines.add(Charts.Line.of(name, pts)));
      XYChart chart = Charts.lines("gain from ReLU end to smooth end by depth",
          depth.replace('_', ' '), "gain in max test accuracy", lines);
      chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
      writePng(folder, "depth_trend.png", Charts.grid(List.of(chart), 1));
      md.append("## Depth\n\nGain against ").append(depth).append(" (bars: standard error)."
          + "\n\n![depth trend](depth_trend.png)\n\n");
    }

    private void trainingCurves() throws IOException {
      if (!varying.contains("interpolation")) {
        return;
      }
      // The setting with the largest gain, at both ends of i, first seed, each family.
      List<String> keys = panelKeys("interpolation", "family");
      List<Row> best = sql("SELECT * FROM gain ORDER BY gain DESC LIMIT 1");
      if (best.isEmpty()) {
        return;
      }
      Row b = best.get(0);
      String where = keys.stream().map(k -> "r." + k + " <=> " + literal(b.get(b.fieldIndex(k))))
          .collect(Collectors.joining(" AND "));
      List<Row> rows = sql("SELECT r.family, r.interpolation, e.epoch, e.test_accuracy FROM "
          + "epochs e JOIN runs r ON e.task_id = r.task_id WHERE r.interpolation IN ((SELECT "
          + "min(interpolation) FROM runs), (SELECT max(interpolation) FROM runs)) AND r.seed = "
          + "(SELECT min(seed) FROM runs)" + (where.isEmpty() ? "" : " AND " + where)
          + " AND e.test_accuracy IS NOT NULL ORDER BY r.family, r.interpolation, e.epoch");
      Map<String, List<double[]>> series = new LinkedHashMap<>();
      for (Row r : rows) {
        series.computeIfAbsent(r.getString(0) + ", i=" + r.getDouble(1), k -> new ArrayList<>())
            .add(new double[] {r.getInt(2), r.getDouble(3)});
      }
      if (series.isEmpty()) {
        return;
      }
      List<Charts.Line> lines = new ArrayList<>();
      series.forEach((name, pts) -> lines.add(Charts.Line.of(name, pts)));
      String title = panelTitle(b, keys);
      writePng(folder, "training_curves.png", Charts.grid(List.of(Charts.lines(title, "epoch",
          "test accuracy", lines)), 1));
      md.append("## Training curves\n\nTest accuracy per epoch at both ends of i, first seed, "
          + "in the setting with the largest gain (").append(title).append(").\n\n"
          + "![training curves](training_curves.png)\n\n");
    }

    private static String literal(Object v) {
      if (v == null) {
        return "NULL";
      }
      if (v instanceof String s) {
        return "'" + s.replace("'", "''") + "'";
      }
      if (v instanceof scala.collection.Iterable<?>) {
        return "array(" + Table.text(v) + ")";
      }
      return v.toString();
    }

    private void problems() throws IOException {
      List<String> columns = new ArrayList<>(List.of("task_id", "status", "stop_reason",
          "epochs", "message"));
      columns.addAll(varying);
      columns.add("seed");
      List<Row> rows = sql("SELECT " + String.join(", ", columns) + " FROM runs WHERE status IN "
          + "('FAILED', 'DIVERGED') ORDER BY status, task_id");
      Table t = Table.of(rows, columns.toArray(String[]::new));
      writeText(folder, "problems.csv", t.csv());
      md.append("## Failed and diverged tasks\n\n");
      md.append(rows.isEmpty() ? "None.\n" : t.markdown());
    }
  }
}
