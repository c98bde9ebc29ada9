package analogsweep.driver.report;

import analogsweep.common.InvalidValueException;
import analogsweep.driver.store.Manifest;
import analogsweep.driver.store.OutputFolder;
import analogsweep.driver.store.ResultReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The report of a gradient-error sweep: per family and chain setting, the error of the
 * activation's derivative over the (x, w) plane and near zero, against the interpolation factor,
 * with the ratio of the ReLU end's error to each point's; F1 with intervals over noise seeds
 * ({@link GradientErrorFindings}); and the maps as figures on one colour scale.
 */
final class GradientErrorReport {
  private GradientErrorReport() {}

  static String write(SparkSession spark, OutputFolder folder, Manifest manifest)
      throws IOException {
    if (folder.waves("maps").isEmpty()) {
      throw new InvalidValueException("DIR", folder.root() + " holds no maps yet");
    }
    ResultReader.maps(spark, folder).createOrReplaceTempView("maps");
    // Means over seeds; the ratio divides the ReLU end's (i = 0) mean error by each point's.
    spark.sql("SELECT family, noise, precision, error_probability, gate_scale, leak, "
        + "interpolation, "
        + "count(*) AS seeds, avg(max_error) AS max_error, avg(mean_error) AS mean_error, "
        + "avg(max_error_near_zero) AS max_error_near_zero, avg(mean_error_near_zero) AS "
        + "mean_error_near_zero, first(plane_points) AS plane_points FROM maps GROUP BY family, "
        + "noise, precision, error_probability, gate_scale, leak, interpolation")
        .createOrReplaceTempView("errors");
    List<Row> rows = spark.sql("SELECT e.*, r.max_error_near_zero / e.max_error_near_zero AS "
        + "max_ratio_near_zero, r.mean_error_near_zero / e.mean_error_near_zero AS "
        + "mean_ratio_near_zero, r.mean_error / e.mean_error AS mean_ratio FROM errors e "
        + "LEFT JOIN errors r ON r.family = e.family AND r.noise = e.noise AND "
        + "r.precision = e.precision AND "
        + "r.error_probability = e.error_probability AND r.gate_scale = e.gate_scale AND "
        + "r.leak = e.leak AND r.interpolation = 0 ORDER BY e.family, e.noise, e.precision, "
        + "e.error_probability, e.gate_scale, e.leak, e.interpolation").collectAsList();
    Table table = Table.of(rows, "family", "noise", "precision", "error_probability",
        "gate_scale", "leak",
        "interpolation", "seeds", "plane_points", "max_error", "mean_error",
        "max_error_near_zero", "mean_error_near_zero", "max_ratio_near_zero",
        "mean_ratio_near_zero", "mean_ratio");
    folder.fs().mkdirs(folder.report());
    Reports.writeText(folder, "gradient_error.csv", table.csv());
    List<Finding> findings = GradientErrorFindings.of(ResultReader.maps(spark, folder)
        .collectAsList());
    Table findingsTable = Finding.table(findings);
    Reports.writeText(folder, "findings.csv", findingsTable.csv());

    StringBuilder md = new StringBuilder("# analogsweep report: ")
        .append(manifest.sweep()).append(" (gradient error)\n\n");
    md.append("For inputs x and weights w on a grid over [-1, 1], each passed through Noise, "
        + "Clamp and ReducePrecision, and their product passed through the chain again: the "
        + "error |I'(noisy product) - I'(exact product)| of the activation's derivative. "
        + "\"Near zero\" is |x|, |w| <= 0.25. A ratio divides the ReLU end's (i = 0) error by "
        + "the point's: how many times smaller the error is than ReLU's. Interactive version: "
        + "[report.html](report.html).\n\n");
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
    md.append(ratios).append('\n');
    md.append("## Findings\n\n**F1** (gradient error near zero falls from the ReLU end to the "
        + "smooth end): per chain setting, the ReLU end's error over the smooth end's, by mean "
        + "and by maximum near zero, paired by noise seed and averaged on logarithms (the "
        + "geometric mean of the seeds' ratios) with a 95% interval (Student's t on the logs "
        + "below " + Intervals.MIN_BOOTSTRAP_N + " seeds, bootstrap from there; none from one "
        + "seed). Holds where the interval lies above 1. PAPER.md expects roughly 40x by mean "
        + "and 70-100x by maximum for GELU at p = 256, EP = 0.5 ([findings.csv](findings.csv))."
        + "\n\n");
    md.append(findingsTable.markdown()).append('\n');
    md.append("## All maps\n\n").append(table.markdown())
        .append("\n([gradient_error.csv](gradient_error.csv))\n\n");

    List<Row> maps = spark.sql("SELECT family, interpolation, precision, error_probability, "
        + "map_size, map, noise FROM (SELECT *, row_number() OVER (PARTITION BY family, noise, "
        + "interpolation, precision, error_probability, gate_scale, leak ORDER BY seed) AS rn "
        + "FROM maps) WHERE rn = 1 ORDER BY family, noise, precision, error_probability, "
        + "interpolation").collectAsList();
    Map<String, List<Row>> bySetting = new LinkedHashMap<>();
    for (Row m : maps) {
      String noise = "gaussian".equals(m.getString(6)) ? "" : "_" + m.getString(6);
      bySetting.computeIfAbsent(m.getString(0) + noise + "_p" + m.getInt(2) + "_ep"
          + m.getDouble(3), k -> new ArrayList<>()).add(m);
    }
    // one colour scale for every panel of every map figure
    double max = 0;
    for (Row m : maps) {
      for (Double v : m.<Double>getList(5)) {
        max = Math.max(max, v);
      }
    }
    List<String> names = new ArrayList<>();
    md.append("## Maps\n\nFirst noise seed; one colour scale for all panels, from 0 to "
        + String.format(Locale.ROOT, "%.3g", max) + ".\n\n");
    for (Map.Entry<String, List<Row>> e : bySetting.entrySet()) {
      List<Figure.Panel> panels = new ArrayList<>();
      for (Row m : e.getValue()) {
        panels.add(new ErrorMapPanel(String.format(Locale.ROOT, "%s, i = %s", m.getString(0),
            Labels.value(m.getDouble(1))), m.getInt(4), m.getList(5), max));
      }
      Row first = e.getValue().get(0);
      String name = "gradient_error_" + e.getKey().replace('.', '_');
      new Figure(String.format(Locale.ROOT, "|I'(noisy x w) - I'(x w)| over (w, x), p = %d, "
          + "EP = %s, first noise seed; colour scale 0 to %.3g, shared", first.getInt(2),
          Labels.value(first.getDouble(3)), max), panels, 3, List.of()).write(folder, name);
      names.add(name);
      md.append("![").append(e.getKey()).append("](").append(name).append(".png) ([SVG](")
          .append(name).append(".svg))\n\n");
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

}
