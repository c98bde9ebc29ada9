package analogsweep.driver.store;

import analogsweep.grid.GridPoint;
import analogsweep.grid.FolderRecipe;
import analogsweep.grid.Recipe;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Output folders for the tests of the status command, written with the store's own Parquet
 * writer (no Spark): FAILED and DIVERGED rows whose settings vary in every column type, rows in
 * the layout of version 0.1 ({@code hidden_sizes} as text, none of the columns added since)
 * beside rows in today's, a row of a grid point no longer planned, an earlier attempt in
 * {@code superseded/}, and many rows spread over many files.
 */
final class StatusFolders {
  static final Configuration CONF = new Configuration();

  /** A sweep whose axes have every column type: a list, a double, a string, a boolean, a long. */
  static final String MIXED_SWEEP = "name: mixed\n"
      + "data:\n  path: /data/x\n  train_limit: 300\n"
      + "analog:\n  precision: 16\n"
      + "training:\n  max_epochs: 2\n"
      + "seeds: [1, 2]\n"
      + "grid:\n  hidden_sizes: [[8], [16, 8]]\n  interpolation: [0, 0.25]\n"
      + "  rounding: [deterministic, stochastic]\n  early_stopping: [true, false]\n";

  private StatusFolders() {}

  static OutputFolder folder(Path dir) {
    return new OutputFolder(dir.toString(), CONF);
  }

  /**
   * The mixed sweep's 32 points: waves 1 and 2 in the layout of 0.1 (manifest of format v1),
   * waves 3 to 5 in today's, 3 points pending, points 3, 7, 11, ... FAILED (some with a null
   * message), points 5, 13, 21 DIVERGED, one row of a point no longer planned, and one earlier
   * attempt in superseded/.
   */
  static Path mixed(Path dir) throws IOException {
    // a folder of 0.1 resumed since: its sweep expands under the recipe of its time
    Sweep sweep = SweepFile.parse(MIXED_SWEEP, "mixed.yaml", List.of(),
        new FolderRecipe(Recipe.ANALOGSWEEP_1, 1));
    OutputFolder folder = new OutputFolder(dir.toString(), CONF);
    Files.createDirectories(dir);
    Manifest m = Manifest.create(sweep);
    folder.writeManifest(new Manifest(Manifest.FORMAT_V1, m.sweep(), m.kind(), m.createdAt(),
        m.fingerprint(), m.plannedTasks(), m.sweepFile(), List.of()), sweep);
    List<GridPoint> points = sweep.points();
    List<Row> v1 = new ArrayList<>();
    List<Row> today = new ArrayList<>();
    for (int k = 0; k < points.size() - 3; k++) {
      String status = k % 4 == 3 ? "FAILED" : k % 8 == 5 ? "DIVERGED" : "OK";
      String message = status.equals("OK") || k == 7 ? null : status.toLowerCase() + " at point "
          + k;
      if (k < 12) {
        v1.add(v1Row(points.get(k), status, message));
      } else {
        today.add(runsRow(points.get(k), status, message));
      }
    }
    writeRuns(dir, 1, v1Schema(), v1.subList(0, 5));
    writeRuns(dir, 2, v1Schema(), v1.subList(5, v1.size()));
    writeRuns(dir, 3, ResultSchema.RUNS, today.subList(0, 4));
    writeRuns(dir, 3, ResultSchema.RUNS, today.subList(4, 9));
    writeRuns(dir, 4, ResultSchema.RUNS, today.subList(9, 14));
    GridPoint gone = points.get(0).toBuilder().set("seed", 99).build();
    writeRuns(dir, 5, ResultSchema.RUNS, List.of(runsRow(gone, "FAILED", "no longer planned")));
    Path superseded = dir.resolve("superseded/runs/wave=2");
    Files.createDirectories(superseded);
    ParquetFiles.write(v1Schema(), List.of(v1Row(points.get(3), "FAILED", "first attempt")),
        new org.apache.hadoop.fs.Path(superseded.toString()), CONF);
    return dir;
  }

  /** A sweep of {@code n} = 10 x 10 x (n / 100) points, all stored, one file per 10 rows. */
  static Path many(Path dir, int n) throws IOException {
    String seeds = java.util.stream.IntStream.rangeClosed(1, n / 100).mapToObj(String::valueOf)
        .collect(Collectors.joining(", "));
    Sweep sweep = SweepFile.parse("name: many\ndata:\n  path: /data/x\n"
        + "analog:\n  precision: 16\nseeds: [" + seeds + "]\n"
        + "grid:\n  interpolation: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]\n"
        + "  error_probability: [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45]\n",
        "many.yaml", List.of(),
        new FolderRecipe(Recipe.ANALOGSWEEP_1, 1)); // the ids status-before/many.txt shows
    OutputFolder folder = new OutputFolder(dir.toString(), CONF);
    Files.createDirectories(dir);
    folder.writeManifest(Manifest.create(sweep), sweep);
    List<GridPoint> points = sweep.points();
    List<Row> batch = new ArrayList<>();
    for (int k = 0; k < points.size(); k++) {
      String status = k % 97 == 0 ? "FAILED" : k % 89 == 0 ? "DIVERGED" : "OK";
      batch.add(runsRow(points.get(k), status, status.equals("OK") ? null : "at point " + k));
      if (batch.size() == 10) {
        writeRuns(dir, 1 + k / 100, ResultSchema.RUNS, batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      writeRuns(dir, 1 + points.size() / 100, ResultSchema.RUNS, batch);
    }
    return dir;
  }

  static void writeRuns(Path dir, int wave, StructType schema, List<Row> rows)
      throws IOException {
    Path waveDir = dir.resolve("runs/wave=" + wave);
    Files.createDirectories(waveDir);
    ParquetFiles.write(schema, rows, new org.apache.hadoop.fs.Path(waveDir.toString()), CONF);
  }

  /** A runs row in today's layout: the point's columns, its status and message. */
  static Row runsRow(GridPoint p, String status, String message) {
    return row(ResultSchema.RUNS, p, status, message, false);
  }

  /** The runs columns of version 0.1: grid fields of version 1, hidden_sizes as text. */
  static StructType v1Schema() {
    List<StructField> fields = new ArrayList<>();
    for (StructField f : ResultSchema.RUNS.fields()) {
      var grid = analogsweep.grid.GridField.byColumn(f.name());
      if (grid != null && grid.since() > 1) {
        continue;
      }
      if (f.name().equals("noise_sigma")) {
        break; // the provenance columns added since; 0.1's own are not needed here
      }
      fields.add(f.name().equals("hidden_sizes")
          ? DataTypes.createStructField("hidden_sizes", DataTypes.StringType, false) : f);
    }
    return new StructType(fields.toArray(new StructField[0]));
  }

  static Row v1Row(GridPoint p, String status, String message) {
    return row(v1Schema(), p, status, message, true);
  }

  private static Row row(StructType schema, GridPoint p, String status, String message,
      boolean sizesAsText) {
    Object[] values = new Object[schema.size()];
    Map<String, Object> columns = p.columns();
    for (int k = 0; k < values.length; k++) {
      String name = schema.fields()[k].name();
      Object v = switch (name) {
        case "task_id" -> p.taskId();
        case "sweep" -> "test";
        case "status" -> status;
        case "message" -> message;
        default -> columns.get(name);
      };
      if (name.equals("hidden_sizes") && sizesAsText && v instanceof List<?> l) {
        v = l.stream().map(String::valueOf).collect(Collectors.joining(","));
      }
      values[k] = v;
    }
    return RowFactory.create(values);
  }
}
