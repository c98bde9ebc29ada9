package analogsweep.driver;

import analogsweep.cli.TrainCommand;
import analogsweep.data.DatasetCache;
import analogsweep.driver.exec.DataLocalizer;
import analogsweep.driver.report.Reports;
import analogsweep.driver.run.SweepRunner;
import analogsweep.driver.store.OutputFolder;
import analogsweep.grid.GridPoint;
import analogsweep.grid.InvalidValueException;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code analogsweep}: plan, run and report sweeps, or train one grid point. Exit codes: 0 done,
 * 1 unexpected error, 2 invalid input (nothing written), 3 some tasks stayed unfinished (run
 * again to retry them).
 */
@Command(name = "analogsweep", mixinStandardHelpOptions = true, version = "analogsweep 0.2.0",
    description = "Sweeps of ReLU-to-GELU/SiLU activations under simulated analog noise, on Spark.",
    subcommands = {Main.Plan.class, Main.Run.class, Main.Report.class, BenchCommand.class})
public final class Main implements Callable<Integer> {
  static final int INVALID = 2;
  static final int UNFINISHED = 3;

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
    cl.setExecutionExceptionHandler((e, line, parse) -> {
      Throwable t = e;
      while (!(t instanceof InvalidValueException) && t.getCause() != null) {
        t = t.getCause();
      }
      if (t instanceof InvalidValueException) {
        line.getErr().println("analogsweep " + line.getCommandName() + ": " + t.getMessage());
        return INVALID;
      }
      line.getErr().println("analogsweep " + line.getCommandName() + ": " + e);
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

  /** Default output folder of a sweep: results/NAME. */
  static String defaultOut(Sweep sweep) {
    return Path.of("results", sweep.name()).toString();
  }

  /** Checks a local data folder on the driver; paths with a URI scheme are left to executors. */
  static void checkData(Sweep sweep, boolean required, PrintStream out) {
    Set<String> paths = new TreeSet<>();
    for (GridPoint p : sweep.points()) {
      paths.add(p.data().path());
    }
    for (String path : paths) {
      if (DataLocalizer.isUri(path)) {
        continue; // read by the executors through Hadoop's FileSystem API
      }
      try {
        DatasetCache.probe(Path.of(path));
      } catch (InvalidValueException e) {
        if (required) {
          throw new InvalidValueException(sweep.source() + ": data.path", e.getMessage()
              + (path.contains("fashion-mnist") ? " (install it: apt-get install "
              + "dataset-fashion-mnist)" : ""));
        }
        out.println("warning: " + sweep.source() + ": data.path " + e.getMessage()
            + " (not on this machine)");
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

    @Override
    public Integer call() throws Exception {
      Sweep sweep = SweepFile.read(file);
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

    @Option(names = "--progress-seconds", paramLabel = "S", defaultValue = "15",
        description = "seconds between progress lines (default: ${DEFAULT-VALUE})")
    int progressSeconds;

    @Option(names = "--no-report", description = "do not write the report when the sweep "
        + "is complete")
    boolean noReport;

    @Override
    public Integer call() throws Exception {
      Sweep sweep = SweepFile.read(file);
      if (!schedule.equals("dynamic") && !schedule.equals("waves")) {
        throw new InvalidValueException("--schedule", "expected dynamic or waves, found \""
            + schedule + "\"");
      }
      if (pack < 1 || pack > 256) {
        throw new InvalidValueException("--pack", "must be in [1, 256], found " + pack);
      }
      if (!gpuFallback.equals("fail") && !gpuFallback.equals("cpu")) {
        throw new InvalidValueException("--gpu-fallback", "expected fail or cpu, found \""
            + gpuFallback + "\"");
      }
      checkData(sweep, true, System.err);
      String dir = out == null ? defaultOut(sweep) : out;
      // Refuse a folder of another sweep before starting Spark or writing anything.
      new OutputFolder(dir, new org.apache.hadoop.conf.Configuration()).check(sweep, extend);
      try (var spark = Sessions.start("analogsweep " + sweep.name(), sparkMaster.master, conf)) {
        SweepRunner.Summary s = SweepRunner.run(spark, sweep, new SweepRunner.Options(dir,
            extend, waveSize, wavesInFlight, gpuFallback.equals("cpu"), progressSeconds,
            schedule, flushSeconds, pack,
            synthetic == null ? null : analogsweep.driver.exec.SyntheticTasks.parse(synthetic)),
            System.err);
        System.out.printf("[%s] %d planned: %d were stored before, %d trained now (%d failed, "
            + "%d diverged), %d unfinished; results in %s%n", sweep.name(), s.planned(),
            s.doneAtStart(), s.trained(), s.failed(), s.diverged(), s.unfinished(), dir);
        if (!s.complete()) {
          return UNFINISHED;
        }
        if (!noReport) {
          String written = Reports.write(spark, dir);
          System.out.println("report: " + written);
        }
        return 0;
      }
    }
  }

  @Command(name = "report", mixinStandardHelpOptions = true,
      description = "Aggregate DIR/runs and DIR/epochs with Spark SQL into DIR/report: "
          + "Markdown, CSV tables and PNG plots. Works on a sweep that is still running.")
  static final class Report implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "output folder of a sweep")
    String dir;

    @Mixin
    SparkMaster sparkMaster;

    @Override
    public Integer call() throws Exception {
      try (var spark = Sessions.start("analogsweep report", sparkMaster.master, List.of())) {
        String written = Reports.write(spark, dir);
        System.out.println("report: " + written);
      }
      return 0;
    }
  }
}
