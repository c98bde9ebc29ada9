package analogsweep.driver.store;

import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepKind;
import analogsweep.sweep.ThresholdPlan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Where a sweep's output folder stands (the {@code status} command): its plan (from the copy of
 * the sweep file stored there; for a threshold search, every value it has tried or asks for
 * next), how many planned tasks are stored, and of those how many FAILED or DIVERGED, how many
 * are pending, and the failed tasks with their messages. Also counts what
 * {@code superseded/} and {@code damaged/} hold. Reads only the columns it shows, with
 * {@link StoredColumns}: no Spark session.
 */
public record FolderStatus(String sweep, String kind, int planned, int stored, int ok,
    int failed, int diverged, int pending, int storedOutsidePlan, int superseded,
    List<Failure> failures) {

  /** A FAILED (or DIVERGED) task: its id, the grid values that vary, and its message. */
  public record Failure(String taskId, String status, String setting, String message) {}

  /**
   * Reads the folder straight from its files, without Spark (see {@link StoredColumns});
   * refuses (exit 2) one that is not a sweep's output or holds damage.
   */
  public static FolderStatus of(OutputFolder folder, Configuration conf) throws IOException {
    folder.requireOutput("DIR");
    Manifest manifest = folder.manifest();
    Sweep plan = folder.manifestFile().storedSweep();
    if (plan != null && plan.threshold() != null && !folder.waves("runs").isEmpty()) {
      plan = ThresholdPlan.replanned(plan, StoredColumns.bestAccuracies(folder));
    }
    Map<Path, ParquetMetadata> footers = new HashMap<>();
    new DamageScan(folder.layout()).requireUndamaged(conf, "run the sweep again with --repair to move the damaged waves "
        + "aside (analogsweep run " + new Path(folder.root(), "sweep.yaml") + " --out "
        + folder.root() + " --repair)", footers);
    String name = manifest != null ? manifest.sweep() : plan.name();
    SweepKind kind = plan != null ? plan.kind()
        : "gradient-error".equals(manifest.kind()) ? SweepKind.GRADIENT_ERROR : SweepKind.TRAIN;
    Set<String> planned = plan == null ? null : new HashSet<>(plan.taskIds());
    int ok = 0;
    int failed = 0;
    int diverged = 0;
    int outside = 0;
    List<Failure> failures = new ArrayList<>();
    Set<String> storedIds = new HashSet<>();
    if (kind == SweepKind.TRAIN && !folder.waves("runs").isEmpty()) {
      List<String> varying = plan == null ? List.of() : List.copyOf(plan.axes().keySet());
      List<String> columns = new ArrayList<>(List.of("task_id", "status", "message"));
      columns.addAll(varying);
      List<List<Object>> rows = StoredColumns.read(folder, "runs", columns, conf,
          footers);
      for (List<Object> r : rows) {
        String id = (String) r.get(0);
        if (planned != null && !planned.contains(id)) {
          outside++;
          continue;
        }
        storedIds.add(id);
        String status = (String) r.get(1);
        switch (status) {
          case "FAILED" -> failed++;
          case "DIVERGED" -> diverged++;
          default -> ok++;
        }
        if (!status.equals("OK")) {
          StringBuilder setting = new StringBuilder();
          for (int k = 0; k < varying.size(); k++) {
            setting.append(k == 0 ? "" : ", ").append(varying.get(k)).append('=')
                .append(shown(r.get(3 + k)));
          }
          failures.add(new Failure(id, status, setting.toString(), (String) r.get(2)));
        }
      }
    } else if (!folder.waves("maps").isEmpty()) {
      for (String id : StoredColumns.taskIds(folder, "maps", conf, footers)) {
        if (planned != null && !planned.contains(id)) {
          outside++;
        } else {
          storedIds.add(id);
          ok++;
        }
      }
    }
    // by id, as they were listed when every row was sorted (a stable sort of far fewer)
    failures.sort(Comparator.comparing(Failure::taskId));
    int plannedCount = plan != null ? plan.size()
        : manifest.plannedTasks() == null ? storedIds.size() : manifest.plannedTasks();
    return new FolderStatus(name, kind.id(), plannedCount, storedIds.size(), ok, failed,
        diverged, plannedCount - storedIds.size(), outside, superseded(folder), failures);
  }

  /**
   * A grid value as this printout has always shown it: as Spark's rows print it, a list as
   * {@code ArraySeq(16, 8)}, so that the output did not change when the read left Spark.
   */
  private static String shown(Object value) {
    if (value instanceof List<?> list) {
      StringJoiner j = new StringJoiner(", ", "ArraySeq(", ")");
      list.forEach(e -> j.add(String.valueOf(e)));
      return j.toString();
    }
    return String.valueOf(value);
  }

  private static int superseded(OutputFolder folder) throws IOException {
    Path dir = new Path(new Path(folder.root(), "superseded"), "runs");
    int files = 0;
    if (folder.fs().exists(dir)) {
      for (var wave : folder.fs().listStatus(dir)) {
        files += folder.parquetFiles(wave.getPath()).size();
      }
    }
    return files;
  }

  /** The printout of the status command. */
  public String describe(String dir, int maxFailures) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "sweep %s (%s) in %s%n", sweep, kind, dir));
    sb.append(String.format(Locale.ROOT, "  planned   %d%n", planned));
    sb.append(String.format(Locale.ROOT, "  stored    %d (%d OK, %d DIVERGED, %d FAILED)%n",
        stored, ok, diverged, failed));
    sb.append(String.format(Locale.ROOT, "  pending   %d%n", pending));
    if (storedOutsidePlan > 0) {
      sb.append(String.format(Locale.ROOT, "  stored for grid points no longer in sweep.yaml: "
          + "%d%n", storedOutsidePlan));
    }
    if (superseded > 0) {
      sb.append(String.format(Locale.ROOT, "  earlier attempts kept in superseded/: %d file(s)%n",
          superseded));
    }
    int shown = 0;
    for (String status : List.of("FAILED", "DIVERGED")) {
      List<Failure> these = failures.stream().filter(f -> f.status().equals(status)).toList();
      if (these.isEmpty()) {
        continue;
      }
      sb.append(status.toLowerCase(Locale.ROOT)).append(" tasks:").append('\n');
      for (Failure f : these) {
        if (shown++ >= maxFailures) {
          sb.append("  ... (").append(failures.size() - maxFailures).append(" more)\n");
          break;
        }
        sb.append("  ").append(f.taskId(), 0, 12).append("  ").append(f.setting())
            .append(f.setting().isEmpty() ? "" : ": ").append(f.message()).append('\n');
      }
    }
    if (failed > 0) {
      sb.append("fix the cause, then train them again: analogsweep run ").append(new Path(dir,
          "sweep.yaml")).append(" --out ").append(dir).append(" --retry-failed\n");
    }
    return sb.toString();
  }

  /** Counts by status, for tests. */
  public Map<String, Integer> counts() {
    return Map.of("planned", planned, "stored", stored, "failed", failed, "diverged", diverged,
        "pending", pending);
  }
}
