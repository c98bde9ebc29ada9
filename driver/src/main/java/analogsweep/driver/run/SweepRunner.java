package analogsweep.driver.run;

import analogsweep.analysis.GradientErrorMap;
import analogsweep.analysis.GradientErrorPoint;
import analogsweep.driver.exec.SyntheticTasks;
import analogsweep.driver.exec.TaskExecution;
import analogsweep.driver.exec.TaskOutcome;
import analogsweep.driver.store.Manifest;
import analogsweep.driver.store.OutputFolder;
import analogsweep.driver.store.ResultReader;
import analogsweep.driver.store.ResultSchema;
import analogsweep.grid.GridPoint;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepKind;
import analogsweep.train.GridPointTrainer;
import analogsweep.train.Status;
import analogsweep.train.TrainingJob;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a sweep on Spark: trains every grid point without a stored result, one task per
 * partition, in waves of about one task per slot with a few waves in flight, and stores each
 * finished wave as Parquet at once (see {@link OutputFolder} for the commit protocol). A killed
 * driver loses only the waves in flight; running again trains only what is missing.
 */
public final class SweepRunner {
  /**
   * How a run is carried out; none of it changes what a grid point computes (packing changes
   * only which noise draws a point gets). {@code waveSize}: outcomes per stored batch (0: one per
   * task slot); {@code wavesInFlight}: batches in flight under the waves schedule;
   * {@code flushSeconds}: the longest an outcome waits to be stored; {@code pack}: the most grid
   * points trained together as one model; {@code synthetic}: a benchmark hook that replaces
   * training by waits (null: train).
   */
  public record Options(
      String out,
      boolean extend,
      int waveSize,
      int wavesInFlight,
      boolean gpuFallbackToCpu,
      int progressSeconds,
      String schedule,
      int flushSeconds,
      int pack,
      SyntheticTasks synthetic) {

    /** Today's defaults for the scheduling: dynamic, stored at least every minute, unpacked. */
    public Options(String out, boolean extend, int waveSize, int wavesInFlight,
        boolean gpuFallbackToCpu, int progressSeconds) {
      this(out, extend, waveSize, wavesInFlight, gpuFallbackToCpu, progressSeconds, "dynamic",
          60, 1, null);
    }
  }

  /** What one run did, and what Spark reported while it ran. */
  public record Summary(int planned, int doneAtStart, int trained, int failed, int diverged,
      int unfinished, List<String> errors, int taskFailures, int executorsLost,
      int executorsSeen) {
    public boolean complete() {
      return unfinished == 0;
    }
  }

  private SweepRunner() {}

  /** The dataset whose rows mark tasks done: runs, or maps for a gradient-error sweep. */
  public static String doneDataset(SweepKind kind) {
    return kind == SweepKind.TRAIN ? "runs" : "maps";
  }

  /** Task ids with a stored result in the folder (empty for a new folder). */
  public static Set<String> doneTaskIds(SparkSession spark, OutputFolder folder, SweepKind kind)
      throws IOException {
    return ResultReader.storedTaskIds(spark, folder, doneDataset(kind));
  }

  public static Summary run(SparkSession spark, Sweep sweep, Options options, PrintStream log)
      throws IOException {
    OutputFolder folder = new OutputFolder(options.out(),
        spark.sparkContext().hadoopConfiguration());
    Manifest manifest = folder.check(sweep, options.extend());
    folder.fs().mkdirs(folder.root());
    try (OutputFolder locked = folder) {
      locked.lock();
      for (String removed : folder.repair()) {
        log.println("removed what an interrupted run left half-written: " + removed);
      }
      Set<String> done = doneTaskIds(spark, folder, sweep.kind());
      int doneInPlan = (int) sweep.taskIds().stream().filter(done::contains).count();
      int pendingCount = sweep.size() - doneInPlan;
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      ResultSchema.SparkInfo info = new ResultSchema.SparkInfo(sweep.name(), spark.version(),
          jsc.master(), executorCount(jsc));
      Manifest.Session session = Manifest.Session.started(GridPointTrainer.VERSION,
          info.master(), info.sparkVersion(), info.executors(), sweep.size(), doneInPlan);
      manifest = (manifest == null ? Manifest.create(sweep) : manifest.planning(sweep))
          .withSession(session);
      folder.writeManifest(manifest, sweep);
      log.printf("[%s] %d planned, %d already stored in %s, %d to %s on %s%n", sweep.name(),
          sweep.size(), doneInPlan, folder.root(), pendingCount,
          sweep.kind() == SweepKind.TRAIN ? "train" : "compute", info.master());
      Summary summary = sweep.kind() == SweepKind.TRAIN
          ? trainInWaves(spark, jsc, sweep, folder, done, doneInPlan, info, options, log)
          : computeMaps(spark, jsc, sweep, folder, done, doneInPlan, info);
      folder.writeManifest(manifest.withLastSession(session.finished(summary.taskFailures(),
          summary.executorsLost(), summary.executorsSeen(), summary.trained(), summary.failed(),
          summary.diverged(), summary.unfinished())), sweep);
      return summary;
    }
  }

  /** Gradient-error maps: cheap, so one Spark job and one wave. */
  private static Summary computeMaps(SparkSession spark, JavaSparkContext jsc, Sweep sweep,
      OutputFolder folder, Set<String> done, int doneInPlan, ResultSchema.SparkInfo info)
      throws IOException {
    List<GradientErrorPoint> pending = sweep.analyses().stream()
        .filter(p -> !done.contains(p.taskId())).toList();
    if (!pending.isEmpty()) {
      int wave = folder.waves("maps").isEmpty() ? 1 : folder.waves("maps").last() + 1;
      List<Row> rows = new ArrayList<>();
      for (GradientErrorMap.Result r : jsc.parallelize(pending, pending.size())
          .map(GradientErrorMap::compute).collect()) {
        rows.add(ResultSchema.mapRow(r, info));
      }
      writeStaged(spark, rows, ResultSchema.MAPS, folder.staging(wave) + "/maps");
      folder.commit(wave, "maps");
    }
    return new Summary(sweep.size(), doneInPlan, pending.size(), 0, 0, 0, List.of(), 0, 0, 0);
  }

  /** Training tasks in waves with a few in flight; each finished wave is stored at once. */
  private static Summary trainInWaves(SparkSession spark, JavaSparkContext jsc, Sweep sweep,
      OutputFolder folder, Set<String> done, int doneInPlan, ResultSchema.SparkInfo info,
      Options options, PrintStream log)
      throws IOException {
    Progress progress = new Progress(sweep.name(), sweep.size(), doneInPlan, log);
    spark.sparkContext().addSparkListener(progress);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "analogsweep-progress");
      t.setDaemon(true);
      return t;
    });
    if (options.progressSeconds() > 0) {
      ticker.scheduleAtFixedRate(progress::print, options.progressSeconds(),
          options.progressSeconds(), TimeUnit.SECONDS);
    }
    List<String> errors = new ArrayList<>();
    int[] unfinished = new int[1];
    try {
      int[] nextWave = {Math.max(folder.waves("runs").isEmpty() ? 0 : folder.waves("runs").last(),
          folder.waves("epochs").isEmpty() ? 0 : folder.waves("epochs").last()) + 1};
      List<GridPoint> pending = new ArrayList<>();
      for (GridPoint p : sweep.points()) {
        if (!done.contains(p.taskId())) {
          pending.add(p);
        }
      }
      long epochs = 0;
      for (GridPoint p : pending) {
        epochs += p.training().maxEpochs();
      }
      progress.planEpochs(epochs);
      TaskExecution execution = new TaskExecution(options.gpuFallbackToCpu(),
          progress.epochAccumulator(jsc), options.synthetic());
      TaskScheduler scheduler = new TaskScheduler(jsc, execution,
          TaskScheduler.Policy.valueOf(options.schedule().toUpperCase(java.util.Locale.ROOT)),
          options.waveSize(), options.wavesInFlight(), options.flushSeconds(), sweep.name());
      scheduler.run(TaskScheduler.longestFirst(Packs.of(pending, options.pack())), outcomes -> {
        store(spark, folder, nextWave[0]++, outcomes, info.withExecutors(executorCount(jsc)));
        int failed = 0;
        int diverged = 0;
        for (TaskOutcome o : outcomes) {
          failed += o.result().status() == Status.FAILED ? 1 : 0;
          diverged += o.result().status() == Status.DIVERGED ? 1 : 0;
        }
        progress.stored(outcomes, failed, diverged);
        progress.print();
      }, (jobs, why) -> {
        int points = jobs.stream().mapToInt(TrainingJob::size).sum();
        unfinished[0] += points;
        String message = points + " task(s) failed in Spark and stay pending: "
            + rootMessage(why);
        errors.add(message);
        log.println(message);
      });
    } finally {
      ticker.shutdownNow();
      spark.sparkContext().removeSparkListener(progress);
    }
    if (progress.taskFailures() > 0 || progress.executorsLost() > 0) {
      log.printf("[%s] Spark retried %d failed task attempt(s); %d executor(s) lost%n",
          sweep.name(), progress.taskFailures(), progress.executorsLost());
    }
    return new Summary(sweep.size(), doneInPlan, progress.storedThisRun(), progress.failed(),
        progress.diverged(), unfinished[0], errors, progress.taskFailures(),
        progress.executorsLost(), progress.executorsSeen());
  }

  /** Stages a wave's rows as Parquet, then commits it into runs/ and epochs/. */
  public static void store(SparkSession spark, OutputFolder folder, int wave,
      List<TaskOutcome> outcomes, ResultSchema.SparkInfo info) throws IOException {
    List<Row> runs = new ArrayList<>();
    List<Row> epochs = new ArrayList<>();
    for (TaskOutcome o : outcomes) {
      runs.add(ResultSchema.runRow(o, info));
      epochs.addAll(ResultSchema.epochRows(o.result()));
    }
    String staged = folder.staging(wave).toString();
    writeStaged(spark, epochs, ResultSchema.EPOCHS, staged + "/epochs");
    writeStaged(spark, runs, ResultSchema.RUNS, staged + "/runs");
    folder.commit(wave, "epochs", "runs");
  }

  /** Writes rows as one Parquet file into a staging folder that must not exist yet. */
  private static void writeStaged(SparkSession spark, List<Row> rows,
      org.apache.spark.sql.types.StructType schema, String path) {
    // Standard Parquet timestamps (UTC micros), not Spark's legacy INT96: what DuckDB, pandas
    // and Arrow read as instants.
    spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.ErrorIfExists)
        .parquet(path);
  }

  /** Concurrent task slots: total executor cores over spark.task.cpus. */
  static int slots(JavaSparkContext jsc) {
    int cpus = Integer.parseInt(jsc.getConf().get("spark.task.cpus", "1"));
    return Math.max(1, jsc.defaultParallelism() / Math.max(1, cpus));
  }

  static int executorCount(JavaSparkContext jsc) {
    int n = jsc.sc().statusTracker().getExecutorInfos().length;
    return jsc.isLocal() ? 1 : Math.max(0, n - 1);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
