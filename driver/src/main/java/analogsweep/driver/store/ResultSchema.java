package analogsweep.driver.store;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import analogsweep.activation.InterpolatedActivation;
import analogsweep.analysis.GradientErrorMap;
import analogsweep.analysis.GradientErrorPoint;
import analogsweep.driver.exec.TaskOutcome;
import analogsweep.train.EpochMetrics;
import analogsweep.train.GridPointTrainer;
import analogsweep.train.TaskResult;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet schemas of {@code runs/} (one row per task: every grid-point field as a typed
 * column, status, metrics, timings, provenance; declared in {@link RunColumns}), {@code epochs/}
 * (one row per task and epoch) and {@code maps/}, and the conversion of results to rows. Each
 * dataset's columns are one {@link ColumnTable}, which yields its schema, its rows and its list
 * in docs/output.md. The datasets are partitioned by {@code wave}, the write batch a row arrived
 * in. NaN metrics are stored as null so that SQL averages skip them. {@code noise_sigma} is the
 * standard deviation of the noise on a value of magnitude 1 (the same quantity for every noise
 * model), {@code noise_parameter} the distribution's own parameter (sigma, scale, width or k, as
 * the {@code noise} column says).
 */
public final class ResultSchema {
  /** One epochs row: a task's result and one of its epochs. */
  private record EpochSource(TaskResult result, EpochMetrics epoch) {}

  /** One maps row: a gradient-error map and where the sweep ran. */
  private record MapSource(GradientErrorMap.Result result, SparkInfo info) {
    GradientErrorPoint point() {
      return result.point();
    }
  }

  static final ColumnTable<RunColumns.Source> RUN_COLUMNS = RunColumns.TABLE;

  static final ColumnTable<EpochSource> EPOCH_COLUMNS = ColumnTable.<EpochSource>builder()
      .required("task_id", StringType, "the task's id, as in `runs`", s -> s.result().taskId())
      .required("epoch", IntegerType, "1, 2, ...", s -> s.epoch().epoch())
      .column("train_loss", DoubleType, "mean over the epoch's batches",
          s -> nullIfNaN(s.epoch().trainLoss()))
      .column("train_accuracy", DoubleType, "over the epoch's batches",
          s -> nullIfNaN(s.epoch().trainAccuracy()))
      .column("test_loss", DoubleType, "the mean over evaluation repeats; null for an epoch cut "
          + "by divergence", s -> nullIfNaN(s.epoch().testLoss()))
      .column("test_accuracy", DoubleType, "the mean over evaluation repeats; null for an epoch "
          + "cut by divergence", s -> nullIfNaN(s.epoch().testAccuracy()))
      .column("train_samples", LongType, "samples trained on", s -> s.epoch().trainSamples())
      .column("train_millis", LongType, "ms training", s -> s.epoch().trainMillis())
      .column("eval_millis", LongType, "ms evaluating", s -> s.epoch().evalMillis())
      .column("test_loss_sd", DoubleType, "spread over evaluation repeats; null for one",
          s -> nullIfNaN(s.epoch().testLossSd()))
      .column("test_accuracy_sd", DoubleType, "spread over evaluation repeats; null for one",
          s -> nullIfNaN(s.epoch().testAccuracySd()))
      .build();

  static final ColumnTable<MapSource> MAP_COLUMNS = ColumnTable.<MapSource>builder()
      .required("task_id", StringType, "SHA-256 of the map's point", s -> s.result().taskId())
      .required("sweep", StringType, "the sweep's name", s -> s.info().sweep())
      .column("family", StringType, "the activation family", s -> s.point().family().id())
      .column("interpolation", DoubleType, "i", s -> s.point().interpolation())
      .column("gate_scale", DoubleType, "s", s -> s.point().gateScale())
      .column("leak", DoubleType, "the leaky ReLU's slope", s -> s.point().leak())
      .column("precision", IntegerType, "p", s -> s.point().precision())
      .column("error_probability", DoubleType, "EP", s -> s.point().errorProbability())
      .column("noise", StringType, "the noise model", s -> s.point().noise().id())
      .column("plane_precision", IntegerType, "the plane has 2p+1 points per axis",
          s -> s.point().planePrecision())
      .column("map_size", IntegerType, "cells per axis of the stored map",
          s -> s.point().mapSize())
      .column("seed", LongType, "the noise seed", s -> s.point().seed())
      .column("max_error", DoubleType, "the derivative error's maximum over the plane",
          s -> s.result().maxError())
      .column("mean_error", DoubleType, "its mean over the plane", s -> s.result().meanError())
      .column("max_error_near_zero", DoubleType,
          "its maximum near zero (abs(x), abs(w) <= 0.25)",
          s -> s.result().maxErrorNearZero())
      .column("mean_error_near_zero", DoubleType, "its mean near zero",
          s -> s.result().meanErrorNearZero())
      .column("noise_sigma", DoubleType, "as in `runs`", s -> s.result().noiseSigma())
      .column("noise_parameter", DoubleType, "as in `runs`", s -> s.result().noiseParameter())
      .column("gsd", DoubleType, "as in `runs`", s -> new InterpolatedActivation(
          s.point().family(), s.point().interpolation(), s.point().gateScale(),
          s.point().leak()).gsd())
      .column("plane_points", IntegerType, "points of the plane", s -> s.result().planePoints())
      .column("map", DataTypes.createArrayType(DoubleType, false), "the max-pooled map, row-major "
          + "(row = x, column = w)", s -> Arrays.stream(s.result().map()).boxed().toList())
      .column("millis", LongType, "ms computing it", s -> s.result().millis())
      .column("analogsweep_version", StringType, "as in `runs`", s -> GridPointTrainer.VERSION)
      .column("spark_version", StringType, "as in `runs`", s -> s.info().sparkVersion())
      .column("spark_master", StringType, "as in `runs`", s -> s.info().master())
      .column("computed_at", TimestampType, "when it was stored",
          s -> Timestamp.from(Instant.now()))
      .build();

  public static final StructType RUNS = RUN_COLUMNS.schema();
  public static final StructType EPOCHS = EPOCH_COLUMNS.schema();
  /** Gradient-error maps: one row per task, summaries and a max-pooled map (row-major). */
  public static final StructType MAPS = MAP_COLUMNS.schema();

  private ResultSchema() {}

  /** A schema with the {@code wave} partition column, for reading the datasets back. */
  public static StructType withWave(StructType schema) {
    return schema.add("wave", DataTypes.IntegerType, false);
  }

  /** Where the sweep ran, recorded in every row. */
  public record SparkInfo(String sweep, String sparkVersion, String master, int executors) {
    public SparkInfo withExecutors(int n) {
      return new SparkInfo(sweep, sparkVersion, master, n);
    }
  }

  public static Row runRow(TaskOutcome outcome, SparkInfo info) {
    return RUN_COLUMNS.row(new RunColumns.Source(outcome, info));
  }

  public static Row mapRow(GradientErrorMap.Result r, SparkInfo info) {
    return MAP_COLUMNS.row(new MapSource(r, info));
  }

  public static List<Row> epochRows(TaskResult r) {
    List<Row> rows = new ArrayList<>();
    for (EpochMetrics e : r.epochRows()) {
      rows.add(EPOCH_COLUMNS.row(new EpochSource(r, e)));
    }
    return rows;
  }

  /**
   * The lists of the stored columns, one table per dataset, as docs/output.md shows them
   * (a test holds the two equal).
   */
  public static String markdownTables() {
    return "`runs`, one row per task:\n\n" + RUN_COLUMNS.markdownTable()
        + "\n`epochs`, one row per task and epoch:\n\n" + EPOCH_COLUMNS.markdownTable()
        + "\n`maps`, one row per gradient-error map (`kind: gradient-error`):\n\n"
        + MAP_COLUMNS.markdownTable();
  }

  private static Double nullIfNaN(double d) {
    return RunColumns.nullIfNaN(d);
  }
}
