package analogsweep.driver.store;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import analogsweep.driver.exec.TaskOutcome;
import analogsweep.driver.store.ResultSchema.SparkInfo;
import analogsweep.train.EpochMetrics;
import analogsweep.train.Provenance;
import analogsweep.train.TaskResult;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The columns of {@code runs/}, one row per task: its id, every grid-point field as a typed
 * column, status, metrics, timings and provenance (where and with what it ran), in the order
 * they are stored. Columns appended since 0.1 read as null in rows stored before them.
 */
final class RunColumns {
  /** What one runs row is made of: a task's outcome and where the sweep ran. */
  record Source(TaskOutcome outcome, SparkInfo info) {
    TaskResult result() {
      return outcome.result();
    }

    Provenance provenance() {
      return outcome.result().provenance();
    }
  }

  static final ColumnTable<Source> TABLE = table();

  private RunColumns() {}

  private static ColumnTable<Source> table() {
    ColumnTable.Builder<Source> b = ColumnTable.builder();
    outcome(b);
    provenance(b);
    return b.build();
  }

  /** Which task, its grid point, and what training made of it. */
  private static void outcome(ColumnTable.Builder<Source> b) {
    b.required("task_id", StringType, "SHA-256 of the grid point's canonical text: every field "
            + "of version 1, and each later field only where it differs from the value a row "
            + "stored before it stands for, so ids stored by earlier versions never change", s -> s.result().taskId())
        .required("sweep", StringType, "the sweep's name", s -> s.info().sweep())
        .gridFields(s -> s.result().point())
        .column("status", StringType, "OK, DIVERGED or FAILED", s -> s.result().status().name())
        .column("message", StringType, "why a task failed, diverged or had no gradient",
            s -> s.result().message())
        .column("stop_reason", StringType, "max_epochs, early_stop_chance, early_stop_drop, "
            + "time_budget, no_gradient (every gradient of the first epoch zero: each value "
            + "clamped; status OK, evaluated once), diverged or failed",
            s -> s.result().stopReason())
        .column("epochs", IntegerType, "epochs trained", s -> s.result().epochs())
        .column("max_test_accuracy", DoubleType, "the best epoch's test accuracy (the paper's "
            + "metric)", s -> nullIfNaN(s.result().maxTestAccuracy()))
        .column("best_epoch", IntegerType, "the epoch of `max_test_accuracy`",
            s -> s.result().bestEpoch())
        .column("final_train_loss", DoubleType, "at the last epoch",
            s -> nullIfNaN(s.result().finalTrainLoss()))
        .column("final_train_accuracy", DoubleType, "at the last epoch",
            s -> nullIfNaN(s.result().finalTrainAccuracy()))
        .column("final_test_loss", DoubleType, "at the last epoch",
            s -> nullIfNaN(s.result().finalTestLoss()))
        .column("final_test_accuracy", DoubleType, "at the last epoch",
            s -> nullIfNaN(s.result().finalTestAccuracy()))
        .column("data_millis", LongType, "ms reading the data", s -> s.result().dataMillis())
        .column("train_millis", LongType, "ms training", s -> s.result().trainMillis())
        .column("eval_millis", LongType, "ms evaluating", s -> s.result().evalMillis())
        .column("total_millis", LongType, "ms in all", s -> s.result().totalMillis())
        .column("samples_per_second", DoubleType, "training samples per second",
            s -> s.result().samplesPerSecond());
  }

  /** Where, when and with what the task ran; the columns added since 0.1 last. */
  private static void provenance(ColumnTable.Builder<Source> b) {
    b.column("noise_sigma", DoubleType, "standard deviation of the noise on a value of "
            + "magnitude 1 (comparable across noise models)", s -> s.provenance().noiseSigma())
        .column("noise_parameter", DoubleType, "the noise distribution's own parameter: sigma, "
            + "scale, width or k, as `noise` says", s -> s.provenance().noiseParameter())
        .column("gsd", DoubleType, "the activation's gradient step discontinuity I'(0+) - I'(0-)",
            s -> s.provenance().gsd())
        .column("parameter_count", LongType, "the model's trainable parameters",
            s -> s.provenance().parameterCount())
        .column("device", StringType, "the device it trained on", s -> s.provenance().device())
        .column("gpu_address", StringType, "the GPU Spark assigned the task, if any",
            s -> s.outcome().gpuAddress())
        .column("threads", IntegerType, "CPU threads of the task", s -> s.provenance().threads())
        .column("host", StringType, "where the task ran", s -> s.provenance().host())
        .column("executor_id", StringType, "Spark's executor", s -> s.outcome().executorId())
        .column("task_attempt", IntegerType, "Spark's attempt number", s -> s.outcome().attempt())
        .column("analogsweep_version", StringType,
            "analogsweep's version (the versions below: of the libraries it ran with)",
            s -> s.provenance().analogsweepVersion())
        .column("djl_version", StringType, "DJL's", s -> s.provenance().djlVersion())
        .column("pytorch_version", StringType, "PyTorch's", s -> s.provenance().pytorchVersion())
        .column("java_version", StringType, "Java's", s -> s.provenance().javaVersion())
        .column("os", StringType, "the operating system", s -> s.provenance().os())
        .column("dataset_source", StringType, "where the data was read from",
            s -> s.provenance().datasetSource())
        .column("dataset_format", StringType, "the data's format",
            s -> s.provenance().datasetFormat())
        .column("dataset_sha256", StringType, "a hash of the data's bytes",
            s -> s.provenance().datasetSha256())
        .column("train_size", IntegerType, "training samples", s -> s.provenance().trainSize())
        .column("test_size", IntegerType, "test samples", s -> s.provenance().testSize())
        .column("started_at", TimestampType, "when training began",
            s -> timestamp(s.provenance().startedAt()))
        .column("finished_at", TimestampType, "when it ended",
            s -> timestamp(s.provenance().finishedAt()))
        .column("spark_version", StringType, "Spark of the sweep", s -> s.info().sparkVersion())
        .column("spark_master", StringType, "Spark's master URL", s -> s.info().master())
        .column("executor_count", IntegerType, "executors at the time",
            s -> s.info().executors())
        // Added in 0.2 (null in rows stored before): the spread over evaluation repeats at the best
        // and the last epoch (null for one repeat), the dataset's number of classes, and how many
        // grid points trained together as one model.
        .column("max_test_accuracy_sd", DoubleType, "spread of `max_test_accuracy` over "
            + "evaluation repeats; null for one", s -> nullIfNaN(spreadAt(s.result(),
                s.result().bestEpoch())))
        .column("final_test_accuracy_sd", DoubleType, "spread of `final_test_accuracy` over "
            + "evaluation repeats; null for one", s -> nullIfNaN(spreadAt(s.result(),
                lastEpoch(s.result()))))
        .column("classes", IntegerType, "classes of the dataset", s -> s.provenance().classes() > 0
            ? s.provenance().classes() : null)
        .column("pack_size", IntegerType, "grid points trained together as one model (1: alone)",
            s -> s.provenance().packSize())
        .column("shares_training_of", StringType, "the task id of the grid point whose training "
            + "this row's numbers are, where the two train alike (the same training key: at i = 0 "
            + "the smooth end is unseen, at EP 0 the noise distribution); null for a row of its "
            + "own training", s -> s.outcome().sharesTrainingOf());
  }

  private static int lastEpoch(TaskResult r) {
    List<EpochMetrics> rows = r.epochRows();
    return rows.isEmpty() ? 0 : rows.get(rows.size() - 1).epoch();
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

  static Double nullIfNaN(double d) {
    return Double.isFinite(d) ? d : null;
  }

  private static Timestamp timestamp(String iso) {
    return iso == null ? null : Timestamp.from(Instant.parse(iso));
  }
}
