package analogsweep.driver.report;

import analogsweep.common.InvalidValueException;
import analogsweep.driver.report.GradientErrorFigures.MapFigure;
import analogsweep.driver.store.Manifest;
import analogsweep.driver.store.OutputFolder;
import analogsweep.driver.store.ResultReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The report of a gradient-error sweep: per family and chain setting, the error of the
 * activation's derivative over the (x, w) plane and near zero, against the interpolation factor,
 * with the ratio of the ReLU end's error to each point's; F1 with intervals over noise seeds
 * ({@link GradientErrorFindings}); and the maps as figures on one colour scale. This class puts
 * them in order; the SQL is {@link GradientErrorQueries}', the drawing
 * {@link GradientErrorFigures}'.
 */
final class GradientErrorReport {
  /** What the maps and the ratios measure. */
  private static final String INTRODUCTION = "For inputs x and weights w on a grid over "
      + "[-1, 1], each passed through Noise, Clamp and ReducePrecision, and their product "
      + "passed through the chain again: the error |I'(noisy product) - I'(exact product)| of "
      + "the activation's derivative. \"Near zero\" is |x|, |w| <= 0.25. A ratio divides the "
      + "ReLU end's (i = 0) error by the point's: how many times smaller the error is than "
      + "ReLU's. Interactive version: [report.html](report.html).\n\n";

  /** How F1 is decided. */
  private static final String FINDINGS = "## Findings\n\n**F1** (gradient error near zero "
      + "falls from the ReLU end to the smooth end): per chain setting, the ReLU end's error "
      + "over the smooth end's, by mean and by maximum near zero, paired by noise seed and "
      + "averaged on logarithms (the geometric mean of the seeds' ratios) with a 95% interval "
      + "(Student's t on the logs below " + Intervals.MIN_BOOTSTRAP_N + " seeds, bootstrap "
      + "from there; none from one seed). Holds where the interval lies above 1. PAPER.md "
      + "expects roughly 40x by mean and 70-100x by maximum for GELU at p = 256, EP = 0.5 "
      + "([findings.csv](findings.csv)).\n\n";

  private GradientErrorReport() {}

  static String write(SparkSession spark, OutputFolder folder, Manifest manifest)
      throws IOException {
    if (folder.waves("maps").isEmpty()) {
      throw new InvalidValueException("DIR", folder.root() + " holds no maps yet");
    }
    List<Row> rows = GradientErrorQueries.errors(spark, folder);
    Table table = Table.of(rows, GradientErrorQueries.ERROR_COLUMNS);
    folder.startReport();
    Reports.writeText(folder, "gradient_error.csv", table.csv());
    List<Finding> findings = GradientErrorFindings.of(ResultReader.maps(spark, folder)
        .collectAsList());
    Table findingsTable = Finding.table(findings);
    Reports.writeText(folder, "findings.csv", findingsTable.csv());

    StringBuilder md = new StringBuilder("# analogsweep report: ")
        .append(manifest.sweep()).append(" (gradient error)\n\n");
    md.append(INTRODUCTION);
    String ratios = ratios(rows);
    md.append(ratios).append('\n');
    md.append(FINDINGS);
    md.append(findingsTable.markdown()).append('\n');
    md.append("## All maps\n\n").append(table.markdown())
        .append("\n([gradient_error.csv](gradient_error.csv))\n\n");

    List<Row> maps = GradientErrorQueries.firstSeedMaps(spark);
    double max = GradientErrorFigures.scale(maps);
    List<String> names = new ArrayList<>();
    md.append("## Maps\n\nFirst noise seed; one colour scale for all panels, from 0 to "
        + String.format(Locale.ROOT, "%.3g", max) + ".\n\n");
    for (MapFigure f : GradientErrorFigures.of(maps, max)) {
      f.figure().write(folder, f.name());
      names.add(f.name());
      md.append("![").append(f.setting()).append("](").append(f.name()).append(".png) ([SVG](")
          .append(f.name()).append(".svg))\n\n");
    }
    Reports.writeText(folder, "report.md", md.toString());
    HtmlReport.write(folder, new HtmlReport.Data(manifest.sweep() + " (gradient error)",
        maps.size() + " maps (first noise seed of each setting shown as figures)", null,
        findingsTable, new HtmlReport.Keyed(table, List.of("family", "noise", "precision",
            "error_probability", "gate_scale", "leak", "interpolation")), null, null, names));
    System.out.print(ratios);
    for (Finding f : findings) {
      System.out.println("F1 " + f.setting() + ", " + f.statistic() + ": "
          + Reports.estimate(f) + ", " + f.verdict());
    }
    return new Path(folder.report(), "report.md").toString();
  }

  /** One line per smooth end (i = 1) with a ratio: how many times smaller its error is. */
  private static String ratios(List<Row> rows) {
    StringBuilder ratios = new StringBuilder();
    for (Row r : rows) {
      if (r.getDouble(r.fieldIndex("interpolation")) == 1.0
          && r.get(r.fieldIndex("mean_ratio_near_zero")) != null) {
        String noise = "gaussian".equals(r.getAs("noise")) ? ""
            : ", " + r.getAs("noise") + " noise";
        ratios.append(String.format(Locale.ROOT, "- **%s at p=%d, EP=%s%s**: near zero the "
            + "ReLU end's error is **%.0fx** the smooth end's by mean and **%.0fx** by "
            + "maximum.%n", r.getAs("family"), (Integer) r.getAs("precision"),
            r.getAs("error_probability"), noise, (Double) r.getAs("mean_ratio_near_zero"),
            (Double) r.getAs("max_ratio_near_zero")));
      }
    }
    return ratios.toString();
  }
}
