package analogsweep.driver.report;

import analogsweep.common.InvalidValueException;
import analogsweep.driver.store.Manifest;
import analogsweep.driver.store.OutputFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * The report of a sweep's output folder, from its Parquet alone: {@code DIR/report/}, replaced
 * whole by each report, gets report.md (findings first), findings.csv and the other CSV tables,
 * figures as PNG and SVG, and report.html (interactive, works offline). A training sweep is
 * reported by
 * {@link TrainingReport}, a gradient-error sweep by {@link GradientErrorReport}. Works on a sweep
 * that is still running and says how complete it is.
 */
public final class Reports {
  private Reports() {}

  /** Writes the report and returns the path of report.md. */
  public static String write(SparkSession spark, String dir) throws IOException {
    return write(spark, dir, List.of());
  }

  /**
   * Writes the report of {@code dir} with the results of the training sweeps in {@code with}
   * joined to its own (a comparison that takes separate sweeps, such as the ViT against the
   * ConvNet: each model's own options make each its own sweep), into {@code dir/report}.
   */
  public static String write(SparkSession spark, String dir, List<String> with)
      throws IOException {
    OutputFolder folder = new OutputFolder(dir, spark.sparkContext().hadoopConfiguration());
    if (!folder.exists()) {
      throw new InvalidValueException("DIR", dir + ": no such folder");
    }
    Manifest manifest = folder.manifest();
    boolean gradientError = manifest != null && "gradient-error".equals(manifest.kind());
    if (gradientError && !with.isEmpty()) {
      throw new InvalidValueException("--with", dir + " is a gradient-error sweep; --with "
          + "joins training sweeps only");
    }
    if (gradientError) {
      return GradientErrorReport.write(spark, folder, manifest);
    }
    requireResults("DIR", folder);
    List<OutputFolder> others = new ArrayList<>();
    List<Manifest> otherManifests = new ArrayList<>();
    for (String other : with) {
      OutputFolder o = new OutputFolder(other, spark.sparkContext().hadoopConfiguration());
      if (!o.exists()) {
        throw new InvalidValueException("--with", other + ": no such folder");
      }
      Manifest m = o.manifest();
      if (m != null && "gradient-error".equals(m.kind())) {
        throw new InvalidValueException("--with", other + " is a gradient-error sweep; --with "
            + "joins training sweeps only");
      }
      requireResults("--with", o);
      others.add(o);
      otherManifests.add(m);
    }
    return new TrainingReport(spark, folder, manifest, others, otherManifests).write();
  }

  private static void requireResults(String what, OutputFolder folder) throws IOException {
    if (folder.waves("runs").isEmpty() && !folder.isSweepFolder()) {
      throw new InvalidValueException(what, folder.root() + " holds no manifest.json or "
          + "sweep.yaml: not an analogsweep output folder");
    }
    if (folder.waves("runs").isEmpty()) {
      throw new InvalidValueException(what, folder.root() + " holds no results yet (no "
          + "runs/wave=N)");
    }
  }

  static void writeText(OutputFolder folder, String name, String text) throws IOException {
    folder.writeReportFile(name, text.getBytes(StandardCharsets.UTF_8));
  }

  /** "+3.1 [1.2, 5.0] pct points, n = 3" for a finding's estimate, in the row's format. */
  static String estimate(Finding f) {
    Estimate e = f.estimate();
    return number(f, e.value(), true) + (e.hasInterval() ? " [" + number(f, e.low(), false)
        + ", " + number(f, e.high(), false) + "]" : "") + " " + f.unit() + ", n = " + e.n();
  }

  /** A finding's number as its row writes it ({@link Finding#round}), signed if asked. */
  static String number(Finding f, double v, boolean signed) {
    if (Double.isNaN(v)) {
      return "–";
    }
    double r = f.round(v);
    String text = f.unit().equals("times") ? Table.number(r, 3)
        : String.format(Locale.ROOT, "%.1f", r);
    return signed && r > 0 ? "+" + text : text;
  }
}
