package analogsweep.driver.report;

import analogsweep.driver.report.SweepData.Run;
import analogsweep.driver.report.TrainingFindings.Gain;
import analogsweep.driver.store.Manifest;
import analogsweep.driver.store.OutputFolder;
import analogsweep.driver.store.ResultReader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The report of a training sweep: completeness, the findings (F2 to F4 with intervals and
 * verdicts, {@code findings.csv}) at the top, the figures (PNG and SVG), the table of every
 * setting in percent, training curves, failures, and the interactive {@code report.html}.
 */
final class TrainingReport {
  private final SparkSession spark;
  private final OutputFolder folder;
  private final Manifest manifest;
  /** Other sweeps' folders whose results join this report ({@code report --with}). */
  private final List<OutputFolder> others;
  private final List<Manifest> otherManifests;
  private final StringBuilder md = new StringBuilder();

  TrainingReport(SparkSession spark, OutputFolder folder, Manifest manifest) {
    this(spark, folder, manifest, List.of(), List.of());
  }

  TrainingReport(SparkSession spark, OutputFolder folder, Manifest manifest,
      List<OutputFolder> others, List<Manifest> otherManifests) {
    this.spark = spark;
    this.folder = folder;
    this.manifest = manifest;
    this.others = List.copyOf(others);
    this.otherManifests = new ArrayList<>(otherManifests);
  }

  String write() throws IOException {
    List<OutputFolder> folders = new ArrayList<>(List.of(folder));
    folders.addAll(others);
    SweepData data = SweepData.read(spark, folders);
    Dataset<Row> epochs = null;
    for (int k = 0; k < folders.size(); k++) {
      Dataset<Row> e = ResultReader.epochs(spark, folders.get(k))
          .withColumn(SweepData.SOURCE, functions.lit(k));
      epochs = epochs == null ? e : epochs.unionByName(e);
    }
    epochs.createOrReplaceTempView("epochs_raw");
    spark.sql("SELECT e.* FROM epochs_raw e JOIN runs r ON e.task_id = r.task_id AND "
        + "e.wave = r.wave AND e." + SweepData.SOURCE + " = r." + SweepData.SOURCE)
        .createOrReplaceTempView("epochs");
    folder.fs().mkdirs(folder.report());

    md.append("# analogsweep report: ").append(data.sweep).append("\n\n");
    if (!others.isEmpty()) {
      md.append("With the results of ").append(others.size() == 1 ? "another sweep" : others
          .size() + " other sweeps").append(" joined to this one's (`--with`): ");
      for (int k = 0; k < others.size(); k++) {
        Manifest m = otherManifests.get(k);
        md.append(k == 0 ? "" : ", ").append('`').append(others.get(k).root()).append('`')
            .append(m == null || m.sweep() == null ? "" : " (" + m.sweep() + ")");
      }
      md.append(". Every number below covers all of them.\n\n");
    }
    String completeness = completeness();
    md.append("Settings that vary: ").append(data.varying.isEmpty() ? "none"
        : String.join(", ", data.varying)).append(" (and seed). Interactive version: "
        + "[report.html](report.html).\n\n");

    List<Finding> findings = TrainingFindings.of(data);
    Table findingsTable = Finding.table(findings);
    Reports.writeText(folder, "findings.csv", findingsTable.csv());
    Table summary = summary(data);
    Reports.writeText(folder, "accuracy_by_setting.csv", summary.csv());
    Table gains = gains(data);
    Reports.writeText(folder, "gain.csv", gains.csv());

    List<TrainingFigures.Named> figures = List.of();
    if (data.usable().isEmpty()) {
      md.append("**No task has an accuracy yet** (every stored task FAILED, or diverged in its "
          + "first epoch): nothing to decide; see the failures below.\n\n");
    } else {
      findingsSection(findings, findingsTable);
      figures = TrainingFigures.of(data);
      md.append("## Figures\n\n");
      for (TrainingFigures.Named f : figures) {
        f.figure().write(folder, f.name());
        md.append("![").append(f.name()).append("](").append(f.name()).append(".png)\n\n")
            .append(f.caption()).append(" ([SVG](").append(f.name()).append(".svg))\n\n");
      }
      trainingCurves(data);
    }
    md.append("## All settings\n\nMaximum test accuracy in percent per setting over seeds: "
        + "mean, sample standard deviation, 95% interval, range; n counts seeds with a result, "
        + "runs every stored task; eval_sd_pct is the mean spread over evaluation repeats where "
        + "eval_repeats > 1 ([accuracy_by_setting.csv](accuracy_by_setting.csv); gains per "
        + "setting in [gain.csv](gain.csv)).\n\n");
    md.append(summary.rows().size() <= 200 ? summary.markdown()
        : "(" + summary.rows().size() + " settings: see the CSV)\n");
    md.append('\n');
    problems(data);
    md.append("\n---\nWritten ").append(Instant.now()).append(" by `analogsweep report ")
        .append(folder.root());
    for (OutputFolder o : others) {
      md.append(" --with ").append(o.root());
    }
    md.append("`.\n");
    Reports.writeText(folder, "report.md", md.toString());
    List<String> figureNames = new ArrayList<>(figures.stream()
        .map(TrainingFigures.Named::name).toList());
    if (folder.fs().exists(new Path(folder.report(), "training_curves.png"))) {
      figureNames.add("training_curves");
    }
    Double chance = data.runs.isEmpty() ? null : data.runs.get(0).chance();
    HtmlReport.write(folder, new HtmlReport.Data(data.sweep + " (training)", completeness,
        chance, findingsTable, new HtmlReport.Keyed(summary, data.varying),
        new HtmlReport.Keyed(gains, data.varyingExcept("interpolation")),
        new HtmlReport.Keyed(runsTable(data), data.varying), figureNames));
    return new Path(folder.report(), "report.md").toString();
  }

  private String completeness() {
    Row r = spark.sql("SELECT count(*), sum(CASE WHEN status = 'OK' THEN 1 ELSE 0 END), "
        + "sum(CASE WHEN status = 'DIVERGED' THEN 1 ELSE 0 END), "
        + "sum(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END) FROM runs").collectAsList().get(0);
    long stored = r.getLong(0);
    int planned = planned(manifest);
    for (Manifest m : otherManifests) {
      planned = planned < 0 || planned(m) < 0 ? -1 : planned + planned(m);
    }
    StringBuilder s = new StringBuilder("**Completeness:** ").append(stored)
        .append(" task results stored");
    if (planned > 0) {
      s.append(" of ").append(planned).append(" planned (")
          .append(String.format(Locale.ROOT, "%.1f%%", 100.0 * stored / planned)).append(')');
      if (stored < planned) {
        s.append(" — **partial**: the sweep is still running or was interrupted; every number "
            + "below covers the stored results only");
      }
    }
    s.append(". Status: ").append(r.getLong(1)).append(" OK, ").append(r.getLong(2))
        .append(" DIVERGED, ").append(r.getLong(3)).append(" FAILED.");
    md.append(s).append("\n\n");
    try {
      Reports.writeText(folder, "completeness.csv", "stored,planned,ok,diverged,failed\n"
          + stored + "," + (planned > 0 ? planned : "") + "," + r.getLong(1) + ","
          + r.getLong(2) + "," + r.getLong(3) + "\n");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return s.toString().replace("**", "");
  }

  private static int planned(Manifest m) {
    return m == null || m.plannedTasks() == null ? -1 : m.plannedTasks();
  }

  private void findingsSection(List<Finding> findings, Table table) {
    md.append("## Findings\n\n");
    Map<String, List<Finding>> byClaim = new LinkedHashMap<>();
    for (Finding f : findings) {
      byClaim.computeIfAbsent(f.finding(), k -> new ArrayList<>()).add(f);
    }
    Map<String, String> claims = Map.of(
        "F2", "under noise, accuracy rises with i; without noise the ends are close",
        "F3", "the gain grows with depth (more noisy layers)",
        "F4", "the ViT gains less than the ConvNet (only its input is noisy)");
    if (byClaim.isEmpty()) {
      md.append("No finding can be computed: the sweep does not vary the interpolation factor "
          + "(F2-F4 compare its ends).\n\n");
    }
    for (Map.Entry<String, List<Finding>> c : byClaim.entrySet()) {
      md.append("- **").append(c.getKey()).append("** (").append(claims.get(c.getKey()))
          .append("): ");
      List<String> parts = new ArrayList<>();
      for (Finding f : c.getValue()) {
        if (f.setting().startsWith("summary over")) {
          parts.add(f.statistic().replace(" (mean over settings)", "") + ", " + f.view() + ": **"
              + f.verdict() + "** (" + f.note() + ")");
        }
      }
      if (parts.isEmpty()) {
        for (Finding f : c.getValue()) {
          parts.add(f.statistic() + " at " + f.setting() + ", " + f.view() + ": **" + f.verdict()
              + "** (" + Reports.estimate(f) + ")");
        }
      }
      md.append(String.join("; ", parts)).append(".\n");
    }
    md.append("\nOne row per claim and setting in [findings.csv](findings.csv): the estimate "
        + "with its 95% interval (")
        .append("a percentile bootstrap of ").append(Intervals.RESAMPLES)
        .append(" resamples, seed ").append(Intervals.SEED).append(", from ")
        .append(Intervals.MIN_BOOTSTRAP_N).append(" seeds on; Student's t below that, since the "
            + "bootstrap cannot reach beyond the observed values and with 2 seeds would give "
            + "their range; no interval from one seed). Gains pair the lowest and the highest "
            + "i by seed. Verdicts: holds (interval on the claim's side of 0), not shown "
            + "(interval spans 0, or none), contradicted (interval on the other side), at "
            + "chance (both ends within ")
        .append(Labels.value(TrainingFindings.CHANCE_BAND_POINTS)).append(" points of chance = "
            + "100/classes, classes from the dataset; left out of slopes and summaries). "
            + "Without noise, ends count as equivalent when the 90% interval of the gain lies "
            + "within ±").append(Labels.value(TrainingFindings.EQUIVALENCE_MARGIN_POINTS))
        .append(" point (two one-sided tests at 5%). The envelope view is the authors': per "
            + "seed, the maximum over the swept axes other than model, depth, family, i and "
            + "EP. Units: accuracy in percent, gains in percentage points.\n\n");
    md.append(table.rows().size() <= 80 ? table.markdown()
        : "(" + table.rows().size() + " rows: see findings.csv or report.html)\n");
    md.append('\n');
  }

  private static Table summary(SweepData data) {
    List<String> columns = new ArrayList<>(data.varying);
    columns.addAll(List.of("runs", "n", "mean_accuracy_pct", "sd_pct", "ci_low_pct",
        "ci_high_pct", "min_pct", "max_pct", "eval_sd_pct", "gsd"));
    List<List<Object>> rows = new ArrayList<>();
    List<Run> sorted = new ArrayList<>(data.runs);
    sorted.sort((a, b) -> {
      for (String c : data.varying) {
        int k = SweepData.compare(a.get(c), b.get(c));
        if (k != 0) {
          return k;
        }
      }
      return 0;
    });
    for (Map.Entry<List<Object>, List<Run>> g : SweepData.groupBy(sorted, data.varying)
        .entrySet()) {
      List<Run> usable = g.getValue().stream().filter(Run::usable).toList();
      double[] acc = usable.stream().mapToDouble(Run::accuracy).toArray();
      Estimate e = Intervals.mean(acc, TrainingFindings.LEVEL);
      List<Object> row = new ArrayList<>(g.getKey());
      row.add(g.getValue().size());
      row.add(acc.length);
      row.add(acc.length == 0 ? null : e.value());
      row.add(acc.length < 2 ? null
          : Math.sqrt(org.apache.commons.math3.stat.StatUtils.variance(acc)));
      row.add(e.hasInterval() ? e.low() : null);
      row.add(e.hasInterval() ? e.high() : null);
      row.add(acc.length == 0 ? null : org.apache.commons.math3.stat.StatUtils.min(acc));
      row.add(acc.length == 0 ? null : org.apache.commons.math3.stat.StatUtils.max(acc));
      double[] spreads = usable.stream().filter(r -> r.accuracySpread() != null)
          .mapToDouble(Run::accuracySpread).toArray();
      row.add(spreads.length == 0 ? null : org.apache.commons.math3.stat.StatUtils.mean(spreads));
      row.add(g.getValue().get(0).gsd());
      rows.add(row);
    }
    return new Table(columns, rows);
  }

  private static Table gains(SweepData data) {
    List<String> keys = data.varyingExcept("interpolation");
    List<String> columns = new ArrayList<>(keys);
    columns.addAll(List.of("relu_end_i", "smooth_end_i", "relu_end_pct", "smooth_end_pct",
        "gain_pts", "ci_low_pts", "ci_high_pts", "n", "at_chance"));
    List<List<Object>> rows = new ArrayList<>();
    if (data.varying.contains("interpolation")) {
      for (Gain g : TrainingFindings.gains(data.usable(), keys)) {
        Estimate e = Intervals.mean(g.gains(), TrainingFindings.LEVEL);
        List<Object> row = new ArrayList<>(g.key());
        row.addAll(List.of(g.lowI(), g.highI(), g.lowEnd(), g.highEnd(), e.value()));
        row.add(e.hasInterval() ? e.low() : null);
        row.add(e.hasInterval() ? e.high() : null);
        row.add(e.n());
        row.add(g.atChance());
        rows.add(row);
      }
    }
    return new Table(columns, rows);
  }

  /** Every run with its swept values, seed, status and accuracy, for the parallel view. */
  private static Table runsTable(SweepData data) {
    List<String> columns = new ArrayList<>(data.varying);
    columns.addAll(List.of("seed", "status", "accuracy_pct"));
    List<List<Object>> rows = new ArrayList<>();
    for (Run r : data.runs) {
      List<Object> row = new ArrayList<>();
      for (String c : data.varying) {
        row.add(r.get(c));
      }
      row.add(r.seed());
      row.add(r.status());
      row.add(r.accuracy());
      rows.add(row);
    }
    return new Table(columns, rows);
  }

  private void trainingCurves(SweepData data) throws IOException {
    if (!data.varying.contains("interpolation")) {
      return;
    }
    List<String> keys = data.varyingExcept("interpolation");
    Gain best = null;
    for (Gain g : TrainingFindings.gains(data.usable(), keys)) {
      if (best == null || Intervals.mean(g.gains(), 0.95).value()
          > Intervals.mean(best.gains(), 0.95).value()) {
        best = g;
      }
    }
    if (best == null) {
      return;
    }
    List<String> ids = new ArrayList<>();
    long seed = Long.MAX_VALUE;
    List<Run> candidates = new ArrayList<>();
    for (Run r : data.usable()) {
      boolean match = true;
      for (int k = 0; k < keys.size(); k++) {
        match &= java.util.Objects.equals(r.get(keys.get(k)), best.key().get(k));
      }
      double i = r.number("interpolation");
      if (match && (i == best.lowI() || i == best.highI())) {
        candidates.add(r);
        seed = Math.min(seed, r.seed());
      }
    }
    Map<String, String> names = new LinkedHashMap<>();
    for (Run r : candidates) {
      if (r.seed() == seed) {
        ids.add("'" + r.taskId() + "'");
        names.put(r.taskId(), "i=" + Labels.value(r.number("interpolation")));
      }
    }
    List<Row> rows = spark.sql("SELECT task_id, epoch, test_accuracy FROM epochs WHERE task_id "
        + "IN (" + String.join(",", ids) + ") AND test_accuracy IS NOT NULL ORDER BY task_id, "
        + "epoch").collectAsList();
    List<TrainingFigures.Point> points = new ArrayList<>();
    for (Row r : rows) {
      points.add(new TrainingFigures.Point("seed " + seed, names.get(r.getString(0)),
          r.getInt(1), new double[] {100 * r.getDouble(2)}, false, candidates.get(0).chance()));
    }
    if (points.isEmpty()) {
      return;
    }
    String setting = Labels.setting(keys, best.key());
    Figure figure = TrainingFigures.curves("test accuracy per epoch at both ends of i, "
        + setting + " (largest mean gain), first seed", points);
    figure.write(folder, "training_curves");
    md.append("## Training curves\n\nTest accuracy (percent) per epoch at both ends of i, "
        + "first seed, in the setting with the largest mean gain (").append(setting)
        .append(").\n\n![training curves](training_curves.png) ([SVG](training_curves.svg))"
            + "\n\n");
  }

  private void problems(SweepData data) throws IOException {
    List<String> columns = new ArrayList<>(List.of("task_id", "status", "stop_reason",
        "epochs", "message"));
    columns.addAll(data.varying);
    columns.add("seed");
    List<Row> rows = spark.sql("SELECT " + String.join(", ", columns) + " FROM runs WHERE "
        + "status IN ('FAILED', 'DIVERGED') ORDER BY status, task_id").collectAsList();
    Table t = Table.of(rows, columns.toArray(String[]::new));
    Reports.writeText(folder, "problems.csv", t.csv());
    md.append("## Failed and diverged tasks\n\n");
    md.append(rows.isEmpty() ? "None.\n" : t.markdown());
  }
}
