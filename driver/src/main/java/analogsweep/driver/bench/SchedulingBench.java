package analogsweep.driver.bench;

import analogsweep.driver.exec.SyntheticTasks;
import analogsweep.driver.run.SweepRunner;
import analogsweep.driver.store.OutputFolder;
import analogsweep.driver.store.ResultReader;
import analogsweep.grid.GridPoint;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Slot utilization of the two schedules on synthetic tasks of very different lengths, through
 * the {@link SyntheticTasks} hook (no training, only waits): each task's epoch limit is drawn
 * from a heavy-tailed (Pareto) law, as real sweeps mix short runs with long deep ones, and it
 * waits a fixed time per epoch. Utilization is the busy time of all tasks over (slots x wall
 * time) of the run; waves against dynamic, side by side on one session.
 */
public final class SchedulingBench {
  private SchedulingBench() {}

  /**
   * Runs {@code tasks} synthetic tasks, epochs from Pareto(alpha) between 1 and
   * {@code maxEpochs}, {@code secondsPerEpoch} each, under each schedule.
   */
  public static Map<String, Object> measure(SparkSession spark, int tasks, double alpha,
      int maxEpochs, double secondsPerEpoch, PrintStream log) throws IOException {
    int slots = Math.max(1, spark.sparkContext().defaultParallelism());
    SplittableRandom random = new SplittableRandom(2402_02593L);
    List<GridPoint> points = new ArrayList<>();
    long totalEpochs = 0;
    for (int k = 0; k < tasks; k++) {
      int epochs = (int) Math.min(maxEpochs, Math.floor(1 / Math.pow(1 - random.nextDouble(),
          1 / alpha)));
      totalEpochs += epochs;
      points.add(GridPoint.builder().set("data_path", "(synthetic)").set("max_epochs", epochs)
          .set("seed", k + 1).build());
    }
    Sweep sweep = new Sweep("bench-scheduling", SweepKind.TRAIN, "", "(benchmark)", "",
        Map.of(), points, List.of());
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("slots", slots);
    figures.put("tasks", tasks);
    figures.put("law", "epochs ~ Pareto(alpha " + alpha + ") in [1, " + maxEpochs + "], "
        + secondsPerEpoch + " s per epoch; " + totalEpochs + " epochs in all");
    for (String schedule : new String[] {"waves", "dynamic"}) {
      Path dir = Files.createTempDirectory("analogsweep-sched");
      try {
        long t0 = System.nanoTime();
        SweepRunner.run(spark, sweep, new SweepRunner.Options(dir.toString(), false, 0, 2,
            false, 0, schedule, 60, 1, new SyntheticTasks(secondsPerEpoch)),
            new PrintStream(new ByteArrayOutputStream()));
        double wall = (System.nanoTime() - t0) / 1e9;
        OutputFolder folder = new OutputFolder(dir.toString(),
            spark.sparkContext().hadoopConfiguration());
        double busy = ResultReader.runs(spark, folder).agg(
            functions.sum("train_millis")).first().getLong(0) / 1000.0;
        double utilization = busy / (slots * wall);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("wall_seconds", Bench.round(wall));
        row.put("busy_seconds", Bench.round(busy));
        row.put("utilization", Bench.round(utilization));
        figures.put(schedule, row);
        log.printf(Locale.ROOT, "scheduling, %-7s: %d synthetic tasks on %d slots, "
            + "%.1f s busy in %.1f s wall: %.1f%% of slot time used%n", schedule, tasks, slots,
            busy, wall, 100 * utilization);
      } finally {
        try (var walk = Files.walk(dir)) {
          walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    return figures;
  }
}
