package analogsweep.driver.report;

import analogsweep.driver.store.Manifest;
import analogsweep.driver.store.OutputFolder;
import analogsweep.driver.store.ResultReader;
import analogsweep.sweep.Sweep;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The report of a training sweep: completeness, the findings (F2 to F4 with intervals and
 * verdicts, {@code findings.csv}) at the top, the figures (PNG and SVG), the table of every
 * setting in percent, training curves, failures, and the interactive {@code report.html}.
 * This class puts them in order; the numbers are {@link TrainingFindings}' and
 * {@link TrainingTables}', the drawings {@link TrainingFigures}' and {@link TrainingCurves}'.
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
    SweepData data = read();
    folder.startReport();
    header(data);
    Completeness completeness = Completeness.of(data, manifest, otherManifests);
    md.append(completeness.markdown()).append("\n\n");
    Reports.writeText(folder, "completeness.csv", completeness.csv());
    md.append("Settings that vary: ").append(data.varying.isEmpty() ? "none"
        : String.join(", ", data.varying)).append(" (and seed). Interactive version: "
        + "[report.html](report.html).\n\n");

    SequentialDesign design = design();
    if (design != null) {
      md.append("Seeds were added in rounds by `run --until-decided` to the settings whose F2 "
          + "finding was undecided, from " + design.firstSeeds() + " up to " + design.maxSeeds()
          + " per setting: F2's intervals are group-sequential (Student's t at "
          + Table.number(100 * design.nominalLevel(TrainingFindings.LEVEL), 4) + "% per look "
          + "for 95% over all looks; see the method column), valid however many seeds each "
          + "setting got. F3 and F4, which pool the settings' seeds, take the same per-look level "
          + "(calibrated for F2's means; for their slopes and differences an approximation).\n\n");
    }
    List<Finding> findings = TrainingFindings.of(data, design);
    Table findingsTable = Finding.table(findings);
    Reports.writeText(folder, "findings.csv", findingsTable.csv());
    Table summary = TrainingTables.summary(data);
    Reports.writeText(folder, "accuracy_by_setting.csv", summary.csv());
    Table gains = TrainingTables.gains(data);
    Reports.writeText(folder, "gain.csv", gains.csv());

    List<String> figureNames = new ArrayList<>();
    if (data.usable().isEmpty()) {
      md.append("**No task has an accuracy yet** (every stored task FAILED, or diverged in its "
          + "first epoch): nothing to decide; see the failures below.\n\n");
    } else {
      md.append(FindingsSection.markdown(findings, findingsTable));
      figureNames.addAll(figures(data, findings));
    }
    Sweep stored = folder.manifestFile().storedSweep();
    if (stored != null && stored.threshold() != null) {
      figureNames.addAll(ThresholdReport.write(folder, stored, data, md));
    }
    allSettings(summary);
    problems(data);
    footer();
    Reports.writeText(folder, "report.md", md.toString());
    if (folder.fs().exists(new Path(folder.report(), "training_curves.png"))) {
      figureNames.add("training_curves");
    }
    Double chance = data.runs.isEmpty() ? null : data.runs.get(0).chance();
    HtmlReport.write(folder, new HtmlReport.Data(data.sweep + " (training)", completeness.text(),
        chance, findingsTable, new HtmlReport.Keyed(summary, data.varying),
        new HtmlReport.Keyed(gains, data.varyingExcept("interpolation")),
        new HtmlReport.Keyed(TrainingTables.runs(data), data.varying), figureNames));
    return new Path(folder.report(), "report.md").toString();
  }

  /** The folder's sequential design ({@code run --until-decided}); null for a fixed one. */
  private SequentialDesign design() {
    Manifest.Sequential s = manifest == null ? null : manifest.sequential();
    return s == null ? null : new SequentialDesign(s.firstSeeds(), s.maxSeeds());
  }

  /**
   * The runs of this folder and the others, and the {@code epochs} view: the epochs of the
   * stored runs only (a task's epochs from a superseded wave are left out).
   */
  private SweepData read() throws IOException {
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
    return data;
  }

  private void header(SweepData data) {
    md.append("# analogsweep report: ").append(data.sweep).append("\n\n");
    if (others.isEmpty()) {
      return;
    }
    md.append("With the results of ").append(others.size() == 1 ? "another sweep" : others
        .size() + " other sweeps").append(" joined to this one's (`--with`): ");
    for (int k = 0; k < others.size(); k++) {
      Manifest m = otherManifests.get(k);
      md.append(k == 0 ? "" : ", ").append('`').append(others.get(k).root()).append('`')
          .append(m == null || m.sweep() == null ? "" : " (" + m.sweep() + ")");
    }
    md.append(". Every number below covers all of them.\n\n");
  }

  /** Writes the figures and the training curves; returns the figures' names. */
  private List<String> figures(SweepData data, List<Finding> findings) throws IOException {
    List<String> names = new ArrayList<>();
    md.append("## Figures\n\n");
    for (TrainingFigures.Named f : TrainingFigures.of(data, findings)) {
      f.figure().write(folder, f.name());
      names.add(f.name());
      md.append("![").append(f.name()).append("](").append(f.name()).append(".png)\n\n")
          .append(f.caption()).append(" ([SVG](").append(f.name()).append(".svg))\n\n");
    }
    TrainingCurves curves = TrainingCurves.of(spark, data);
    if (curves != null) {
      curves.figure().write(folder, "training_curves");
      md.append("## Training curves\n\nTest accuracy (percent) per epoch at both ends of i, "
          + "first seed, in the setting with the largest mean gain (").append(curves.setting())
          .append(").\n\n![training curves](training_curves.png) ([SVG](training_curves.svg))"
              + "\n\n");
    }
    return names;
  }

  private void allSettings(Table summary) {
    md.append("## All settings\n\nMaximum test accuracy in percent per setting over seeds: "
        + "mean, sample standard deviation, 95% interval, range; n counts seeds with a result, "
        + "runs every stored task; eval_sd_pct is the mean spread over evaluation repeats where "
        + "eval_repeats > 1 ([accuracy_by_setting.csv](accuracy_by_setting.csv); gains per "
        + "setting in [gain.csv](gain.csv)).\n\n");
    md.append(summary.rows().size() <= 200 ? summary.markdown()
        : "(" + summary.rows().size() + " settings: see the CSV)\n");
    md.append('\n');
  }

  private void problems(SweepData data) throws IOException {
    List<String> columns = new ArrayList<>(List.of("task_id", "status", "stop_reason",
        "epochs", "message"));
    columns.addAll(data.varying);
    columns.add("seed");
    // their other columns from Spark; none to look for where no run has such a status
    List<Row> rows = data.runs.stream().noneMatch(r -> "FAILED".equals(r.status())
        || "DIVERGED".equals(r.status())) ? List.of()
        : spark.sql("SELECT " + String.join(", ", columns) + " FROM runs WHERE "
            + "status IN ('FAILED', 'DIVERGED') ORDER BY status, task_id").collectAsList();
    Table t = Table.of(rows, columns.toArray(String[]::new));
    Reports.writeText(folder, "problems.csv", t.csv());
    md.append("## Failed and diverged tasks\n\n");
    md.append(rows.isEmpty() ? "None.\n" : t.markdown());
  }

  private void footer() {
    md.append("\n---\nWritten ").append(Instant.now()).append(" by `analogsweep report ")
        .append(folder.root());
    for (OutputFolder o : others) {
      md.append(" --with ").append(o.root());
    }
    md.append("`.\n");
  }
}
