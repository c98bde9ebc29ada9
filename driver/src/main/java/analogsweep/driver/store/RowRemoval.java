package analogsweep.driver.store;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Takes the rows of some tasks out of the stored waves, so that training them again stores one
 * current row per task id and never a second one: {@code run --retry-failed} moves the FAILED (or
 * DIVERGED) rows of {@code runs/} and their {@code epochs/} rows to {@code superseded/}, where the
 * old attempts stay readable apart ({@code superseded/runs/wave=N}). A plain read of
 * {@code runs/} or {@code epochs/}, by Spark, DuckDB or pandas, therefore never counts a task
 * twice.
 *
 * <p>The protocol: each affected wave is rewritten into the staging area as the rows that stay
 * and the rows that leave ({@code _staging/rewrite.partial}), the area is renamed to
 * {@code _staging/rewrite} once complete, and {@link OutputFolder#finishRewrite} then swaps the
 * files. A driver killed before the rename leaves the folder as it was; one killed after it has
 * the swap finished by the next run ({@link OutputFolder#repair}).
 */
public final class RowRemoval {
  private RowRemoval() {}

  /**
   * Moves the rows of {@code taskIds} (by wave) out of {@code runs/} and {@code epochs/} (or
   * {@code maps/}) into {@code destination/} ("superseded"). Returns the number of runs rows
   * moved.
   */
  public static int moveAside(SparkSession spark, OutputFolder folder,
      Map<Integer, ? extends Collection<String>> taskIdsByWave, List<String> datasets,
      String destination) throws IOException {
    if (taskIdsByWave.isEmpty()) {
      return 0;
    }
    Path partial = new Path(folder.rewriteArea().getParent(), "rewrite.partial");
    folder.fs().delete(partial, true);
    // Standard Parquet timestamps, as the runner writes them.
    spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    int moved = 0;
    for (String dataset : datasets) {
      for (Map.Entry<Integer, ? extends Collection<String>> e
          : new TreeMap<>(taskIdsByWave).entrySet()) {
        List<Path> files = folder.parquetFiles(folder.wave(dataset, e.getKey()));
        if (files.isEmpty()) {
          continue;
        }
        // read in the file's own layout (a wave of version 0.1 stays in its layout)
        Dataset<Row> rows = spark.read().parquet(files.stream().map(Path::toString)
            .toArray(String[]::new));
        Column leaving = functions.col("task_id").isin(e.getValue().toArray());
        Dataset<Row> gone = rows.where(leaving);
        long goneCount = gone.count();
        if (goneCount == 0) {
          continue;
        }
        Path staged = new Path(new Path(partial, dataset), "wave=" + e.getKey());
        gone.coalesce(1).write().mode(SaveMode.ErrorIfExists)
            .parquet(new Path(staged, destination).toString());
        Dataset<Row> kept = rows.where(functions.not(leaving));
        Path keptDir = new Path(staged, "kept");
        if (kept.isEmpty()) {
          folder.fs().mkdirs(keptDir);
          folder.fs().create(new Path(keptDir, "_EMPTY")).close();
        } else {
          kept.coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(keptDir.toString());
        }
        if (dataset.equals("runs") || dataset.equals("maps")) {
          moved += (int) goneCount;
        }
      }
    }
    if (!folder.fs().exists(partial)) {
      return 0;
    }
    folder.cleanBookkeeping(partial);
    if (!folder.fs().rename(partial, folder.rewriteArea())) {
      throw new IOException("cannot rename " + partial + " to " + folder.rewriteArea());
    }
    folder.finishRewrite();
    return moved;
  }
}
