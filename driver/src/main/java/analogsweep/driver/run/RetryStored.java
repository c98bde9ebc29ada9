package analogsweep.driver.run;

import analogsweep.driver.store.OutputFolder;
import analogsweep.driver.store.ResultReader;
import analogsweep.driver.store.RowRemoval;
import analogsweep.sweep.Sweep;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Stored results that a run trains again on request ({@code --retry-failed},
 * {@code --retry-diverged}): their rows move to {@code superseded/} before the run plans.
 */
final class RetryStored {
  private RetryStored() {}

  /**
   * With --retry-failed (--retry-diverged): moves the planned tasks' FAILED (DIVERGED) results and
   * their epochs to superseded/, so that they are pending again and stored once when retrained.
   */
  static int moveAside(SparkSession spark, OutputFolder folder, Sweep sweep,
      SweepRunner.Options options, PrintStream log) throws IOException {
    List<String> statuses = new ArrayList<>();
    if (options.retryFailed()) {
      statuses.add("FAILED");
    }
    if (options.retryDiverged()) {
      statuses.add("DIVERGED");
    }
    if (statuses.isEmpty() || folder.waves("runs").isEmpty()) {
      return 0;
    }
    Set<String> planned = new HashSet<>(sweep.taskIds());
    Map<Integer, List<String>> byWave = new TreeMap<>();
    for (Row r : ResultReader.runs(spark, folder)
        .where(functions.col("status").isin(statuses.toArray()))
        .select("task_id", "wave").collectAsList()) {
      if (planned.contains(r.getString(0))) {
        byWave.computeIfAbsent(((Number) r.get(1)).intValue(), w -> new ArrayList<>())
            .add(r.getString(0));
      }
    }
    int moved = RowRemoval.moveAside(spark, folder, byWave,
        List.of("epochs", "runs"), "superseded");
    if (moved > 0) {
      log.printf("[%s] moved %d %s result(s) to %s to train them again%n", sweep.name(), moved,
          String.join(" or ", statuses), new Path(folder.root(), "superseded"));
    }
    return moved;
  }
}
