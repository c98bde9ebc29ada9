package analogsweep.driver.report;

import analogsweep.driver.store.Manifest;
import analogsweep.driver.store.OutputFolder;
import analogsweep.grid.InvalidValueException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.SparkSession;

/**
 * The report of a sweep's output folder, from its Parquet alone: {@code DIR/report/} gets
 * report.md (findings first), findings.csv and the other CSV tables, figures as PNG and SVG, and
 * report.html (interactive, works offline). A training sweep is reported by
 * {@link TrainingReport}, a gradient-error sweep by {@link GradientErrorReport}. Works on a sweep
 * that is still running and says how complete it is.
 */
public final class Reports {
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
    return new TrainingReport(spark, folder, manifest).write();
  }

  static void writeText(OutputFolder folder, String name, String text) throws IOException {
    folder.writeReportFile(name, text.getBytes(StandardCharsets.UTF_8));
  }

  /** "+3.1 [+1.2, +5.0] pct points (n = 3)" for a finding's estimate. */
  static String estimate(Finding f) {
    Estimate e = f.estimate();
    String value = Table.number(e.value(), 3);
    return value + (e.hasInterval() ? " [" + Table.number(e.low(), 3) + ", "
        + Table.number(e.high(), 3) + "]" : "") + " " + f.unit() + ", n = " + e.n();
  }
}
