package analogsweep.driver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.analysis.GradientErrorMap;
import analogsweep.analysis.GradientErrorPoint;
import analogsweep.driver.exec.TaskOutcome;
import analogsweep.grid.GridField;
import analogsweep.grid.ActivationFamily;
import analogsweep.grid.GridPoint;
import analogsweep.grid.NoiseKind;
import analogsweep.train.EpochMetrics;
import analogsweep.train.Provenance;
import analogsweep.train.Status;
import analogsweep.train.TaskResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The result columns are declared once ({@link ColumnTable}): docs/output.md lists exactly them,
 * the stored order of the non-grid columns stays that of every earlier version (appending only),
 * and each row holds a value of its column's type at its column's place.
 */
class ResultSchemaTest {
  static final Path ROOT = Path.of(System.getProperty("analogsweep.projectDir", ".."));

  static final ResultSchema.SparkInfo INFO = new ResultSchema.SparkInfo("s", "4.0.1",
      "local[2]", 3);

  static TaskResult result(double accuracy, int classes) {
    GridPoint p = GridPoint.builder().set("data_path", "/data/x").set("interpolation", 0.5)
        .set("precision", 16).set("error_probability", 0.2).set("seed", 7).build();
    List<EpochMetrics> epochs = List.of(
        new EpochMetrics(1, 1.0, 0.5, 1.1, 0.6, 100, 10, 1, 0.01, 0.02),
        new EpochMetrics(2, 0.8, 0.7, Double.NaN, accuracy, 100, 10, 1, 0.03, 0.04));
    Provenance prov = new Provenance(p.taskId(), 7, "0.3.0", "0.32.0", "2.5.1", "17", "Linux",
        "h", "cpu()", 1, "/data/x", "idx", "0".repeat(64), 100, 50, 1000, 0.05, 0.06, 0.5,
        "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", classes, 4);
    return new TaskResult(p.taskId(), p, Status.OK, null, "max_epochs", 2, accuracy, 1, 0.8,
        0.7, Double.NaN, accuracy, 1, 2, 3, 6, 1000.0, prov, epochs);
  }

  @Test
  void docsListTheDeclaredColumns() throws Exception {
    String docs = Files.readString(ROOT.resolve("docs/output.md"));
    assertTrue(docs.contains(ResultSchema.markdownTables()), "docs/output.md's column lists are "
        + "stale; they should read:\n" + ResultSchema.markdownTables());
  }

  @Test
  void storedOrderOfTheResultColumnsNeverChanges() {
    List<String> runs = Arrays.asList(ResultSchema.RUNS.fieldNames());
    int grid = GridField.values().length;
    assertEquals(List.of("task_id", "sweep"), runs.subList(0, 2));
    assertEquals(GridField.columns(), runs.subList(2, 2 + grid));
    assertEquals("status message stop_reason epochs max_test_accuracy best_epoch "
        + "final_train_loss final_train_accuracy final_test_loss final_test_accuracy "
        + "data_millis train_millis eval_millis total_millis samples_per_second noise_sigma "
        + "noise_parameter gsd parameter_count device gpu_address threads host executor_id "
        + "task_attempt analogsweep_version djl_version pytorch_version java_version os "
        + "dataset_source dataset_format dataset_sha256 train_size test_size started_at "
        + "finished_at spark_version spark_master executor_count max_test_accuracy_sd "
        + "final_test_accuracy_sd classes pack_size shares_training_of",
        String.join(" ", runs.subList(2 + grid, runs.size())));
    assertEquals("struct<task_id:string,epoch:int,train_loss:double,train_accuracy:double,"
        + "test_loss:double,test_accuracy:double,train_samples:bigint,train_millis:bigint,"
        + "eval_millis:bigint,test_loss_sd:double,test_accuracy_sd:double>",
        ResultSchema.EPOCHS.catalogString());
    assertEquals("struct<task_id:string,sweep:string,family:string,interpolation:double,"
        + "gate_scale:double,leak:double,precision:int,error_probability:double,noise:string,"
        + "plane_precision:int,map_size:int,seed:bigint,max_error:double,mean_error:double,"
        + "max_error_near_zero:double,mean_error_near_zero:double,noise_sigma:double,"
        + "noise_parameter:double,gsd:double,plane_points:int,map:array<double>,millis:bigint,"
        + "analogsweep_version:string,spark_version:string,spark_master:string,"
        + "computed_at:timestamp>", ResultSchema.MAPS.catalogString());
    assertEquals(List.of(false, false), List.of(ResultSchema.RUNS.fields()[0].nullable(),
        ResultSchema.RUNS.fields()[1].nullable()));
  }

  @Test
  void aRunsRowHoldsEachValueAtItsColumn() {
    TaskResult r = result(0.9, 10);
    Row row = ResultSchema.runRow(new TaskOutcome(r, "exec-1", 2, "0"), INFO);
    StructType schema = ResultSchema.RUNS;
    assertEquals(schema.size(), row.size());
    assertTypes(schema, row);
    assertEquals(r.taskId(), row.get(schema.fieldIndex("task_id")));
    assertEquals("s", row.get(schema.fieldIndex("sweep")));
    assertEquals(0.5, row.get(schema.fieldIndex("interpolation")));
    assertEquals("OK", row.get(schema.fieldIndex("status")));
    assertNull(row.get(schema.fieldIndex("final_test_loss")), "NaN is stored as null");
    assertEquals(0.9, row.get(schema.fieldIndex("max_test_accuracy")));
    assertEquals(0.02, row.get(schema.fieldIndex("max_test_accuracy_sd")), "best epoch 1");
    assertEquals(0.04, row.get(schema.fieldIndex("final_test_accuracy_sd")), "last epoch 2");
    assertEquals("exec-1", row.get(schema.fieldIndex("executor_id")));
    assertEquals(2, row.get(schema.fieldIndex("task_attempt")));
    assertEquals("0", row.get(schema.fieldIndex("gpu_address")));
    assertEquals(3, row.get(schema.fieldIndex("executor_count")));
    assertEquals(Timestamp.valueOf("2026-01-01 00:01:00").getTime()
        - Timestamp.valueOf("2026-01-01 00:00:00").getTime(),
        ((Timestamp) row.get(schema.fieldIndex("finished_at"))).getTime()
        - ((Timestamp) row.get(schema.fieldIndex("started_at"))).getTime());
    assertEquals(10, row.get(schema.fieldIndex("classes")));
    assertEquals(4, row.get(schema.fieldIndex("pack_size")));
    Row unknownClasses = ResultSchema.runRow(new TaskOutcome(result(0.9, 0), "e", 0, null),
        INFO);
    assertNull(unknownClasses.get(schema.fieldIndex("classes")), "0 classes: unknown");
  }

  @Test
  void epochAndMapRowsHoldEachValueAtItsColumn() {
    List<Row> epochs = ResultSchema.epochRows(result(0.9, 10));
    assertEquals(2, epochs.size());
    for (Row e : epochs) {
      assertEquals(ResultSchema.EPOCHS.size(), e.size());
      assertTypes(ResultSchema.EPOCHS, e);
    }
    assertEquals(2, epochs.get(1).get(1));
    assertNull(epochs.get(1).get(ResultSchema.EPOCHS.fieldIndex("test_loss")));
    assertEquals(0.04, epochs.get(1).get(ResultSchema.EPOCHS.fieldIndex("test_accuracy_sd")));

    GradientErrorPoint p = new GradientErrorPoint(ActivationFamily.values()[0], 0.0, 1.0, 0.0,
        256, 0.5, NoiseKind.values()[0], 8, 2, 3);
    GradientErrorMap.Result m = new GradientErrorMap.Result(p, "id", 0.4, 0.1, 0.3, 0.2, 0.05,
        0.05, 289, new double[] {1, 2, 3, 4}, 12);
    Row row = ResultSchema.mapRow(m, INFO);
    assertEquals(ResultSchema.MAPS.size(), row.size());
    assertTypes(ResultSchema.MAPS, row);
    assertEquals(List.of(1.0, 2.0, 3.0, 4.0), row.get(ResultSchema.MAPS.fieldIndex("map")));
    assertEquals(289, row.get(ResultSchema.MAPS.fieldIndex("plane_points")));
    assertEquals(0.3, row.get(ResultSchema.MAPS.fieldIndex("max_error_near_zero")));
  }

  @Test
  void aColumnIsDeclaredOnce() {
    ColumnTable.Builder<Object> b = ColumnTable.builder().column("a", DataTypes.IntegerType,
        "", s -> 1);
    assertThrows(IllegalArgumentException.class, () -> b.column("a", DataTypes.LongType, "",
        s -> 1L));
  }

  /** Each non-null value is of the Java class Spark and {@link ParquetFiles} take for its type. */
  static void assertTypes(StructType schema, Row row) {
    StructField[] fields = schema.fields();
    for (int k = 0; k < fields.length; k++) {
      Object v = row.get(k);
      if (v == null) {
        assertTrue(fields[k].nullable(), fields[k].name() + " is required");
        continue;
      }
      assertInstanceOf(javaClass(fields[k].dataType()), v, fields[k].name());
    }
  }

  private static Class<?> javaClass(DataType t) {
    if (t instanceof ArrayType) {
      return List.class;
    }
    if (t.equals(DataTypes.StringType)) {
      return String.class;
    }
    if (t.equals(DataTypes.IntegerType)) {
      return Integer.class;
    }
    if (t.equals(DataTypes.LongType)) {
      return Long.class;
    }
    if (t.equals(DataTypes.DoubleType)) {
      return Double.class;
    }
    if (t.equals(DataTypes.BooleanType)) {
      return Boolean.class;
    }
    return Timestamp.class;
  }
}
