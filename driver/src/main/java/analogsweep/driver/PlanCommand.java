package analogsweep.driver;

import analogsweep.common.InvalidValueException;
import analogsweep.driver.run.SweepRunner;
import analogsweep.driver.store.OutputFolder;
import analogsweep.grid.GridPoint;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code analogsweep plan}: a sweep file's grid, a sample of it, and what is already done. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Print the grid of a sweep file: task count, a sample, and how many are "
        + "already done in the output folder.")
final class PlanCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SWEEP", description = "sweep file (YAML)")
  Path file;

  @Option(names = "--out", paramLabel = "DIR", description = "output folder "
      + "(default: results/NAME)")
  String out;

  @Option(names = "--sample", paramLabel = "N", defaultValue = "5",
      description = "grid points to show (default: ${DEFAULT-VALUE})")
  int sample;

  @Mixin
  SweepOverrides overrides;

  @Override
  public Integer call() throws Exception {
    Sweep sweep = SweepFile.read(file, overrides.set);
    PrintStream o = System.out;
    o.print(describe(sweep));
    DataPreflight.check(sweep, false, o);
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
    return printDone(sweep, dir, o);
  }

  /** Prints how many of the sweep's tasks the output folder holds. */
  private static int printDone(Sweep sweep, String dir, PrintStream o) throws IOException {
    OutputFolder folder = new OutputFolder(dir, new Configuration());
    if (!folder.exists()) {
      o.printf("output %s: new folder, 0 of %d done%n", dir, sweep.size());
      return 0;
    }
    try {
      folder.check(sweep, false);
    } catch (InvalidValueException e) {
      o.println("output " + e.getMessage());
      return ExitCodes.INVALID;
    }
    if (folder.waves(SweepRunner.doneDataset(sweep.kind())).isEmpty()) {
      o.printf("output %s: 0 of %d done%n", dir, sweep.size());
      return 0;
    }
    folder.requireUndamaged(new Configuration(), "run again with "
        + "--repair to move the damaged waves aside and train their tasks again");
    try (var spark = Sessions.start("analogsweep plan " + sweep.name(), null, List.of())) {
      Set<String> done = SweepRunner.doneTaskIds(spark, folder, sweep.kind());
      long inPlan = sweep.taskIds().stream().filter(done::contains).count();
      o.printf("output %s: %d of %d done, %d to train%n", dir, inPlan, sweep.size(),
          sweep.size() - inPlan);
    }
    return 0;
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
    sb.append(String.format("  %d tasks%s%n", sweep.size(),
        sweep.axes().isEmpty() ? " (no grid: one point)" : " = " + product));
    return sb.toString();
  }
}
