package analogsweep.driver;

import analogsweep.common.InvalidValueException;
import analogsweep.driver.exec.SyntheticTasks;
import analogsweep.driver.report.Reports;
import analogsweep.driver.report.SeedDecisions;
import analogsweep.driver.run.Interruption;
import analogsweep.driver.run.ProgressPrinter;
import analogsweep.driver.run.SeedRounds;
import analogsweep.driver.run.SweepRunner;
import analogsweep.driver.run.ThresholdRounds;
import analogsweep.driver.store.Manifest;
import analogsweep.driver.store.OutputFolder;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepFile;
import analogsweep.sweep.SweepKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code analogsweep run}: trains a sweep's missing grid points on Spark and stores them. */
@Command(name = "run", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
    description = "Train every grid point of a sweep that has no stored result, on Spark, "
        + "and store results as Parquet. Embedded (local[*]) unless run by spark-submit.")
final class RunCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SWEEP", description = "sweep file (YAML)")
  Path file;

  @Option(names = "--out", paramLabel = "DIR", description = "output folder "
      + "(default: results/NAME); local, hdfs://, ...")
  String out;

  @Mixin
  SparkMasterOption sparkMaster;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Spark setting for the "
      + "embedded session (repeatable)")
  List<String> conf = new ArrayList<>();

  @Option(names = "--wave-size", paramLabel = "N", defaultValue = "0", description = "results "
      + "per stored wave (default: one per task slot, or all that came back in the two seconds "
      + "since the last wave where that is more)")
  int waveSize;

  @Option(names = "--waves-in-flight", paramLabel = "N", defaultValue = "2",
      description = "waves submitted at once under --schedule waves (default: "
          + "${DEFAULT-VALUE})")
  int wavesInFlight;

  @Option(names = "--schedule", paramLabel = "dynamic|waves", defaultValue = "dynamic",
      description = "dynamic: a free task slot takes the next task at once, longest first; "
          + "waves: 0.1's batches of one task per slot (default: ${DEFAULT-VALUE})")
  String schedule;

  @Option(names = "--flush-seconds", paramLabel = "N", defaultValue = "60",
      description = "seconds a finished task's result waits at most before it is stored "
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

  @Option(names = "--progress-seconds", paramLabel = "N", defaultValue = "60",
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

  @Option(names = "--until-decided", description = "train the sweep file's grid, then add "
      + "seeds in rounds, one per round, only to the settings whose F2 finding is still "
      + "undecided, up to --max-seeds; the report's intervals are then group-sequential "
      + "(docs/report.md)")
  boolean untilDecided;

  @Option(names = "--max-seeds", paramLabel = "N", description = "with --until-decided: the "
      + "most seeds per setting (default: twice the sweep file's seeds, at most "
      + SeedDecisions.MAX_SEEDS + ")")
  Integer maxSeeds;

  @Option(names = "--spark-ui", description = "start Spark's web UI (embedded: off unless "
      + "asked; it listens on SPARK_LOCAL_IP, which the launcher sets to 127.0.0.1)")
  boolean sparkUi;

  @Mixin
  SweepOverrides overrides;

  @Override
  public Integer call() throws Exception {
    if (!schedule.equals("dynamic") && !schedule.equals("waves")) {
      throw new InvalidValueException("--schedule", "expected dynamic or waves, found \""
          + schedule + "\"");
    }
    if (pack < 1 || pack > 256) {
      throw new InvalidValueException("--pack", "must be in [1, 256], found " + pack);
    }
    if (maxSeeds != null && !untilDecided) {
      throw new InvalidValueException("--max-seeds", "only with --until-decided");
    }
    SyntheticTasks syntheticTasks = synthetic == null ? null : SyntheticTasks.parse(synthetic);
    Interruption interruption = Interruption.install();
    Sweep sweep = SweepFile.read(file, overrides.set);
    if (!gpuFallback.equals("fail") && !gpuFallback.equals("cpu")) {
      throw new InvalidValueException("--gpu-fallback", "expected fail or cpu, found \""
          + gpuFallback + "\"");
    }
    String dir = out == null ? PlanCommand.defaultOut(sweep) : out;
    OutputFolder folder = new OutputFolder(dir, new Configuration());
    sweep = sweep.under(folder.manifestFile().recipe()); // a folder keeps its recipe
    if (untilDecided && sweep.threshold() != null) {
      throw new InvalidValueException("--until-decided", "sweep '" + sweep.name() + "' is a "
          + "threshold search, which plans its own rounds; leave out --until-decided");
    }
    DataPreflight.check(sweep, true, System.err);
    // Refuse a folder of another sweep before starting Spark or writing anything.
    Manifest.Sequential design = untilDecided ? design(sweep, folder) : null;
    folder.check(sweep, extend || design != null && folder.manifestFile().addsSeedsTo(sweep),
        repair);
    try (var spark = Sessions.start("analogsweep " + sweep.name(), sparkMaster.master, conf,
        sparkUi)) {
      SweepRunner.Options options = new SweepRunner.Options(dir, extend, waveSize,
          wavesInFlight, gpuFallback.equals("cpu"), progressSeconds, retryFailed, retryDiverged,
          repair, ProgressPrinter.stderrIsTerminal(), interruption, schedule, flushSeconds, pack,
          syntheticTasks, null);
      SweepRunner.Summary s = design != null
          ? SeedRounds.run(spark, sweep, options, design, maxSeeds, System.err)
          : sweep.threshold() != null ? ThresholdRounds.run(spark, sweep, options, System.err)
          : SweepRunner.run(spark, sweep, options, System.err);
      System.out.printf("[%s] %d planned: %d were stored before, %d trained now (%d failed, "
          + "%d diverged), %d unfinished; results in %s%n", sweep.name(), s.planned(),
          s.doneAtStart(), s.trained(), s.failed(), s.diverged(), s.unfinished(), dir);
      if (s.interrupted()) {
        System.err.printf("interrupted: %d of %d stored; run the same command to resume%n",
            s.stored(), s.planned());
        return interruption.exitCode();
      }
      if (!s.complete()) {
        return ExitCodes.UNFINISHED;
      }
      if (!noReport) {
        String written = Reports.write(spark, dir);
        System.out.println("report: " + written);
      }
      if (s.failedStored() > 0) {
        System.err.printf("[%s] %d of %d tasks FAILED: see analogsweep status %s; fix the "
            + "cause, then run again with --retry-failed%n", sweep.name(), s.failedStored(),
            s.planned(), dir);
        return ExitCodes.TASKS_FAILED;
      }
      return 0;
    }
  }

  /**
   * The sequential design of {@code --until-decided} for this sweep and folder: the sweep file's
   * seeds first, up to --max-seeds (or the most a sequential run of this folder asked for before,
   * which the report's intervals must then cover). Refuses a sweep with nothing to decide.
   */
  private Manifest.Sequential design(Sweep sweep, OutputFolder folder) throws IOException {
    if (sweep.kind() != SweepKind.TRAIN || sweep.points().stream()
        .map(p -> p.activation().interpolation()).distinct().count() < 2) {
      throw new InvalidValueException("--until-decided", "sweep '" + sweep.name() + "' has no "
          + "finding to decide by seeds: F2 needs a training sweep whose grid varies "
          + "interpolation (its ends are compared)");
    }
    int first = (int) sweep.points().stream().map(p -> p.seed()).distinct().count();
    if (first < 2) {
      throw new InvalidValueException("--until-decided", "the sweep file gives 1 seed; an "
          + "interval needs at least 2 in the first round (seeds: [1, 2, 3])");
    }
    int max = maxSeeds == null ? Math.min(2 * first, SeedDecisions.MAX_SEEDS) : maxSeeds;
    if (max <= first || max > SeedDecisions.MAX_SEEDS) {
      throw new InvalidValueException("--max-seeds", "must be above the sweep file's " + first
          + " seeds per setting and at most " + SeedDecisions.MAX_SEEDS + ", found " + max);
    }
    maxSeeds = max;
    Manifest.Sequential before = folder.manifestFile().sequential();
    return new Manifest.Sequential(before == null ? first : before.firstSeeds(),
        before == null ? max : Math.max(max, before.maxSeeds()), sweep.fingerprint());
  }
}
