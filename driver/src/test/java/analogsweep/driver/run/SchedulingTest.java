package analogsweep.driver.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import analogsweep.driver.TestSupport;
import analogsweep.driver.exec.SyntheticTasks;
import analogsweep.driver.exec.TaskExecution;
import analogsweep.grid.GridPoint;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepFile;
import analogsweep.sweep.SweepKind;
import analogsweep.train.TrainingJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dynamic schedule against 0.1's waves on tasks of very different lengths, progress inside
 * running tasks, and packed tasks stored exactly once.
 */
class SchedulingTest {
  @TempDir
  Path tmp;

  /** Synthetic tasks (waits of 0.1 s per epoch) with epoch limits 1 .. 12, mixed. */
  static Sweep synthetic(String name) {
    List<GridPoint> points = new ArrayList<>();
    int[] epochs = {12, 1, 1, 2, 1, 8, 1, 3, 1, 1, 6, 2, 1, 1, 4, 1};
    for (int k = 0; k < epochs.length; k++) {
      points.add(GridPoint.builder().set("data_path", "(synthetic)").set("max_epochs", epochs[k])
          .set("seed", k + 1).build());
    }
    return new Sweep(name, SweepKind.TRAIN, "", "(test)", "", Map.of(), points, List.of());
  }

  static double wall(Sweep sweep, Path out, String schedule) throws Exception {
    long t0 = System.nanoTime();
    SweepRunner.Summary s = SweepRunner.run(TestSupport.spark(), sweep, new SweepRunner.Options(
        out.toString(), false, 0, 2, false, 0, schedule, 60, 1, new SyntheticTasks(0.1)),
        new PrintStream(new ByteArrayOutputStream()));
    assertEquals(sweep.size(), s.trained());
    assertTrue(s.complete());
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * 16 tasks, 46 epochs of 0.1 s, on 2 slots. The dynamic schedule submits the longest first, so
   * the two tasks that start first are the 12- and 8-epoch ones; both schedules store every task
   * once. How much busier the slots are is a speed figure: {@code bench} measures it side by side
   * (a wall-clock comparison here failed on a loaded machine), so the times are only printed.
   */
  @Test
  void dynamicScheduleStartsTheLongestFirstAndStoresEachOnce() throws Exception {
    Sweep sweep = synthetic("sched");
    double waves = wall(sweep, tmp.resolve("waves"), "waves");
    double dynamic = wall(sweep, tmp.resolve("dynamic"), "dynamic");
    System.out.printf("16 synthetic tasks, 4.6 s of work on 2 slots: waves %.2f s, dynamic "
        + "%.2f s%n", waves, dynamic);
    for (String schedule : List.of("waves", "dynamic")) {
      List<List<Object>> rows = TestSupport.duckdb("SELECT count(*), count(DISTINCT task_id), "
          + "sum(epochs) FROM " + TestSupport.parquet(tmp.resolve(schedule), "runs"));
      assertEquals("[[16, 16, 46]]", rows.toString(), schedule);
    }
    // the two start together on the two slots, in either order
    List<List<Object>> first = TestSupport.duckdb("SELECT max_epochs FROM (SELECT max_epochs "
        + "FROM " + TestSupport.parquet(tmp.resolve("dynamic"), "runs")
        + " ORDER BY started_at LIMIT 2) ORDER BY max_epochs DESC");
    assertEquals("[[12], [8]]", first.toString());
  }

  /** The batch sizes the scheduler stores, 40 one-epoch synthetic tasks of 0.01 s on 2 slots. */
  static List<Integer> batches(int batchSize) throws Exception {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(TestSupport.spark().sparkContext());
    ArrayDeque<TrainingJob> jobs = new ArrayDeque<>();
    for (int k = 0; k < 40; k++) {
      jobs.add(TrainingJob.of(GridPoint.builder().set("data_path", "(synthetic)")
          .set("max_epochs", 1).set("seed", k + 1).build()));
    }
    List<Integer> sizes = new ArrayList<>();
    new TaskScheduler(jsc, new TaskExecution(false, null, new SyntheticTasks(0.01)),
        TaskScheduler.Policy.DYNAMIC, batchSize, 2, 60, "batches", () -> false)
        .run(jobs, outcomes -> sizes.add(outcomes.size()), (failed, why) -> {
          throw new AssertionError(why);
        });
    return sizes;
  }

  /**
   * Short tasks: unasked, a batch waits two seconds after the last one and then takes all that
   * came back, so that 40 results on 2 slots are not 20 waves of two; asked for (--wave-size 2),
   * no batch holds more than two.
   */
  @Test
  void shortTasksMakeFewerLargerBatchesUnlessASizeIsAsked() throws Exception {
    List<Integer> unasked = batches(0);
    assertEquals(40, unasked.stream().mapToInt(Integer::intValue).sum(), unasked.toString());
    // 40 tasks of about 0.05 s each on 2 slots: 1 to 2 s, so two or three batches where the
    // machine is idle; fewer than half the 20 of two even where it is loaded
    assertTrue(unasked.size() < 10, unasked.toString());
    List<Integer> asked = batches(2);
    assertEquals(40, asked.stream().mapToInt(Integer::intValue).sum(), asked.toString());
    assertTrue(asked.stream().allMatch(n -> n <= 2) && asked.size() >= 20, asked.toString());
  }

  /** The progress line counts epochs of tasks still running (from executors' heartbeats). */
  @Test
  void progressShowsEpochsOfRunningTasks() throws Exception {
    List<GridPoint> points = new ArrayList<>();
    for (int k = 1; k <= 2; k++) {
      points.add(GridPoint.builder().set("data_path", "(synthetic)").set("max_epochs", 10)
          .set("seed", k).build());
    }
    Sweep sweep = new Sweep("progress", SweepKind.TRAIN, "", "(test)", "", Map.of(), points,
        List.of());
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    SweepRunner.run(TestSupport.spark(), sweep, new SweepRunner.Options(
        tmp.resolve("progress").toString(), false, 0, 2, false, 1, "dynamic", 60, 1,
        new SyntheticTasks(0.5)), new PrintStream(log, true));
    // the tasks run 5 s; the progress line is printed every second
    Matcher m = Pattern.compile("0/2 done \\(0 stored\\).* 2 running, epochs (\\d+)/20")
        .matcher(log.toString());
    int most = 0;
    while (m.find()) {
      most = Math.max(most, Integer.parseInt(m.group(1)));
    }
    assertTrue(most > 0, "no epochs of running tasks in:\n" + log);
    assertTrue(log.toString().contains("2/2 done (2 stored), 0 failed, 0 diverged, 0 running, "
        + "epochs 20/20"), log.toString());
  }

  /** Points packed four to a task: one row each, stored once, with their pack size. */
  @Test
  void packedTasksStoreOneRowPerPoint() throws Exception {
    assumeTrue(TestSupport.hasFashionMnist(), "dataset-fashion-mnist is not installed");
    Sweep sweep = SweepFile.read(TestSupport.tinySweep(tmp, "packed"));
    Path out = tmp.resolve("packed-out");
    SweepRunner.Summary s = SweepRunner.run(TestSupport.spark(), sweep, new SweepRunner.Options(
        out.toString(), false, 0, 2, false, 0, "dynamic", 60, 4, null),
        new PrintStream(new ByteArrayOutputStream()));
    assertEquals(8, s.trained());
    List<List<Object>> rows = TestSupport.duckdb("SELECT count(*), count(DISTINCT task_id), "
        + "min(pack_size), max(pack_size), sum(CASE WHEN status = 'OK' THEN 1 ELSE 0 END) FROM "
        + TestSupport.parquet(out, "runs"));
    assertEquals("[[8, 8, 4, 4, 8]]", rows.toString());
    List<List<Object>> epochs = TestSupport.duckdb("SELECT count(*) FROM "
        + TestSupport.parquet(out, "epochs") + " e JOIN " + TestSupport.parquet(out, "runs")
        + " r USING (task_id) WHERE e.wave = r.wave");
    List<List<Object>> planned = TestSupport.duckdb("SELECT sum(epochs) FROM "
        + TestSupport.parquet(out, "runs"));
    assertEquals(planned.get(0).get(0).toString(), epochs.get(0).get(0).toString());
  }
}
