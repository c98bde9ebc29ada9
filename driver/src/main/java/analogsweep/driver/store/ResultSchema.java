package analogsweep.driver.store;

import analogsweep.driver.exec.TaskOutcome;
import analogsweep.grid.GridField;
import analogsweep.grid.GridPoint;
import analogsweep.train.EpochMetrics;
import analogsweep.train.Provenance;
import analogsweep.train.TaskResult;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet schemas of {@code runs/} (one row per task: every grid-point field as a typed
 * column, status, metrics, timings, provenance), {@code epochs/} (one row per task and epoch) and
 * {@code maps/}, and the conversion of results to rows. The datasets are partitioned by
 * {@code wave}, the write batch a row arrived in. NaN metrics are stored as null so that SQL
 * averages skip them. {@code noise_sigma} is the standard deviation of the noise on a value of
 * magnitude 1 (the same quantity for every noise model), {@code noise_parameter} the
 * distribution's own parameter (sigma, scale, width or k, as the {@code noise} column says).
 */
public final class ResultSchema {
  public static final StructType RUNS;
  public static final StructType EPOCHS;
  /** Gradient-error maps: one row per task, summaries and a max-pooled map (row-major). */
  public static final StructType MAPS;

  static {
    List<StructField> runs = new ArrayList<>();
    runs.add(field("task_id", DataTypes.StringType, false));
    runs.add(field("sweep", DataTypes.StringType, false));
    for (GridField f : GridField.values()) {
      runs.add(field(f.column(), sparkType(f), f.nullable()));
    }
    add(runs, DataTypes.StringType, "status", "message", "stop_reason");
    add(runs, DataTypes.IntegerType, "epochs");
    add(runs, DataTypes.DoubleType, "max_test_accuracy");
    add(runs, DataTypes.IntegerType, "best_epoch");
    add(runs, DataTypes.DoubleType, "final_train_loss", "final_train_accuracy",
        "final_test_loss", "final_test_accuracy");
    add(runs, DataTypes.LongType, "data_millis", "train_millis", "eval_millis", "total_millis");
    add(runs, DataTypes.DoubleType, "samples_per_second", "noise_sigma", "noise_parameter",
        "gsd");
    add(runs, DataTypes.LongType, "parameter_count");
    add(runs, DataTypes.StringType, "device", "gpu_address");
    add(runs, DataTypes.IntegerType, "threads");
    add(runs, DataTypes.StringType, "host", "executor_id");
    add(runs, DataTypes.IntegerType, "task_attempt");
    add(runs, DataTypes.StringType, "analogsweep_version", "djl_version", "pytorch_version",
        "java_version", "os", "dataset_source", "dataset_format", "dataset_sha256");
    add(runs, DataTypes.IntegerType, "train_size", "test_size");
    add(runs, DataTypes.TimestampType, "started_at", "finished_at");
    add(runs, DataTypes.StringType, "spark_version", "spark_master");
    add(runs, DataTypes.IntegerType, "executor_count");
    // Added in 0.2 (null in rows stored before): the spread over evaluation repeats at the best
    // and the last epoch (null for one repeat), the dataset's number of classes, and how many
    // grid points trained together as one model.
    add(runs, DataTypes.DoubleType, "max_test_accuracy_sd", "final_test_accuracy_sd");
    add(runs, DataTypes.IntegerType, "classes", "pack_size");
    RUNS = new StructType(runs.toArray(new StructField[0]));

    List<StructField> epochs = new ArrayList<>();
    epochs.add(field("task_id", DataTypes.StringType, false));
    epochs.add(field("epoch", DataTypes.IntegerType, false));
    add(epochs, DataTypes.DoubleType, "train_loss", "train_accuracy", "test_loss",
        "test_accuracy");
    add(epochs, DataTypes.LongType, "train_samples", "train_millis", "eval_millis");
    add(epochs, DataTypes.DoubleType, "test_loss_sd", "test_accuracy_sd");
    EPOCHS = new StructType(epochs.toArray(new StructField[0]));

    List<StructField> maps = new ArrayList<>();
    maps.add(field("task_id", DataTypes.StringType, false));
    maps.add(field("sweep", DataTypes.StringType, false));
    add(maps, DataTypes.StringType, "family");
    add(maps, DataTypes.DoubleType, "interpolation", "gate_scale", "leak");
    add(maps, DataTypes.IntegerType, "precision");
    add(maps, DataTypes.DoubleType, "error_probability");
    add(maps, DataTypes.StringType, "noise");
    add(maps, DataTypes.IntegerType, "plane_precision", "map_size");
    add(maps, DataTypes.LongType, "seed");
    add(maps, DataTypes.DoubleType, "max_error", "mean_error", "max_error_near_zero",
        "mean_error_near_zero", "noise_sigma", "noise_parameter", "gsd");
    add(maps, DataTypes.IntegerType, "plane_points");
    maps.add(field("map", DataTypes.createArrayType(DataTypes.DoubleType, false), true));
    add(maps, DataTypes.LongType, "millis");
    add(maps, DataTypes.StringType, "analogsweep_version", "spark_version", "spark_master");
    add(maps, DataTypes.TimestampType, "computed_at");
    MAPS = new StructType(maps.toArray(new StructField[0]));
  }

  private ResultSchema() {}

  /** A schema with the {@code wave} partition column, for reading the datasets back. */
  public static StructType withWave(StructType schema) {
    return schema.add("wave", DataTypes.IntegerType, false);
  }

  private static StructField field(String name, DataType type, boolean nullable) {
    return DataTypes.createStructField(name, type, nullable);
  }

  private static void add(List<StructField> fields, DataType type, String... names) {
    for (String n : names) {
      fields.add(field(n, type, true));
    }
  }

  static DataType sparkType(GridField f) {
    return switch (f.type()) {
      case STRING -> DataTypes.StringType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case BOOLEAN -> DataTypes.BooleanType;
      case INT_LIST -> DataTypes.createArrayType(DataTypes.IntegerType, false);
    };
  }

  /** Where the sweep ran, recorded in every row. */
  public record SparkInfo(String sweep, String sparkVersion, String master, int executors) {
    public SparkInfo withExecutors(int n) {
      return new SparkInfo(sweep, sparkVersion, master, n);
    }
  }

  public static Row runRow(TaskOutcome outcome, SparkInfo info) {
    TaskResult r = outcome.result();
    GridPoint p = r.point();
    Provenance prov = r.provenance();
    List<Object> v = new ArrayList<>();
    v.add(r.taskId());
    v.add(info.sweep());
    for (GridField f : GridField.values()) {
      v.add(f.get(p));
    }
    v.add(r.status().name());
    v.add(r.message());
    v.add(r.stopReason());
    v.add(r.epochs());
    v.add(nullIfNaN(r.maxTestAccuracy()));
    v.add(r.bestEpoch());
    v.add(nullIfNaN(r.finalTrainLoss()));
    v.add(nullIfNaN(r.finalTrainAccuracy()));
    v.add(nullIfNaN(r.finalTestLoss()));
    v.add(nullIfNaN(r.finalTestAccuracy()));
    v.add(r.dataMillis());
    v.add(r.trainMillis());
    v.add(r.evalMillis());
    v.add(r.totalMillis());
    v.add(r.samplesPerSecond());
    v.add(prov.noiseSigma());
    v.add(prov.noiseParameter());
    v.add(prov.gsd());
    v.add(prov.parameterCount());
    v.add(prov.device());
    v.add(outcome.gpuAddress());
    v.add(prov.threads());
    v.add(prov.host());
    v.add(outcome.executorId());
    v.add(outcome.attempt());
    v.add(prov.analogsweepVersion());
    v.add(prov.djlVersion());
    v.add(prov.pytorchVersion());
    v.add(prov.javaVersion());
    v.add(prov.os());
    v.add(prov.datasetSource());
    v.add(prov.datasetFormat());
    v.add(prov.datasetSha256());
    v.add(prov.trainSize());
    v.add(prov.testSize());
    v.add(timestamp(prov.startedAt()));
    v.add(timestamp(prov.finishedAt()));
    v.add(info.sparkVersion());
    v.add(info.master());
    v.add(info.executors());
    v.add(nullIfNaN(spreadAt(r, r.bestEpoch())));
    v.add(nullIfNaN(spreadAt(r, r.epochRows().isEmpty() ? 0
        : r.epochRows().get(r.epochRows().size() - 1).epoch())));
    v.add(prov.classes() > 0 ? prov.classes() : null);
    v.add(prov.packSize());
    return RowFactory.create(v.toArray());
  }

  public static Row mapRow(analogsweep.analysis.GradientErrorMap.Result r, SparkInfo info) {
    analogsweep.analysis.GradientErrorPoint p = r.point();
    double gsd = new analogsweep.activation.InterpolatedActivation(p.family(), p.interpolation(),
        p.gateScale(), p.leak()).gsd();
    return RowFactory.create(r.taskId(), info.sweep(), p.family().id(), p.interpolation(),
        p.gateScale(), p.leak(), p.precision(), p.errorProbability(), p.noise().id(),
        p.planePrecision(), p.mapSize(), p.seed(), r.maxError(), r.meanError(),
        r.maxErrorNearZero(), r.meanErrorNearZero(), r.noiseSigma(), r.noiseParameter(), gsd,
        r.planePoints(),
        java.util.Arrays.stream(r.map()).boxed().toList(),
        r.millis(), analogsweep.train.GridPointTrainer.VERSION, info.sparkVersion(),
        info.master(), Timestamp.from(Instant.now()));
  }

  /** The test accuracy's spread over evaluation repeats in one epoch; NaN where there is none. */
  private static double spreadAt(TaskResult r, int epoch) {
    for (EpochMetrics e : r.epochRows()) {
      if (e.epoch() == epoch) {
        return e.testAccuracySd();
      }
    }
    return Double.NaN;
  }

  public static List<Row> epochRows(TaskResult r) {
    List<Row> rows = new ArrayList<>();
    for (EpochMetrics e : r.epochRows()) {
      rows.add(RowFactory.create(r.taskId(), e.epoch(), nullIfNaN(e.trainLoss()),
          nullIfNaN(e.trainAccuracy()), nullIfNaN(e.testLoss()), nullIfNaN(e.testAccuracy()),
          e.trainSamples(), e.trainMillis(), e.evalMillis(), nullIfNaN(e.testLossSd()),
          nullIfNaN(e.testAccuracySd())));
    }
    return rows;
  }

  private static Double nullIfNaN(double d) {
    return Double.isFinite(d) ? d : null;
  }

  private static Timestamp timestamp(String iso) {
    return iso == null ? null : Timestamp.from(Instant.parse(iso));
  }
}
