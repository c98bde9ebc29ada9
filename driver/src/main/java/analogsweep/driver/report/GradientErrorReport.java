package analogsweep.driver.report;

import analogsweep.grid.InvalidValueException;
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
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The report of a gradient-error sweep: per family and chain setting, the error of the
 * activation's derivative over the (x, w) plane and near zero, against the interpolation factor,
 * with the ratio of the ReLU end's error to each point's; and the maps as heatmaps.
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

    StringBuilder md = new StringBuilder("# analogsweep report: ")
        .append(manifest.sweep()).append(" (gradient error)\n\n");
    md.append("For inputs x and weights w on a grid over [-1, 1], each passed through Noise, "
        + "Clamp and ReducePrecision, and their product passed through the chain again: the "
        + "error |I'(noisy product) - I'(exact product)| of the activation's derivative. "
        + "\"Near zero\" is |x|, |w| <= 0.25. A ratio divides the ReLU end's (i = 0) error by "
        + "the point's: how many times smaller the error is than ReLU's.\n\n");
    for (Row r : rows) {
      if (r.getDouble(r.fieldIndex("interpolation")) == 1.0
          && r.get(r.fieldIndex("mean_ratio_near_zero")) != null) {
        String noise = "gaussian".equals(r.getAs("noise")) ? "" : ", " + r.getAs("noise") + " noise";
        md.append(String.format(Locale.ROOT, "- **%s at p=%d, EP=%s%s**: near zero the ReLU "
            + "end's error is **%.0fx** the smooth end's by mean and **%.0fx** by maximum.%n",
            r.getAs("family"), (Integer) r.getAs("precision"), r.getAs("error_probability"), noise,
            (Double) r.getAs("mean_ratio_near_zero"), (Double) r.getAs("max_ratio_near_zero")));
      }
    }
    md.append("\nPAPER.md expects roughly 40x by mean and about 70-100x by maximum for GELU at "
        + "p = 256, EP = 0.5.\n\n");
    md.append(table.markdown()).append("\n([gradient_error.csv](gradient_error.csv))\n\n");

    List<Row> maps = spark.sql("SELECT family, interpolation, precision, error_probability, "
        + "map_size, map, noise FROM (SELECT *, row_number() OVER (PARTITION BY family, noise, "
        + "interpolation, precision, error_probability, gate_scale, leak ORDER BY seed) AS rn "
        + "FROM maps) WHERE rn = 1 ORDER BY family, noise, precision, error_probability, "
        + "interpolation").collectAsList();
    Map<String, List<HeatMapChart>> byFamily = new LinkedHashMap<>();
    for (Row m : maps) {
      String noise = "gaussian".equals(m.getString(6)) ? "" : "_" + m.getString(6);
      byFamily.computeIfAbsent(m.getString(0) + noise + "_p" + m.getInt(2) + "_ep"
          + m.getDouble(3), k -> new ArrayList<>()).add(mapChart(m));
    }
    for (Map.Entry<String, List<HeatMapChart>> e : byFamily.entrySet()) {
      String file = "gradient_error_" + e.getKey().replace('.', '_') + ".png";
      Reports.writePng(folder, file, Charts.grid(e.getValue(), 3));
      md.append("![").append(e.getKey()).append("](").append(file).append(")\n\n");
    }
    Reports.writeText(folder, "report.md", md.toString());
    System.out.print(md.substring(0, md.indexOf("\nPAPER.md") + 1));
    return new Path(folder.report(), "report.md").toString();
  }

  private static HeatMapChart mapChart(Row m) {
    int size = m.getInt(4);
    List<Double> values = m.getList(5);
    List<Integer> axis = new ArrayList<>();
    for (int k = 0; k < size; k++) {
      axis.add(k);
    }
    HeatMapChart chart = new HeatMapChartBuilder().width(Charts.PANEL_W).height(Charts.PANEL_H)
        .title(String.format(Locale.ROOT, "%s, i = %s", m.getString(0), m.getDouble(1)))
        .xAxisTitle("w from -1 to 1").yAxisTitle("x from -1 to 1").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setXAxisTicksVisible(false);
    chart.getStyler().setYAxisTicksVisible(false);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setMin(0);
    chart.getStyler().setMax(1);
    chart.getStyler().setRangeColors(new java.awt.Color[] {java.awt.Color.WHITE,
        new java.awt.Color(253, 174, 97), new java.awt.Color(165, 0, 38)});
    List<Number[]> data = new ArrayList<>();
    for (int x = 0; x < size; x++) {
      for (int w = 0; w < size; w++) {
        data.add(new Number[] {w, x, values.get(x * size + w)});
      }
    }
    chart.addSeries("|error|", axis, axis, data);
    return chart;
  }
}
