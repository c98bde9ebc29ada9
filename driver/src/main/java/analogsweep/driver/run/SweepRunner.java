package analogsweep.driver.run;

import analogsweep.analysis.GradientErrorMap;
import analogsweep.analysis.GradientErrorPoint;
import analogsweep.driver.exec.SyntheticTasks;
import analogsweep.driver.exec.TaskExecution;
import analogsweep.driver.exec.TaskOutcome;
import analogsweep.driver.store.Manifest;
import analogsweep.driver.store.OutputFolder;
import analogsweep.driver.store.ParquetFiles;
import analogsweep.driver.store.ResultSchema;
import analogsweep.driver.store.StoredColumns;
import analogsweep.driver.store.WaveCompaction;
import analogsweep.grid.GridPoint;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepKind;
import analogsweep.train.GridPointTrainer;
import analogsweep.train.Status;
import analogsweep.train.TrainingJob;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Runs a sweep on Spark: trains every grid point without a stored result (alone, or packed with
 * others as one model), hands the jobs to Spark as slots free ({@link TaskScheduler}), and
 * stores results as Parquet in batches (see {@link OutputFolder} for the commit protocol). A
 * killed driver loses only results not yet stored; running again trains only what is missing.
 * A run that stored waves merges them into few files at its end ({@link WaveCompaction}).
 */
public final class SweepRunner {
  /**
   * How a run is carried out; none of it changes what a grid point computes (packing changes
   * only which noise draws a point gets). {@code waveSize}: results per stored batch (0: one per
   * task slot); {@code wavesInFlight}: batches in flight under the waves schedule;
   * {@code progressSeconds}: the interval of progress lines in a log (0: the final line only);
   * {@code retryFailed} and {@code retryDiverged} move those stored results to
   * {@code superseded/} and train their tasks again; {@code repair} sets damaged waves (and an
   * unreadable manifest) aside; {@code schedule}: dynamic or waves ({@link TaskScheduler});
   * {@code flushSeconds}: the longest a result waits to be stored; {@code pack}: the most grid
   * points trained together as one model; {@code synthetic}: a benchmark hook that replaces
   * training by waits (null: train); {@code sequential}: the design of {@code run
   * --until-decided}, recorded in the manifest (null: the folder's stays as it is).
   */
  public record Options(
      String out,
      boolean extend,
      int waveSize,
      int wavesInFlight,
      boolean gpuFallbackToCpu,
      int progressSeconds,
      boolean retryFailed,
      boolean retryDiverged,
      boolean repair,
      boolean terminal,
      Interruption interruption,
      String schedule,
      int flushSeconds,
      int pack,
      SyntheticTasks synthetic,
      Manifest.Sequential sequential) {

    /** Today's defaults: no retries or repair, dynamic, stored at least every minute, unpacked. */
    public Options(String out, boolean extend, int waveSize, int wavesInFlight,
        boolean gpuFallbackToCpu, int progressSeconds) {
      this(out, extend, waveSize, wavesInFlight, gpuFallbackToCpu, progressSeconds, "dynamic",
          60, 1, null);
    }

    /** As above with the scheduling given (benchmarks and tests). */
    public Options(String out, boolean extend, int waveSize, int wavesInFlight,
        boolean gpuFallbackToCpu, int progressSeconds, String schedule, int flushSeconds,
        int pack, SyntheticTasks synthetic) {
      this(out, extend, waveSize, wavesInFlight, gpuFallbackToCpu, progressSeconds, false, false,
          false, false, Interruption.none(), schedule, flushSeconds, pack, synthetic, null);
    }

    /**
     * These options for a round of {@code run --until-decided} or of a threshold search: its grid
     * extends the folder's (the caller has checked that the folder is this sweep's); retries and
     * repair are the first round's business.
     */
    public Options round(boolean first) {
      return new Options(out, true, waveSize, wavesInFlight, gpuFallbackToCpu, progressSeconds,
          first && retryFailed, first && retryDiverged, first && repair, terminal, interruption,
          schedule, flushSeconds, pack, synthetic, sequential);
    }

    /** These options recording the sequential design {@code s} in the manifest. */
    public Options withSequential(Manifest.Sequential s) {
      return new Options(out, extend, waveSize, wavesInFlight, gpuFallbackToCpu,
          progressSeconds, retryFailed, retryDiverged, repair, terminal, interruption, schedule,
          flushSeconds, pack, synthetic, s);
    }
  }

  /**
   * What one run did, and what Spark reported while it ran. {@code failedStored} counts the
   * planned tasks whose stored result is FAILED when the run ended (earlier runs' included);
   * {@code stored} the planned tasks with a stored result.
   */
  public record Summary(int planned, int doneAtStart, int trained, int failed, int diverged,
      int unfinished, List<String> errors, int taskFailures, int executorsLost,
      int executorsSeen, int retried, int failedStored, boolean interrupted) {
    public boolean complete() {
      return unfinished == 0 && !interrupted;
    }

    public int stored() {
      return doneAtStart + trained;
    }
  }

  private SweepRunner() {}

  /** The dataset whose rows mark tasks done: runs, or maps for a gradient-error sweep. */
  public static String doneDataset(SweepKind kind) {
    return kind == SweepKind.TRAIN ? "runs" : "maps";
  }

  /** Task ids with a stored result in the folder (empty for a new folder). */
  public static Set<String> doneTaskIds(OutputFolder folder, SweepKind kind) throws IOException {
    return StoredColumns.taskIds(folder, doneDataset(kind), folder.fs().getConf());
  }

  public static Summary run(SparkSession spark, Sweep sweep, Options options, PrintStream log)
      throws IOException {
    OutputFolder folder = new OutputFolder(options.out(),
        spark.sparkContext().hadoopConfiguration());
    sweep = sweep.under(folder.manifestFile().recipe()); // a folder keeps its recipe
    Manifest manifest = folder.check(sweep, options.extend(), options.repair());
    folder.fs().mkdirs(folder.root());
    try (OutputFolder locked = folder) {
      locked.lock();
      Path asideManifest = options.repair() ? folder.setAsideManifest() : null;
      if (asideManifest != null || folder.manifestFile().rebuiltFrom() != null) {
        log.println((asideManifest != null ? "set aside the unreadable manifest.json as "
            + asideManifest + "; rebuilt it" : "rebuilt the lost manifest.json") + " from "
            + folder.manifestFile().rebuiltFrom());
      }
      for (String removed : folder.repair()) {
        log.println("removed what an interrupted run left half-written: " + removed);
      }
      List<OutputFolder.Damage> damage = folder.damage(spark.sparkContext().hadoopConfiguration());
      if (!damage.isEmpty() && options.repair()) {
        for (String moved : folder.setAside(damage.stream().map(OutputFolder.Damage::wave)
            .collect(Collectors.toCollection(TreeSet::new)))) {
          log.println("set aside a damaged wave (its tasks are trained again): " + moved);
        }
      } else if (!damage.isEmpty()) {
        folder.requireUndamaged(spark.sparkContext().hadoopConfiguration(), "run again with "
            + "--repair to move the damaged waves to " + new Path(folder.root(), "damaged")
            + " and train their tasks again");
      }
      int retried = sweep.kind() == SweepKind.TRAIN
          ? RetryStored.moveAside(spark, folder, sweep, options, log) : 0;
      Map<String, String> statuses = storedStatuses(folder, sweep.kind());
      Set<String> done = statuses.keySet();
      int doneInPlan = (int) sweep.taskIds().stream().filter(done::contains).count();
      int failedBefore = (int) sweep.taskIds().stream()
          .filter(id -> "FAILED".equals(statuses.get(id))).count();
      int pendingCount = sweep.size() - doneInPlan;
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      ResultSchema.SparkInfo info = new ResultSchema.SparkInfo(sweep.name(), spark.version(),
          jsc.master(), executorCount(jsc));
      Manifest.Session session = Manifest.Session.started(GridPointTrainer.VERSION,
          info.master(), info.sparkVersion(), info.executors(), sweep.size(), doneInPlan);
      manifest = (manifest == null ? Manifest.create(sweep) : manifest.planning(sweep))
          .withSession(session);
      if (options.sequential() != null) {
        manifest = manifest.withSequential(options.sequential());
      }
      folder.writeManifest(manifest, sweep);
      log.printf("[%s] %d planned, %d already stored in %s, %d to %s on %s%n", sweep.name(),
          sweep.size(), doneInPlan, folder.root(), pendingCount,
          sweep.kind() == SweepKind.TRAIN ? "train" : "compute", info.master());
      Summary summary = sweep.kind() == SweepKind.TRAIN
          ? trainJobs(spark, jsc, sweep, folder, done, doneInPlan, info, options, log)
          : computeMaps(spark, jsc, sweep, folder, done, doneInPlan, info);
      if (!summary.interrupted() && summary.trained() > 0) {
        compactAtEnd(spark, folder, sweep, log);
      }
      summary = new Summary(summary.planned(), summary.doneAtStart(), summary.trained(),
          summary.failed(), summary.diverged(), summary.unfinished(), summary.errors(),
          summary.taskFailures(), summary.executorsLost(), summary.executorsSeen(), retried,
          failedBefore + summary.failed(), summary.interrupted());
      folder.writeManifest(manifest.withLastSession(session.finished(summary.taskFailures(),
          summary.executorsLost(), summary.executorsSeen(), summary.trained(), summary.failed(),
          summary.diverged(), summary.unfinished())), sweep);
      return summary;
    }
  }

  /**
   * The rows of this run's batches (and of earlier ones) into few files. Every result is stored
   * by now, so a compaction that fails only leaves more files: it is said, not fatal.
   */
  private static void compactAtEnd(SparkSession spark, OutputFolder folder, Sweep sweep,
      PrintStream log) {
    try {
      WaveCompaction.Outcome compacted = folder.compact(
          spark.sparkContext().hadoopConfiguration(), WaveCompaction.RUN_END_MIN_WAVES);
      if (compacted.merged() > 0) {
        log.println(compacted.describe());
      }
    } catch (IOException | RuntimeException e) {
      log.printf("[%s] results stored, not compacted (%s); `analogsweep compact %s` merges "
          + "them later%n", sweep.name(), e.getMessage(), folder.root());
    }
  }

  /**
   * Stored task ids with their status (maps of a gradient-error sweep count as OK): what is done.
   * Read from the files without Spark ({@link StoredColumns}): a Spark read of a folder of many
   * waves spent most of a resume's start listing and planning.
   */
  static Map<String, String> storedStatuses(OutputFolder folder, SweepKind kind)
      throws IOException {
    Map<String, String> out = new HashMap<>();
    if (kind != SweepKind.TRAIN) {
      for (String id : doneTaskIds(folder, kind)) {
        out.put(id, "OK");
      }
      return out;
    }
    for (List<Object> r : StoredColumns.read(folder, "runs", List.of("task_id", "status"),
        folder.fs().getConf())) {
      out.put((String) r.get(0), (String) r.get(1));
    }
    return out;
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
      writeStaged(folder, rows, ResultSchema.MAPS, folder.staging(wave) + "/maps");
      folder.commit(wave, "maps");
    }
    return new Summary(sweep.size(), doneInPlan, pending.size(), 0, 0, 0, List.of(), 0, 0, 0, 0,
        0, false);
  }

  /** Training jobs as the schedule hands them out; results stored in batches as they come. */
  private static Summary trainJobs(SparkSession spark, JavaSparkContext jsc, Sweep sweep,
      OutputFolder folder, Set<String> done, int doneInPlan, ResultSchema.SparkInfo info,
      Options options, PrintStream log)
      throws IOException {
    ProgressPrinter printer = new ProgressPrinter(log, options.terminal(),
        options.progressSeconds());
    Progress progress = new Progress(sweep.name(), sweep.size(), doneInPlan, printer);
    spark.sparkContext().addSparkListener(progress);
    ScheduledExecutorService ticker = ticker(printer, progress, options);
    Interruption interruption = options.interruption();
    Runnable cancel = () -> {
      // the tasks Spark kills now are the user's request, not something to warn about; tasks
      // still finishing in this JVM as it stops may complain about its shutdown: not either
      Configurator.setLevel("org.apache.spark", Level.OFF);
      jsc.cancelJobGroup(Progress.JOB_GROUP);
    };
    interruption.onSignal(cancel);
    List<String> errors = new ArrayList<>();
    int[] unfinished = new int[1];
    try {
      int[] nextWave = {Math.max(folder.waves("runs").isEmpty() ? 0 : folder.waves("runs").last(),
          folder.waves("epochs").isEmpty() ? 0 : folder.waves("epochs").last()) + 1};
      // each distinct training once: the others get its numbers as their rows, stored in the
      // same batch
      PendingTrainings trainings = PendingTrainings.of(sweep, done);
      List<GridPoint> pending = trainings.toTrain();
      Map<String, List<GridPoint>> sharers = trainings.sharers();
      progress.planEpochs(pending.stream().mapToLong(p -> p.training().maxEpochs()).sum());
      TaskExecution execution = new TaskExecution(options.gpuFallbackToCpu(),
          progress.epochAccumulator(jsc), options.synthetic());
      TaskScheduler.Policy policy = TaskScheduler.Policy.valueOf(
          options.schedule().toUpperCase(Locale.ROOT));
      TaskScheduler scheduler = new TaskScheduler(jsc, execution, policy, options.waveSize(),
          options.wavesInFlight(), options.flushSeconds(), sweep.name(), interruption::requested);
      List<TrainingJob> toTrain = Packs.of(pending, options.pack());
      // waves go out in sweep order, as 0.1 sent them; the dynamic schedule longest first
      scheduler.run(policy == TaskScheduler.Policy.WAVES ? new ArrayDeque<>(toTrain)
          : TaskScheduler.longestFirst(toTrain), outcomes -> storeCounted(spark, folder,
          nextWave[0]++, withSharers(outcomes, sharers), info.withExecutors(executorCount(jsc)),
          progress),
          (jobs, why) -> {
        int points = jobs.stream().mapToInt(j -> j.size() + j.points().stream()
            .mapToInt(p -> sharers.getOrDefault(p.taskId(), List.of()).size()).sum()).sum();
        unfinished[0] += points;
        if (why == null || interruption.requested()) {
          return; // cancelled or never started by the interruption: pending, not an error
        }
        String message = points + " task(s) failed in Spark and stay pending: "
            + rootMessage(why);
        errors.add(message);
        printer.message(message);
      });
    } finally {
      ticker.shutdownNow();
      interruption.remove(cancel);
      spark.sparkContext().removeSparkListener(progress);
      printer.finish(progress.line());
    }
    if ((progress.taskFailures() > 0 || progress.executorsLost() > 0)
        && !interruption.requested()) {
      log.printf("[%s] Spark retried %d failed task attempt(s); %d executor(s) lost%n",
          sweep.name(), progress.taskFailures(), progress.executorsLost());
    }
    return new Summary(sweep.size(), doneInPlan, progress.storedThisRun(), progress.failed(),
        progress.diverged(), unfinished[0], errors, progress.taskFailures(),
        progress.executorsLost(), progress.executorsSeen(), 0, 0, interruption.requested());
  }

  /** The outcomes with, after each, the rows of the grid points that share its training. */
  static List<TaskOutcome> withSharers(List<TaskOutcome> outcomes,
      Map<String, List<GridPoint>> sharers) {
    List<TaskOutcome> out = new ArrayList<>();
    for (TaskOutcome o : outcomes) {
      out.add(o);
      for (GridPoint p : sharers.getOrDefault(o.result().taskId(), List.of())) {
        out.add(o.sharedBy(p));
      }
    }
    return out;
  }

  /** The thread that redraws the progress line, started where a line is shown while running. */
  private static ScheduledExecutorService ticker(ProgressPrinter printer, Progress progress,
      Options options) {
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "analogsweep-progress");
      t.setDaemon(true);
      return t;
    });
    if (options.terminal() || options.progressSeconds() > 0) {
      long tick = printer.tickSeconds(options.progressSeconds());
      ticker.scheduleAtFixedRate(progress::print, tick, tick, TimeUnit.SECONDS);
    }
    return ticker;
  }

  /** Stores a batch as wave {@code wave} and counts it, failed and diverged, in the progress. */
  private static void storeCounted(SparkSession spark, OutputFolder folder, int wave,
      List<TaskOutcome> outcomes, ResultSchema.SparkInfo info, Progress progress)
      throws IOException {
    store(spark, folder, wave, outcomes, info);
    int failed = 0;
    int diverged = 0;
    for (TaskOutcome o : outcomes) {
      failed += o.result().status() == Status.FAILED ? 1 : 0;
      diverged += o.result().status() == Status.DIVERGED ? 1 : 0;
    }
    progress.stored(outcomes, failed, diverged);
    progress.print();
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
    writeStaged(folder, epochs, ResultSchema.EPOCHS, staged + "/epochs");
    writeStaged(folder, runs, ResultSchema.RUNS, staged + "/runs");
    folder.commit(wave, "epochs", "runs");
  }

  /** Writes rows as one Parquet file into a staging folder that must not exist yet. */
  private static void writeStaged(OutputFolder folder, List<Row> rows,
      StructType schema, String path) throws IOException {
    Path dir = new Path(path);
    if (folder.fs().exists(dir)) {
      throw new IOException(path + " exists already: a staged wave is never written twice");
    }
    folder.layout().mkdirs(dir);
    ParquetFiles.write(schema, rows, dir, folder.fs().getConf());
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
