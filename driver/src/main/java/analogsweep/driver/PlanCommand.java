package analogsweep.driver;

import analogsweep.common.InvalidValueException;
import analogsweep.driver.run.PendingTrainings;
import analogsweep.driver.run.StoredCost;
import analogsweep.driver.run.SweepRunner;
import analogsweep.driver.store.OutputFolder;
import analogsweep.driver.store.StoredColumns;
import analogsweep.grid.FolderRecipe;
import analogsweep.grid.GridField;
import analogsweep.grid.GridPoint;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepFile;
import analogsweep.sweep.SweepKind;
import analogsweep.sweep.ThresholdPlan;
import analogsweep.sweep.ThresholdSearch;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code analogsweep plan}: a sweep file's grid (its axes, their product, the fixed settings and
 * the trainings that sharing saves), a sample of it, what is already done, and the time the rest
 * will take ({@link StoredCost}, calibrated by the rows of the output folder or of a folder given
 * with {@code --like}), read from the folders' files without Spark.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Print the grid of a sweep file: task count, a sample, how many are "
        + "already done in the output folder, and an estimate of the time the rest takes.")
final class PlanCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SWEEP", description = "sweep file (YAML)")
  Path file;

  @Option(names = "--out", paramLabel = "DIR", description = "output folder "
      + "(default: results/NAME)")
  String out;

  @Option(names = "--sample", paramLabel = "N", defaultValue = "5",
      description = "grid points to show (default: ${DEFAULT-VALUE})")
  int sample;

  @Option(names = "--like", paramLabel = "DIR", description = "estimate the time from the rows "
      + "stored in this output folder, of a sweep run on the same machine (default: the sweep's "
      + "own output folder)")
  String like;

  @Mixin
  SweepOverrides overrides;

  @Override
  public Integer call() throws Exception {
    Sweep sweep = SweepFile.read(file, overrides.set);
    String dir = out == null ? defaultOut(sweep) : out;
    Configuration conf = new Configuration();
    OutputFolder basis = new OutputFolder(like == null ? dir : like, conf);
    if (like != null) {
      basis.requireOutput("--like");
      basis.requireUndamaged(conf, "run its sweep again with --repair to move the damaged waves "
          + "aside");
    }
    // a folder keeps the recipe it was created with
    sweep = sweep.under(new OutputFolder(dir, conf).manifestFile().recipe());
    PrintStream o = System.out;
    o.print(describe(sweep));
    DataPreflight.check(sweep, false, o);
    List<String> varying = new ArrayList<>(sweep.axes().keySet());
    if (sweep.threshold() != null) {
      varying.add(sweep.threshold().over().column());
    }
    for (int k = 0; k < Math.min(sample, sweep.size()); k++) {
      GridPoint p = sweep.points().get(k);
      Map<String, Object> shown = new LinkedHashMap<>();
      for (String column : varying) {
        shown.put(column, p.columns().get(column));
      }
      o.printf("  %s  %s%n", p.taskId().substring(0, 12), shown);
    }
    Set<String> done = printDone(sweep, dir, conf, o);
    if (done == null) {
      return ExitCodes.INVALID;
    }
    if (sweep.kind() == SweepKind.TRAIN) {
      List<GridPoint> trainings = PendingTrainings.of(sweep, done).toTrain();
      StoredCost cost = StoredCost.read(basis, conf);
      o.println(cost.describe(cost.estimate(trainings), trainings.size()));
    }
    return 0;
  }

  /**
   * Prints how many of the sweep's tasks the output folder holds; returns their ids, or null
   * where the folder holds another sweep's output.
   */
  private static Set<String> printDone(Sweep sweep, String dir, Configuration conf,
      PrintStream o) throws IOException {
    OutputFolder folder = new OutputFolder(dir, conf);
    if (!folder.exists()) {
      o.printf("output %s: new folder, 0 of %d done%n", dir, sweep.size());
      return Set.of();
    }
    boolean seedsAdded = folder.manifestFile().addsSeedsTo(sweep);
    if (sweep.threshold() != null && !folder.waves("runs").isEmpty()) {
      sweep = ThresholdPlan.replanned(sweep, StoredColumns.bestAccuracies(folder));
      o.printf("output %s: the threshold search has planned %d tasks so far%n", dir,
          sweep.size());
    }
    try {
      folder.check(sweep, seedsAdded);
    } catch (InvalidValueException e) {
      o.println("output " + e.getMessage());
      return null;
    }
    if (folder.waves(SweepRunner.doneDataset(sweep.kind())).isEmpty()) {
      o.printf("output %s: 0 of %d done%n", dir, sweep.size());
      return Set.of();
    }
    folder.requireUndamaged(conf, "run again with "
        + "--repair to move the damaged waves aside and train their tasks again");
    // the stored task ids straight from the files: no Spark session for a look
    Set<String> done = StoredColumns.taskIds(folder, SweepRunner.doneDataset(sweep.kind()), conf);
    long inPlan = sweep.taskIds().stream().filter(done::contains).count();
    o.printf("output %s: %d of %d done, %d to train%s%n", dir, inPlan, sweep.size(),
        sweep.size() - inPlan, seedsAdded ? "; and " + (done.size() - inPlan) + " of seeds added "
            + "by run --until-decided" : "");
    return done;
  }

  /** Default output folder of a sweep: results/NAME. */
  static String defaultOut(Sweep sweep) {
    return Path.of("results", sweep.name()).toString();
  }

  /** The sweep's name, kind, source, description, axes and task count. */
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
    ThresholdSearch search = sweep.threshold();
    sb.append(String.format("  %d tasks%s%s%n", sweep.size(),
        sweep.axes().isEmpty() ? " (no grid: one point)" : " = " + product,
        search == null ? "" : " x 2 ends of the threshold search"));
    if (search != null) {
      int settings = ThresholdPlan.settings(sweep).size();
      int seeds = sweep.size() / Math.max(1, 2 * settings);
      int dense = (int) Math.ceil((search.high() - search.low()) / search.resolution() - 1e-9)
          + 1;
      sb.append(String.format(Locale.ROOT, "  threshold search: %s%n    round 1: both ends of "
          + "%d setting(s) x %d seed(s); then up to %d rounds, one value per setting still "
          + "searching%n    at most %d tasks in all; a grid of the same resolution (%d values) "
          + "would take %d%n", search.label(), settings, seeds, search.maxRounds() - 1,
          settings * seeds * (search.maxRounds() + 1), dense, settings * seeds * dense));
    }
    if (!sweep.points().isEmpty() && !sweep.recipe().pinned().isEmpty()) {
      sb.append(String.format("  the output folder is of recipe revision %d (today's: %d): %s "
          + "where the sweep leaves it open%n", sweep.recipe().revision(),
          FolderRecipe.CURRENT_REVISION, String.join(", ", sweep.recipe().pinned().entrySet()
              .stream().map(e -> e.getKey().column() + "=" + e.getValue()).toList())));
    }
    long trainings = sweep.points().stream().map(GridPoint::trainingKey).distinct().count();
    if (!sweep.points().isEmpty()) {
      sb.append(trainings == sweep.size() ? String.format("  %d distinct trainings%n", trainings)
          : String.format("  %d distinct trainings: sharing saves %d (points that train alike: "
              + "at i = 0 the smooth end is unseen, at EP 0 the noise distribution)%n",
              trainings, sweep.size() - trainings));
    }
    List<String> fixed = fixedSettings(sweep);
    if (!fixed.isEmpty()) {
      sb.append("  fixed settings (the others at their defaults):\n");
      StringBuilder line = new StringBuilder("   ");
      for (int k = 0; k < fixed.size(); k++) {
        String item = " " + fixed.get(k) + (k + 1 < fixed.size() ? "," : "");
        if (line.length() + item.length() > 100 && line.length() > 3) {
          sb.append(line).append('\n');
          line = new StringBuilder("   ");
        }
        line.append(item);
      }
      sb.append(line).append('\n');
    }
    return sb.toString();
  }

  /**
   * The grid fields every point shares and that differ from their defaults, as
   * {@code name=value}: what the axes vary over. A field that follows an axis (the linear
   * model's depth from its widths) is not fixed.
   */
  static List<String> fixedSettings(Sweep sweep) {
    List<String> out = new ArrayList<>();
    if (sweep.points().isEmpty()) {
      return out;
    }
    for (GridField f : GridField.values()) {
      if (sweep.axes().containsKey(f.column())) {
        continue;
      }
      Object first = f.get(sweep.points().get(0));
      boolean shared = sweep.points().stream().allMatch(p -> Objects.equals(f.get(p), first));
      // a recipe's choice (no default of its own) is news where it differs from the first recipe
      Object usual = f.defaultColumnValue() == null && f.since() >= 3 ? f.absentColumnValue()
          : f.defaultColumnValue();
      if (shared && first != null && !sameValue(first, usual)) {
        out.add(f.column() + "=" + first);
      }
    }
    return out;
  }

  private static boolean sameValue(Object a, Object b) {
    return a instanceof Number x && b instanceof Number y ? x.doubleValue() == y.doubleValue()
        : Objects.equals(a, b);
  }
}
