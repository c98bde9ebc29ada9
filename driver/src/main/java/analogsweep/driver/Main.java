package analogsweep.driver;

import analogsweep.cli.TrainCommand;
import analogsweep.common.InvalidValueException;
import analogsweep.data.DataCheck;
import analogsweep.driver.exec.DataLocalizer;
import analogsweep.driver.report.Reports;
import analogsweep.driver.run.Interruption;
import analogsweep.driver.run.ProgressPrinter;
import analogsweep.driver.run.SweepRunner;
import analogsweep.driver.store.FolderStatus;
import analogsweep.driver.store.OutputFolder;
import analogsweep.grid.GridPoint;
import analogsweep.model.ModelSize;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepFile;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code analogsweep}: plan, run, check and report sweeps, or train one grid point. Exit codes
 * (also in every command's help): 0 done, 1 unexpected error, 2 invalid input or damaged output
 * (nothing written), 3 some tasks stayed unfinished (run again to retry them), 4 the sweep is
 * complete but some tasks FAILED, 130/143 interrupted by SIGINT/SIGTERM (run again to resume).
 */
@Command(name = "analogsweep", mixinStandardHelpOptions = true, version = "analogsweep 0.2.0",
    description = "Sweeps of ReLU-to-GELU/SiLU activations under simulated analog noise, on Spark.",
    subcommands = {Main.Plan.class, Main.Run.class, Main.Status.class, Main.Report.class,
        BenchCommand.class},
    exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
        "0:done", "1:unexpected error (a bug: please report it with its stack trace)",
        "2:invalid input (a sweep key, a value, a data file, an output folder) or damaged "
            + "output; one line names it and nothing is written",
        "3:some tasks stayed unfinished because their Spark job failed: run again",
        "4:the sweep is complete but some tasks FAILED: see 'analogsweep status DIR', fix the "
            + "cause, then run with --retry-failed",
        "130:interrupted by SIGINT (143: SIGTERM): run the same command to resume"})
public final class Main implements Callable<Integer> {
  static final int INVALID = 2;
  static final int UNFINISHED = 3;
  static final int TASKS_FAILED = 4;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (tests call this in-process). */
  public static int execute(String... args) {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    CommandLine cl = new CommandLine(new Main());
    cl.addSubcommand("train", TrainCommand.create());
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (sub.getCommandName().equals("train")) {
        continue; // its own codes (TrainCommand)
      }
      sub.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
          .exitCodeList(cl.getCommandSpec().usageMessage().exitCodeList());
    }
    cl.setExecutionExceptionHandler((e, line, parse) -> {
      Throwable t = e;
      while (!(t instanceof InvalidValueException) && t.getCause() != null) {
        t = t.getCause();
      }
      if (t instanceof InvalidValueException) {
        line.getErr().println("analogsweep " + line.getCommandName() + ": " + t.getMessage());
        return INVALID;
      }
      String unreadable = unreadableFile(e);
      if (unreadable != null) {
        line.getErr().println("analogsweep " + line.getCommandName() + ": " + unreadable
            + ": a result file cannot be read; run the sweep again with --repair to move "
            + "damaged waves aside (their tasks are trained again)");
        return INVALID;
      }
      line.getErr().println("analogsweep " + line.getCommandName() + ": unexpected error: " + e);
      e.printStackTrace(line.getErr());
      return 1;
    });
    return cl.execute(args);
  }

  @Override
  public Integer call() {
    CommandLine.usage(this, System.out);
    return 0;
  }

  /**
   * The first line of a Spark error about a Parquet file it could not read (damage past the
   * footer, found only when the pages are decoded), or null for any other error.
   */
  static String unreadableFile(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (t instanceof org.apache.parquet.io.ParquetDecodingException
          || m.contains("FAILED_READ_FILE") || m.contains("Could not read footer")
          || m.contains("is not a Parquet file")) {
        return m.lines().findFirst().orElse(m);
      }
    }
    return null;
  }

  /** The --set option of the commands that read a sweep file. */
  static final class Overrides {
    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a key of the "
        + "sweep file before it is checked, as in the file: --set analog.precision=32, --set "
        + "grid.seed=[1,2,3], --set ~grid.precision (removes the key); repeatable")
    List<String> set = new ArrayList<>();
  }

  /** Default output folder of a sweep: results/NAME. */
  static String defaultOut(Sweep sweep) {
    return Path.of("results", sweep.name()).toString();
  }

  /**
   * Checks each local data folder once on the driver, before anything is submitted: headers,
   * exact sizes and label ranges ({@link DataCheck}), and that each grid point's network fits
   * ({@link ModelSize}) on that data. Paths with a URI scheme are left to the executors.
   */
  static void checkData(Sweep sweep, boolean required, PrintStream out) {
    Map<String, List<GridPoint>> byPath = new LinkedHashMap<>();
    for (GridPoint p : sweep.points()) {
      byPath.computeIfAbsent(p.data().path(), k -> new ArrayList<>()).add(p);
    }
    for (Map.Entry<String, List<GridPoint>> e : byPath.entrySet()) {
      String path = e.getKey();
      if (DataLocalizer.isUri(path)) {
        continue; // read by the executors through Hadoop's FileSystem API
      }
      DataCheck.Summary data;
      try {
        data = DataCheck.verify(Path.of(path));
      } catch (InvalidValueException bad) {
        if (required) {
          throw new InvalidValueException(sweep.source() + ": data.path", bad.getMessage()
              + (path.contains("fashion-mnist") && !Files.exists(Path.of(path))
                  ? " (install it: apt-get install dataset-fashion-mnist)" : ""));
        }
        out.println("warning: " + sweep.source() + ": data.path " + bad.getMessage()
            + " (not on this machine)");
        continue;
      }
      for (GridPoint p : e.getValue()) {
        boolean gray = p.data().grayscale();
        try {
          ModelSize.check(p, gray ? 1 : data.channels(), data.height(), data.width(),
              data.classes());
        } catch (InvalidValueException tooBig) {
          throw new InvalidValueException(sweep.source() + ": " + tooBig.field(),
              tooBig.getMessage().substring(tooBig.field().length() + 2));
        }
      }
    }
  }

  static String describe(Sweep sweep) {
    StringBuilder sb = new StringBuilder();
    sb.append("sweep ").append(sweep.name()).append(" (").append(sweep.kind()).append(") from ")
        .append(sweep.source()).append('\n');
    if (!sweep.description().isBlank()) {
      sb.append("  ").append(sweep.description().strip().replace("\n", "\n  ")).append('\n');
    }
    long product = 1;
    for (Map.Entry<String, List<Object>> axis : sweep.axes().entrySet()) {
      sb.append(String.format("  %-20s %3d x %s%n", axis.getKey(), axis.getValue().size(),
          axis.getValue()));
      product *= axis.getValue().size();
    }
    sb.append(String.format("  %d tasks%s%n", sweep.size(),
        sweep.axes().isEmpty() ? " (no grid: one point)" : " = " + product));
    return sb.toString();
  }

  /** The Spark master option of the commands that start Spark. */
  static final class SparkMaster {
    @Option(names = "--master", paramLabel = "URL", description = "Spark master when not "
        + "under spark-submit (default: local[*])")
    String master;
  }

  @Command(name = "plan", mixinStandardHelpOptions = true,
      description = "Print the grid of a sweep file: task count, a sample, and how many are "
          + "already done in the output folder.")
  static final class Plan implements Callable<Integer> {
    @Parameters(paramLabel = "SWEEP", description = "sweep file (YAML)")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder "
        + "(default: results/NAME)")
    String out;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "5",
        description = "grid points to show (default: ${DEFAULT-VALUE})")
    int sample;

    @Mixin
    Overrides overrides;

    @Override
    public Integer call() throws Exception {
      Sweep sweep = SweepFile.read(file, overrides.set);
      PrintStream o = System.out;
      o.print(describe(sweep));
      checkData(sweep, false, o);
      List<String> varying = new ArrayList<>(sweep.axes().keySet());
      for (int k = 0; k < Math.min(sample, sweep.size()); k++) {
        GridPoint p = sweep.points().get(k);
        Map<String, Object> shown = new LinkedHashMap<>();
        for (String column : varying) {
          shown.put(column, p.columns().get(column));
        }
        o.printf("  %s  %s%n", p.taskId().substring(0, 12), shown);
      }
      String dir = out == null ? defaultOut(sweep) : out;
      OutputFolder folder = new OutputFolder(dir, new org.apache.hadoop.conf.Configuration());
      if (!folder.exists()) {
        o.printf("output %s: new folder, 0 of %d done%n", dir, sweep.size());
        return 0;
      }
      try {
        folder.check(sweep, false);
      } catch (InvalidValueException e) {
        o.println("output " + e.getMessage());
        return INVALID;
      }
      if (folder.waves(SweepRunner.doneDataset(sweep.kind())).isEmpty()) {
        o.printf("output %s: 0 of %d done%n", dir, sweep.size());
        return 0;
      }
      folder.requireUndamaged(new org.apache.hadoop.conf.Configuration(), "run again with "
          + "--repair to move the damaged waves aside and train their tasks again");
      try (var spark = Sessions.start("analogsweep plan " + sweep.name(), null, List.of())) {
        Set<String> done = SweepRunner.doneTaskIds(spark, folder, sweep.kind());
        long inPlan = sweep.taskIds().stream().filter(done::contains).count();
        o.printf("output %s: %d of %d done, %d to train%n", dir, inPlan, sweep.size(),
            sweep.size() - inPlan);
      }
      return 0;
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Train every grid point of a sweep that has no stored result, on Spark, "
          + "and store results as Parquet. Embedded (local[*]) unless run by spark-submit.")
  static final class Run implements Callable<Integer> {
    @Parameters(paramLabel = "SWEEP", description = "sweep file (YAML)")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder "
        + "(default: results/NAME); local, hdfs://, ...")
    String out;

    @Mixin
    SparkMaster sparkMaster;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Spark setting for the "
        + "embedded session (repeatable)")
    List<String> conf = new ArrayList<>();

    @Option(names = "--wave-size", paramLabel = "N", defaultValue = "0", description = "results "
        + "per stored wave (default: one per task slot)")
    int waveSize;

    @Option(names = "--waves-in-flight", paramLabel = "N", defaultValue = "2",
        description = "waves submitted at once under --schedule waves (default: "
            + "${DEFAULT-VALUE})")
    int wavesInFlight;

    @Option(names = "--schedule", paramLabel = "dynamic|waves", defaultValue = "dynamic",
        description = "dynamic: a free task slot takes the next task at once, longest first; "
            + "waves: 0.1's batches of one task per slot (default: ${DEFAULT-VALUE})")
    String schedule;

    @Option(names = "--flush-seconds", paramLabel = "S", defaultValue = "60",
        description = "the longest a finished task's result waits before it is stored "
            + "(default: ${DEFAULT-VALUE})")
    int flushSeconds;

    @Option(names = "--pack", paramLabel = "N", defaultValue = "1",
        description = "the most grid points trained together as one model (linear model and "
            + "ConvNet; points that differ only in i, s, a, p, EP and seed); 1 trains each "
            + "alone (default: ${DEFAULT-VALUE})")
    int pack;

    @Option(names = "--synthetic", paramLabel = "pareto:ALPHA:MIN:MAX", hidden = true,
        description = "benchmark hook: tasks wait a heavy-tailed time instead of training")
    String synthetic;

    @Option(names = "--extend", description = "add the grid points of a changed sweep file "
        + "to a folder that holds an earlier version of the same sweep")
    boolean extend;

    @Option(names = "--gpu-fallback", paramLabel = "fail|cpu", defaultValue = "fail",
        description = "when Spark assigns a GPU PyTorch cannot see: FAILED row (fail, the "
            + "default) or train on the CPU (cpu)")
    String gpuFallback;

    @Option(names = "--progress-seconds", paramLabel = "S", defaultValue = "60",
        description = "seconds between progress lines in a log (default: ${DEFAULT-VALUE}; 0: "
            + "the final line only); on a terminal the line is redrawn in place every second")
    int progressSeconds;

    @Option(names = "--no-report", description = "do not write the report when the sweep "
        + "is complete")
    boolean noReport;

    @Option(names = "--retry-failed", description = "train the sweep's FAILED tasks again; "
        + "their old rows move to DIR/superseded/ (one current row per task id stays in runs/)")
    boolean retryFailed;

    @Option(names = "--retry-diverged", description = "train the DIVERGED tasks again, as "
        + "--retry-failed does (divergence is a result: only after changing what caused it)")
    boolean retryDiverged;

    @Option(names = "--repair", description = "move damaged waves (files that cannot be read) "
        + "to DIR/damaged/ and train their tasks again; rebuild an unreadable or lost manifest")
    boolean repair;

    @Option(names = "--spark-ui", description = "start Spark's web UI (embedded: off unless "
        + "asked; it listens on SPARK_LOCAL_IP, which the launcher sets to 127.0.0.1)")
    boolean sparkUi;

    @Mixin
    Overrides overrides;

    @Override
    public Integer call() throws Exception {
      if (!schedule.equals("dynamic") && !schedule.equals("waves")) {
        throw new InvalidValueException("--schedule", "expected dynamic or waves, found \""
            + schedule + "\"");
      }
      if (pack < 1 || pack > 256) {
        throw new InvalidValueException("--pack", "must be in [1, 256], found " + pack);
      }
      analogsweep.driver.exec.SyntheticTasks syntheticTasks = synthetic == null ? null
          : analogsweep.driver.exec.SyntheticTasks.parse(synthetic);
      Interruption interruption = Interruption.install();
      Sweep sweep = SweepFile.read(file, overrides.set);
      if (!gpuFallback.equals("fail") && !gpuFallback.equals("cpu")) {
        throw new InvalidValueException("--gpu-fallback", "expected fail or cpu, found \""
            + gpuFallback + "\"");
      }
      checkData(sweep, true, System.err);
      String dir = out == null ? defaultOut(sweep) : out;
      // Refuse a folder of another sweep before starting Spark or writing anything.
      new OutputFolder(dir, new org.apache.hadoop.conf.Configuration()).check(sweep, extend,
          repair);
      try (var spark = Sessions.start("analogsweep " + sweep.name(), sparkMaster.master, conf,
          sparkUi)) {
        SweepRunner.Summary s = SweepRunner.run(spark, sweep, new SweepRunner.Options(dir,
            extend, waveSize, wavesInFlight, gpuFallback.equals("cpu"), progressSeconds,
            retryFailed, retryDiverged, repair, ProgressPrinter.stderrIsTerminal(),
            interruption, schedule, flushSeconds, pack, syntheticTasks), System.err);
        System.out.printf("[%s] %d planned: %d were stored before, %d trained now (%d failed, "
            + "%d diverged), %d unfinished; results in %s%n", sweep.name(), s.planned(),
            s.doneAtStart(), s.trained(), s.failed(), s.diverged(), s.unfinished(), dir);
        if (s.interrupted()) {
          System.err.printf("interrupted: %d of %d stored; run the same command to resume%n",
              s.stored(), s.planned());
          return interruption.exitCode();
        }
        if (!s.complete()) {
          return UNFINISHED;
        }
        if (!noReport) {
          String written = Reports.write(spark, dir);
          System.out.println("report: " + written);
        }
        if (s.failedStored() > 0) {
          System.err.printf("[%s] %d of %d tasks FAILED: see analogsweep status %s; fix the "
              + "cause, then run again with --retry-failed%n", sweep.name(), s.failedStored(),
              s.planned(), dir);
          return TASKS_FAILED;
        }
        return 0;
      }
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Where a sweep's output folder stands: planned, stored, failed, diverged "
          + "and pending tasks, and the failed tasks with their messages.")
  static final class Status implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "output folder of a sweep")
    String dir;

    @Option(names = "--failures", paramLabel = "N", defaultValue = "20",
        description = "failed or diverged tasks to list (default: ${DEFAULT-VALUE})")
    int failures;

    @Override
    public Integer call() throws Exception {
      OutputFolder folder = new OutputFolder(dir, new org.apache.hadoop.conf.Configuration());
      if (!folder.exists()) {
        throw new InvalidValueException("DIR", dir + ": no such folder");
      }
      try (var spark = Sessions.start("analogsweep status", null, List.of())) {
        System.out.print(FolderStatus.of(spark, folder).describe(dir, failures));
      }
      return 0;
    }
  }

  @Command(name = "report", mixinStandardHelpOptions = true,
      description = "Aggregate DIR/runs and DIR/epochs with Spark SQL into DIR/report: "
          + "Markdown, CSV tables and PNG plots. Works on a sweep that is still running.")
  static final class Report implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "output folder of a sweep")
    String dir;

    @Option(names = "--with", paramLabel = "OTHER",
        description = "another training sweep's output folder whose results join this report "
            + "(repeatable): comparisons that take separate sweeps, such as the ViT against the "
            + "ConvNet (finding F4), since each model's own options make each its own sweep; "
            + "the report is still written to DIR/report")
    List<String> with = new ArrayList<>();

    @Mixin
    SparkMaster sparkMaster;

    @Override
    public Integer call() throws Exception {
      List<String> folders = new ArrayList<>(List.of(dir));
      folders.addAll(with);
      for (String d : folders) {
        OutputFolder folder = new OutputFolder(d, new org.apache.hadoop.conf.Configuration());
        if (folder.exists()) {
          folder.manifest(); // an unreadable one: one line, exit 2
          folder.requireUndamaged(new org.apache.hadoop.conf.Configuration(), "run the sweep "
              + "again with --repair to move the damaged waves aside (analogsweep run " + d
              + "/sweep.yaml --out " + d + " --repair)");
        }
      }
      try (var spark = Sessions.start("analogsweep report", sparkMaster.master, List.of())) {
        String written = Reports.write(spark, dir, with);
        System.out.println("report: " + written);
      }
      return 0;
    }
  }
}
