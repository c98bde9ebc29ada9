package analogsweep.driver.bench;

import analogsweep.driver.run.SweepRunner;
import analogsweep.driver.store.OutputFolder;
import analogsweep.driver.store.ResultReader;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The fixed cost per task of a sweep: a sweep of tiny trainings (a 16-unit linear model, 256
 * images, one epoch) runs on the session's task slots, and what the wall clock shows beyond the
 * tasks' own time, spread over the slots, is each task's share of scheduling, serialisation and
 * storage.
 */
final class SweepCost {
  private SweepCost() {}

  static Map<String, Object> measure(SparkSession spark, String data, int tasks, PrintStream log)
      throws IOException {
    StringBuilder seeds = new StringBuilder();
    for (int s = 1; s <= tasks; s++) {
      seeds.append(s == 1 ? "" : ", ").append(s);
    }
    Sweep sweep = SweepFile.parse("name: bench-fixed-cost\ndata:\n  path: " + data
        + "\n  train_limit: 256\n  test_limit: 256\nmodel:\n  hidden_sizes: [16]\n"
        + "training:\n  max_epochs: 1\nseeds: [" + seeds + "]\n", "(benchmark sweep)");
    Path dir = Files.createTempDirectory("analogsweep-bench");
    try {
      long t0 = System.nanoTime();
      SweepRunner.run(spark, sweep, new SweepRunner.Options(dir.toString(), false, 0, 2, false,
          0), new PrintStream(new ByteArrayOutputStream()));
      double wall = (System.nanoTime() - t0) / 1e9;
      OutputFolder folder = new OutputFolder(dir.toString(),
          spark.sparkContext().hadoopConfiguration());
      double taskSeconds = ResultReader.runs(spark, folder).agg(
          functions.sum("total_millis")).first().getLong(0) / 1000.0;
      int slots = Math.max(1, spark.sparkContext().defaultParallelism());
      double perTask = Math.max(0, wall * slots - taskSeconds) / tasks;
      Map<String, Object> cost = new LinkedHashMap<>();
      cost.put("tasks", tasks);
      cost.put("slots", slots);
      cost.put("wall_seconds", Bench.round(wall));
      cost.put("task_seconds", Bench.round(taskSeconds));
      cost.put("fixed_seconds_per_task", Bench.round(perTask));
      log.printf(Locale.ROOT, "sweep fixed cost: %d tiny tasks on %d slots in %.1f s "
          + "wall, %.1f s inside the tasks: %.2f s per task beyond its training%n", tasks, slots,
          wall, taskSeconds, perTask);
      return cost;
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
