package analogsweep.driver.store;

import analogsweep.grid.GridField;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a folder's results back in today's schema, whichever version wrote each wave: waves of
 * version 0.1 store {@code hidden_sizes} as text ("256,128") and lack the columns added since;
 * they are read in their own layout and converted, and every column added since is filled with
 * the value that version implied (a grid field's default: Gaussian noise, the model's own
 * placement; the Gaussian sigma as the noise parameter; the number of classes from the dataset's
 * format). Readers of this class never see the difference; columns that older rows cannot know
 * (the spread over evaluation repeats) read as null. Each dataset also has the {@code wave}
 * partition column.
 */
public final class ResultReader {
  private ResultReader() {}

  /** Task ids with a stored row in {@code dataset} (runs, or maps of a gradient-error sweep). */
  public static Set<String> storedTaskIds(SparkSession spark, OutputFolder folder, String dataset)
      throws IOException {
    Set<String> ids = new HashSet<>();
    if (folder.waves(dataset).isEmpty()) {
      return ids;
    }
    // task_id is a string in every version's layout, so one read covers them all
    StructType idOnly = new StructType().add("task_id", DataTypes.StringType, false);
    for (Row r : spark.read().schema(idOnly).parquet(new Path(folder.root(), dataset).toString())
        .select("task_id").distinct().collectAsList()) {
      ids.add(r.getString(0));
    }
    return ids;
  }

  /** {@code runs/}: one row per stored task. */
  public static Dataset<Row> runs(SparkSession spark, OutputFolder folder) throws IOException {
    Dataset<Row> runs = read(spark, folder, "runs", ResultSchema.RUNS);
    runs = runs.withColumn("pack_size", functions.coalesce(runs.col("pack_size"),
        functions.lit(1))); // every task trained alone before packing existed
    runs = runs.withColumn("noise_parameter", functions.coalesce(runs.col("noise_parameter"),
        functions.when(runs.col("noise").equalTo("gaussian"), runs.col("noise_sigma"))));
    // Rows stored before 0.3 lack the number of classes; every dataset those versions read has
    // 10 (the IDX sets, CIFAR-10) except CIFAR-100.
    return runs.withColumn("classes", functions.coalesce(runs.col("classes"),
        functions.when(runs.col("dataset_format").equalTo("cifar-100"), functions.lit(100))
            .otherwise(functions.lit(10))));
  }

  /** {@code epochs/}: one row per stored task and epoch. */
  public static Dataset<Row> epochs(SparkSession spark, OutputFolder folder) throws IOException {
    return read(spark, folder, "epochs", ResultSchema.EPOCHS);
  }

  /** {@code maps/}: one row per gradient-error map. */
  public static Dataset<Row> maps(SparkSession spark, OutputFolder folder) throws IOException {
    Dataset<Row> maps = read(spark, folder, "maps", ResultSchema.MAPS);
    maps = maps.withColumn("noise", functions.coalesce(maps.col("noise"), functions.lit("gaussian")));
    return maps.withColumn("noise_parameter", functions.coalesce(maps.col("noise_parameter"),
        functions.when(maps.col("noise").equalTo("gaussian"), maps.col("noise_sigma"))));
  }

  private static Dataset<Row> read(SparkSession spark, OutputFolder folder, String dataset,
      StructType schema) throws IOException {
    StructType withWave = ResultSchema.withWave(schema);
    Path base = new Path(folder.root(), dataset);
    List<String> current = new ArrayList<>();
    List<String> v1 = new ArrayList<>();
    Manifest manifest = folder.manifest();
    boolean mayHoldV1 = manifest == null || manifest.mayHoldV1();
    boolean hasLists = schema.getFieldIndex("hidden_sizes").isDefined();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    for (int wave : folder.waves(dataset)) {
      Path dir = new Path(base, "wave=" + wave);
      if (mayHoldV1 && hasLists && storesSizesAsText(folder, dir, conf)) {
        v1.add(dir.toString());
      } else {
        current.add(dir.toString());
      }
    }
    Dataset<Row> out = null;
    if (!current.isEmpty() || v1.isEmpty()) {
      out = current.isEmpty() ? spark.createDataFrame(List.of(), withWave)
          : spark.read().schema(withWave).option("basePath", base.toString())
              .parquet(current.toArray(String[]::new));
    }
    if (!v1.isEmpty()) {
      Dataset<Row> old = spark.read().schema(v1Layout(withWave))
          .option("basePath", base.toString()).parquet(v1.toArray(String[]::new))
          .withColumn("hidden_sizes", functions.expr("CASE WHEN trim(hidden_sizes) = '' THEN "
              + "cast(array() AS array<int>) ELSE transform(split(hidden_sizes, ','), "
              + "w -> cast(trim(w) AS int)) END"));
      out = out == null ? old.select(columns(withWave)) : out.unionByName(old);
    }
    return withDefaults(out.select(columns(withWave)));
  }

  /** The schema with {@code hidden_sizes} as text, as version 0.1 stored it. */
  private static StructType v1Layout(StructType schema) {
    List<StructField> fields = new ArrayList<>();
    for (StructField f : schema.fields()) {
      fields.add(f.name().equals("hidden_sizes")
          ? DataTypes.createStructField(f.name(), DataTypes.StringType, true) : f);
    }
    return new StructType(fields.toArray(new StructField[0]));
  }

  private static Column[] columns(StructType schema) {
    List<Column> cols = new ArrayList<>();
    for (String name : schema.fieldNames()) {
      cols.add(functions.col(name));
    }
    return cols.toArray(new Column[0]);
  }

  /** Grid columns added after version 1 hold their default where a row predates them. */
  private static Dataset<Row> withDefaults(Dataset<Row> rows) {
    for (GridField f : GridField.values()) {
      Object value = f.absentColumnValue();
      if (f.since() > 1 && value != null && rows.schema().getFieldIndex(f.column()).isDefined()) {
        rows = rows.withColumn(f.column(), functions.coalesce(rows.col(f.column()),
            functions.lit(value)));
      }
    }
    return rows;
  }

  /** Whether a wave's Parquet stores hidden_sizes as text (version 0.1), from its footer. */
  private static boolean storesSizesAsText(OutputFolder folder, Path waveDir, Configuration conf)
      throws IOException {
    for (FileStatus f : folder.fs().listStatus(waveDir)) {
      if (!f.getPath().getName().endsWith(".parquet")) {
        continue;
      }
      try (ParquetFileReader reader = StoredColumns.open(f.getPath(), conf)) {
        MessageType schema = reader.getFooter().getFileMetaData().getSchema();
        return schema.containsField("hidden_sizes")
            && schema.getType("hidden_sizes").isPrimitive();
      }
    }
    return false;
  }
}
