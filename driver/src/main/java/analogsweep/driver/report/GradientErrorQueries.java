package analogsweep.driver.report;

import analogsweep.driver.store.OutputFolder;
import analogsweep.driver.store.ResultReader;
import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark SQL of a gradient-error report over the {@code maps} view of a folder: the mean
 * errors per setting over seeds with the ReLU end's ratios, and each setting's first-seed map.
 */
final class GradientErrorQueries {
  /** The columns of {@link #errors}, in the order of gradient_error.csv. */
  static final String[] ERROR_COLUMNS = {"family", "noise", "precision", "error_probability",
      "gate_scale", "leak", "interpolation", "seeds", "plane_points", "max_error", "mean_error",
      "max_error_near_zero", "mean_error_near_zero", "max_ratio_near_zero",
      "mean_ratio_near_zero", "mean_ratio"};

  private GradientErrorQueries() {}

  /**
   * Registers the folder's maps as the view {@code maps} and returns the means over seeds per
   * setting; the ratio divides the ReLU end's (i = 0) mean error by each point's.
   */
  static List<Row> errors(SparkSession spark, OutputFolder folder) throws IOException {
    ResultReader.maps(spark, folder).createOrReplaceTempView("maps");
    spark.sql("SELECT family, noise, precision, error_probability, gate_scale, leak, "
        + "interpolation, "
        + "count(*) AS seeds, avg(max_error) AS max_error, avg(mean_error) AS mean_error, "
        + "avg(max_error_near_zero) AS max_error_near_zero, avg(mean_error_near_zero) AS "
        + "mean_error_near_zero, first(plane_points) AS plane_points FROM maps GROUP BY family, "
        + "noise, precision, error_probability, gate_scale, leak, interpolation")
        .createOrReplaceTempView("errors");
    return spark.sql("SELECT e.*, r.max_error_near_zero / e.max_error_near_zero AS "
        + "max_ratio_near_zero, r.mean_error_near_zero / e.mean_error_near_zero AS "
        + "mean_ratio_near_zero, r.mean_error / e.mean_error AS mean_ratio FROM errors e "
        + "LEFT JOIN errors r ON r.family = e.family AND r.noise = e.noise AND "
        + "r.precision = e.precision AND "
        + "r.error_probability = e.error_probability AND r.gate_scale = e.gate_scale AND "
        + "r.leak = e.leak AND r.interpolation = 0 ORDER BY e.family, e.noise, e.precision, "
        + "e.error_probability, e.gate_scale, e.leak, e.interpolation").collectAsList();
  }

  /**
   * The first noise seed's map of each setting: family, interpolation, precision,
   * error_probability, map_size, map, noise (after {@link #errors} registered the view).
   */
  static List<Row> firstSeedMaps(SparkSession spark) {
    return spark.sql("SELECT family, interpolation, precision, error_probability, "
        + "map_size, map, noise FROM (SELECT *, row_number() OVER (PARTITION BY family, noise, "
        + "interpolation, precision, error_probability, gate_scale, leak ORDER BY seed) AS rn "
        + "FROM maps) WHERE rn = 1 ORDER BY family, noise, precision, error_probability, "
        + "interpolation").collectAsList();
  }
}
