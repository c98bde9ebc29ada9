package analogsweep.driver.bench;

import analogsweep.common.InvalidValueException;
import analogsweep.driver.exec.SyntheticTasks;
import analogsweep.driver.store.OutputFolder;
import analogsweep.driver.store.StoredColumns;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * The driver at scale ({@code bench --scale N}): N synthetic grid points ({@link SyntheticTasks}:
 * no training, a set wait per epoch) through the real driver, scheduler and store, each step in
 * a JVM of its own as a user runs it: {@code run}, killed with SIGKILL once half the rows are
 * stored; the same {@code run} again, until done (it compacts at its end); then {@code status}
 * and {@code report} on the result. Measures the time to plan, tasks scheduled and stored per
 * second, the driver's heap (from its GC log, under the heap cap given), the Parquet files before
 * and after compaction, the time to resume, and the status and report times; checks that the
 * resumed run trained only what the killed one had not stored and that every task id is stored
 * exactly once (with DuckDB where its JDBC jar is at hand, else with this project's own Parquet
 * reader, and says which).
 */
public final class ScaleBench {
  /** A progress line: done of total, and stored. */
  private static final Pattern PROGRESS = Pattern.compile(
      "\\] (\\d+)/(\\d+) done \\((\\d+) stored\\)");
  private static final Pattern PLANNED = Pattern.compile(
      "\\] (\\d+) planned, (\\d+) already stored in ");
  private static final Pattern COMPACTED = Pattern.compile("compacted (\\d+) waves into (\\d+): "
      + "(\\d+) wave\\(s\\) and (\\d+) Parquet file\\(s\\) before, (\\d+) and (\\d+) after");
  private static final Pattern SUMMARY = Pattern.compile(
      "\\] (\\d+) planned: (\\d+) were stored before, (\\d+) trained now");
  private static final Path TIME = Path.of("/usr/bin/time");
  /** The line /usr/bin/time adds: user and system CPU seconds, peak resident kilobytes. */
  private static final String CPU_LINE = "analogsweep-bench-cpu";
  /** A G1 or serial GC log line's heap: used before, after, committed (megabytes). */
  private static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  /**
   * {@code points}: grid points (a multiple of 4); {@code slots}: local task slots;
   * {@code secondsPerEpoch}: each synthetic task's wait (one epoch); {@code driverHeap}: the
   * driver's -Xmx; {@code dir}: where the sweep file, its output and the logs go;
   * {@code data}: the sweep's data folder (checked by the run, never read); {@code pack}: the
   * run's {@code --pack} (1: a Spark job per point; K: points in packs of K, a job each, which
   * measures storing and the store's reads at N with N / K jobs);
   * {@code duckdbJar}: DuckDB's JDBC jar for the checks (null: this project's reader).
   */
  public record Settings(int points, int slots, double secondsPerEpoch, String driverHeap,
      Path dir, String data, int pack, Path duckdbJar, String master, Path jar) {

    /** On embedded Spark, {@code local[slots]}. */
    public Settings(int points, int slots, double secondsPerEpoch, String driverHeap, Path dir,
        String data, int pack, Path duckdbJar) {
      this(points, slots, secondsPerEpoch, driverHeap, dir, data, pack, duckdbJar, null, null);
    }

    public Settings {
      if (master != null && !master.startsWith("local") && (jar == null
          || !Files.isRegularFile(jar))) {
        throw new InvalidValueException("--scale-jar", "--scale-master " + master + " needs the "
            + "application jar for its executors (deploy/start-cluster.sh builds "
            + "driver/target/analogsweep-dist.jar), found " + jar);
      }
      if (points < 4 || points % 4 != 0 || points > 1_000_000) {
        throw new InvalidValueException("--scale", "expected a multiple of 4 grid points in "
            + "[4, 1000000], found " + points);
      }
      if (slots < 1 || slots > 256) {
        throw new InvalidValueException("--scale-slots", "expected 1 to 256 task slots, found "
            + slots);
      }
      new SyntheticTasks(secondsPerEpoch); // its own range check
      if (pack < 1 || pack > 256) {
        throw new InvalidValueException("--scale-pack", "must be in [1, 256], found " + pack);
      }
    }

    /** The runs' master: the one given, or {@code local[slots]}. */
    String sparkMaster() {
      return master != null ? master : "local[" + slots + "]";
    }
  }

  /**
   * One child JVM's output, each line with the seconds since it started, and how it ended:
   * exit code, wall seconds, and (where {@code /usr/bin/time} measured it) CPU seconds, user and
   * system, and the peak resident size in MB; NaN and -1 where unknown.
   */
  record Child(List<Double> times, List<String> lines, int exit, double seconds, double cpu,
      long maxRssMb) {
    /** The seconds of the first line that {@code matches}, or NaN. */
    double timeOf(Predicate<String> matches) {
      for (int k = 0; k < lines.size(); k++) {
        if (matches.test(lines.get(k))) {
          return times.get(k);
        }
      }
      return Double.NaN;
    }

    /** The first match of {@code pattern} in the output, or null. */
    Matcher find(Pattern pattern) {
      for (String line : lines) {
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          return m;
        }
      }
      return null;
    }
  }

  private ScaleBench() {}

  /** The sweep file of N points: N / 4 seeds x interpolation {0, 1} x EP {0, 0.5}, 1 epoch. */
  static String sweepText(int points, String data) {
    String seeds = IntStream.rangeClosed(1, points / 4).mapToObj(String::valueOf)
        .collect(Collectors.joining(", "));
    return "# bench --scale: synthetic tasks, the grid only gives them distinct task ids\n"
        + "name: scale-" + points + "\n"
        + "data:\n  path: " + data + "\n"
        + "model:\n  kind: linear\n  hidden_sizes: [16]\n"
        + "analog:\n  precision: 16\n"
        + "training:\n  max_epochs: 1\n"
        + "seeds: [" + seeds + "]\n"
        + "grid:\n  interpolation: [0, 1]\n  error_probability: [0, 0.5]\n";
  }

  /** Runs the benchmark; prints its table to {@code log} and returns the figures for JSON. */
  public static Map<String, Object> measure(Settings s, PrintStream log) throws Exception {
    Files.createDirectories(s.dir().resolve("logs"));
    Path sweepFile = s.dir().resolve("scale-" + s.points() + ".yaml");
    Path out = s.dir().resolve("out");
    if (Files.exists(out)) {
      throw new InvalidValueException("--scale-dir", out + " exists: give an empty folder");
    }
    Files.writeString(sweepFile, sweepText(s.points(), s.data()));
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("points", s.points());
    figures.put("slots", s.slots());
    figures.put("master", s.sparkMaster());
    figures.put("pack", s.pack());
    figures.put("seconds_per_task", s.secondsPerEpoch());
    figures.put("driver_heap_cap", s.driverHeap());
    figures.put("cores", Runtime.getRuntime().availableProcessors());
    figures.put("load_at_start", loadAverage());
    log.printf(Locale.ROOT, "scale: %d synthetic points (%.3f s each%s), %s, driver "
        + "-Xmx%s, %d cores, load average %s%n", s.points(), s.secondsPerEpoch(),
        s.pack() > 1 ? ", in packs of " + s.pack() + ": a Spark job a pack" : "", s.sparkMaster(),
        s.driverHeap(), Runtime.getRuntime().availableProcessors(), loadAverage());

    long t0 = System.nanoTime();
    Sweep sweep = SweepFile.read(sweepFile);
    List<String> ids = sweep.taskIds();
    sweep.fingerprint();
    double plan = seconds(t0);
    figures.put("plan_seconds", round(plan));
    log.printf(Locale.ROOT, "  plan (read, expand, task ids)  %8.2f s%n", plan);

    List<String> run = new ArrayList<>(List.of("run", sweepFile.toString(), "--out",
        out.toString(), "--master", s.sparkMaster(), "--synthetic",
        String.valueOf(s.secondsPerEpoch()), "--progress-seconds", "1", "--no-report", "--pack",
        String.valueOf(s.pack())));
    if (s.jar() != null) {
      run.addAll(List.of("--conf", "spark.jars=" + s.jar().toAbsolutePath()));
    }
    Child first = child(s, "run-1", withMain(run), s.points() / 2);
    Counts atKill = counts(s, out);
    double started = first.timeOf(l -> PLANNED.matcher(l).find());
    int doneAtKill = lastProgress(first, 1);
    double running = first.seconds() - started;
    Map<String, Object> killed = new LinkedHashMap<>();
    killed.put("seconds", round(first.seconds()));
    killed.put("cpu_seconds", round(first.cpu()));
    killed.put("max_rss_mb", first.maxRssMb());
    killed.put("startup_seconds", round(started));
    killed.put("done", doneAtKill);
    killed.put("stored", atKill.rows());
    killed.put("files", atKill.files());
    killed.put("scheduled_per_second", round(doneAtKill / running));
    killed.put("stored_per_second", round(atKill.rows() / running));
    killed.put("heap", heap(s, "run-1"));
    figures.put("killed_run", killed);
    log.printf(Locale.ROOT, "  run, killed at half (SIGKILL)  %8.1f s: %d done, %d rows stored "
        + "in %d Parquet files; %.1f scheduled/s, %.1f stored/s after %.1f s of start-up%n",
        first.seconds(), doneAtKill, atKill.rows(), atKill.files(), doneAtKill / running,
        atKill.rows() / running, started);
    if (atKill.rows() != atKill.distinct()) {
      throw new IllegalStateException("a task id stored twice before the resume: " + atKill);
    }

    Child second = child(s, "run-2", withMain(run), -1);
    Matcher summary = second.find(SUMMARY);
    Matcher compacted = second.find(COMPACTED);
    if (second.exit() != 0 || summary == null) {
      throw new IllegalStateException("the resumed run ended with exit " + second.exit()
          + ": see " + log(s, "run-2"));
    }
    int storedBefore = Integer.parseInt(summary.group(2));
    int trained = Integer.parseInt(summary.group(3));
    Counts done = counts(s, out);
    boolean exact = storedBefore == atKill.rows() && trained == s.points() - atKill.rows()
        && done.rows() == s.points() && done.distinct() == s.points()
        && done.ids().equals(new HashSet<>(ids)) && done.ids().containsAll(atKill.ids())
        && done.orphanEpochs() == 0;
    double resumeCheck = second.timeOf(l -> PLANNED.matcher(l).find());
    double allStored = second.timeOf(l -> {
      Matcher m = PROGRESS.matcher(l);
      return m.find() && Integer.parseInt(m.group(3)) == s.points();
    });
    double compactedAt = second.timeOf(l -> COMPACTED.matcher(l).find());
    int filesBefore = compacted == null ? done.files() : Integer.parseInt(compacted.group(4));
    Map<String, Object> resumed = new LinkedHashMap<>();
    resumed.put("seconds", round(second.seconds()));
    resumed.put("cpu_seconds", round(second.cpu()));
    resumed.put("max_rss_mb", second.maxRssMb());
    resumed.put("startup_and_resume_check_seconds", round(resumeCheck));
    resumed.put("stored_before", storedBefore);
    resumed.put("trained", trained);
    resumed.put("stored_per_second", round(trained / (allStored - resumeCheck)));
    resumed.put("compaction_seconds", round(compactedAt - allStored));
    resumed.put("heap", heap(s, "run-2"));
    figures.put("resumed_run", resumed);
    figures.put("files_before_compaction", filesBefore);
    figures.put("files_after_compaction", done.files());
    figures.put("every_id_once", exact);
    figures.put("checked_with", done.reader());
    log.printf(Locale.ROOT, "  resume (the same run again)    %8.1f s: %.1f s to the resume "
        + "check, %d found stored, %d trained (%.1f stored/s), compaction %.1f s%n",
        second.seconds(), resumeCheck, storedBefore, trained, trained / (allStored - resumeCheck),
        compactedAt - allStored);
    log.printf(Locale.ROOT, "  Parquet files                  %d before compaction, %d after%n",
        filesBefore, done.files());
    log.printf(Locale.ROOT, "  every id once, none retrained  %s (%d rows, %d distinct ids, %d "
        + "epochs rows without a runs row; %s)%n", exact ? "yes" : "NO", done.rows(),
        done.distinct(), done.orphanEpochs(), done.reader());
    log.printf(Locale.ROOT, "  driver heap (GC log)           killed run: %s; resumed run: "
        + "%s%n", heapLine(heap(s, "run-1")), heapLine(heap(s, "run-2")));
    log.printf(Locale.ROOT, "  driver CPU and resident size   killed run %.1f s, %d MB; resumed "
        + "run %.1f s, %d MB%n", first.cpu(), first.maxRssMb(), second.cpu(),
        second.maxRssMb());

    // status with the options the launcher gives it (a few files read: C1 and one GC thread)
    Child status = child(s, "status", List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "analogsweep.driver.Main", "status", out.toString()), -1);
    Child report = child(s, "report", withMain(List.of("report", out.toString())), -1);
    figures.put("status_seconds", round(status.seconds()));
    figures.put("status_cpu_seconds", round(status.cpu()));
    figures.put("status_exit", status.exit());
    figures.put("report_seconds", round(report.seconds()));
    figures.put("report_cpu_seconds", round(report.cpu()));
    figures.put("report_exit", report.exit());
    figures.put("load_at_end", loadAverage());
    log.printf(Locale.ROOT, "  status                         %8.1f s, %.1f s of CPU (exit %d)%n",
        status.seconds(), status.cpu(), status.exit());
    log.printf(Locale.ROOT, "  report                         %8.1f s, %.1f s of CPU (exit %d)%n",
        report.seconds(), report.cpu(), report.exit());
    log.printf(Locale.ROOT, "  load average at the end        %s; logs in %s%n", loadAverage(),
        s.dir().resolve("logs"));
    if (!exact) {
      throw new IllegalStateException("the folder does not hold every task id exactly once, or "
          + "the resumed run trained what was stored: see " + s.dir().resolve("logs"));
    }
    return figures;
  }

  /** What the folder's runs hold: rows, distinct ids, the ids, files, epochs without runs. */
  record Counts(long rows, long distinct, Set<String> ids, int files, long orphanEpochs,
      String reader) {}

  private static Counts counts(Settings s, Path out) throws Exception {
    int files;
    try (Stream<Path> walk = Files.walk(out)) {
      files = (int) walk.filter(p -> p.getFileName().toString().endsWith(".parquet")
          && (p.startsWith(out.resolve("runs")) || p.startsWith(out.resolve("epochs"))))
          .count();
    }
    if (s.duckdbJar() == null) {
      OutputFolder folder = new OutputFolder(out.toString(), new Configuration());
      List<List<Object>> runs = StoredColumns.read(folder, "runs", List.of("task_id"),
          new Configuration());
      Set<String> ids = new HashSet<>();
      runs.forEach(r -> ids.add((String) r.get(0)));
      long orphans = StoredColumns.read(folder, "epochs", List.of("task_id"),
          new Configuration()).stream().filter(r -> !ids.contains((String) r.get(0))).count();
      return new Counts(runs.size(), ids.size(), ids, files, orphans,
          "checked with this project's Parquet reader");
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {s.duckdbJar().toUri().toURL()},
        ScaleBench.class.getClassLoader());
        Connection c = ((Driver) Class.forName("org.duckdb.DuckDBDriver", true, loader)
            .getDeclaredConstructor().newInstance()).connect("jdbc:duckdb:", new Properties());
        Statement st = c.createStatement()) {
      String runs = "read_parquet('" + out.resolve("runs") + "/wave=*/*.parquet', "
          + "hive_partitioning = true)";
      String epochs = "read_parquet('" + out.resolve("epochs") + "/wave=*/*.parquet', "
          + "hive_partitioning = true)";
      Set<String> ids = new HashSet<>();
      long rows = 0;
      try (ResultSet r = st.executeQuery("SELECT task_id FROM " + runs)) {
        while (r.next()) {
          ids.add(r.getString(1));
          rows++;
        }
      }
      long orphans;
      try (ResultSet r = st.executeQuery("SELECT count(*) FROM " + epochs + " e ANTI JOIN "
          + runs + " r ON e.task_id = r.task_id AND e.wave = r.wave")) {
        r.next();
        orphans = r.getLong(1);
      }
      return new Counts(rows, ids.size(), ids, files, orphans, "checked with DuckDB");
    }
  }

  private static List<String> withMain(List<String> args) {
    List<String> all = new ArrayList<>(List.of("analogsweep.driver.Main"));
    all.addAll(args);
    return all;
  }

  /**
   * Runs {@code java ARGS} (JVM options, the main class, its arguments) in a JVM of its own
   * (this JVM's Java, class path and options, the given heap cap and a GC log), its output
   * timed line by line into logs/NAME.log; with
   * {@code killAtStored} >= 0, kills it (SIGKILL) at the first progress line that reports at
   * least that many rows stored.
   */
  private static Child child(Settings s, String name, List<String> args, int killAtStored)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + s.driverHeap());
    cmd.add("-Xlog:gc:file=" + s.dir().resolve("logs").resolve(name + ".gc.log"));
    for (String opt : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (opt.startsWith("--add-opens") || (opt.startsWith("-D")
          && !opt.startsWith("-Danalogsweep.terminal"))) {
        cmd.add(opt);
      }
    }
    for (String opt : System.getProperty("analogsweep.jvmOpens", "").split(" ")) {
      if (!opt.isBlank()) {
        cmd.add(opt); // under the tests, which pass the launcher's options this way
      }
    }
    cmd.addAll(List.of("-Danalogsweep.terminal=false", "-cp",
        System.getProperty("java.class.path")));
    cmd.addAll(args);
    // on a shared machine the wall time says as much about the others' load as about this
    // program: /usr/bin/time adds the CPU time and the peak resident size where it exists
    if (Files.isExecutable(TIME)) {
      cmd.addAll(0, List.of(TIME.toString(), "-f", CPU_LINE + " %U %S %M"));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1"); // as the launcher sets it
    long t0 = System.nanoTime();
    Process p = pb.start();
    List<Double> times = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    boolean killed = false;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8)); PrintStream file = new PrintStream(log(s, name).toFile(),
        StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        double t = seconds(t0);
        times.add(t);
        lines.add(line);
        file.printf(Locale.ROOT, "%8.2f %s%n", t, line);
        Matcher m = PROGRESS.matcher(line);
        if (!killed && killAtStored >= 0 && m.find()
            && Integer.parseInt(m.group(3)) >= killAtStored) {
          // SIGKILL to the JVM (under /usr/bin/time, its child, so that time still reports);
          // Process's own destroy would close the output still to be read
          List<ProcessHandle> jvm = p.toHandle().children().toList();
          (jvm.isEmpty() ? List.of(p.toHandle()) : jvm).forEach(ProcessHandle::destroyForcibly);
          killed = true;
        }
      }
    }
    int exit = p.waitFor();
    double seconds = seconds(t0);
    if (killAtStored >= 0 && !killed) {
      throw new IllegalStateException(name + " ended (exit " + exit + ") before half its rows "
          + "were stored: see " + log(s, name));
    }
    double cpu = Double.NaN;
    long rss = -1;
    for (String line : lines) {
      if (line.startsWith(CPU_LINE + " ")) {
        String[] f = line.split(" ");
        cpu = Double.parseDouble(f[1]) + Double.parseDouble(f[2]);
        rss = Long.parseLong(f[3]) / 1024;
      }
    }
    return new Child(times, lines, exit, seconds, cpu, rss);
  }

  private static Path log(Settings s, String name) {
    return s.dir().resolve("logs").resolve(name + ".log");
  }

  /** The done count of the last progress line (at least {@code min} lines must exist). */
  private static int lastProgress(Child c, int min) {
    int done = -1;
    for (String line : c.lines()) {
      Matcher m = PROGRESS.matcher(line);
      if (m.find()) {
        done = Integer.parseInt(m.group(1));
      }
    }
    if (done < 0 && min > 0) {
      throw new IllegalStateException("no progress line in the killed run's output");
    }
    return done;
  }

  /** The heap peaks a GC log shows (megabytes): used before a collection, after, committed. */
  static Map<String, Object> heap(List<String> gcLog) {
    long before = 0;
    long after = 0;
    long committed = 0;
    int collections = 0;
    for (String line : gcLog) {
      Matcher m = GC_HEAP.matcher(line);
      if (m.find()) {
        before = Math.max(before, Long.parseLong(m.group(1)));
        after = Math.max(after, Long.parseLong(m.group(2)));
        committed = Math.max(committed, Long.parseLong(m.group(3)));
        collections++;
      }
    }
    Map<String, Object> heap = new LinkedHashMap<>();
    heap.put("peak_used_mb", before);
    heap.put("peak_live_mb", after);
    heap.put("peak_committed_mb", committed);
    heap.put("collections", collections);
    return heap;
  }

  private static Map<String, Object> heap(Settings s, String name) throws IOException {
    return heap(Files.readAllLines(s.dir().resolve("logs").resolve(name + ".gc.log")));
  }

  private static String heapLine(Map<String, Object> heap) {
    return String.format(Locale.ROOT, "peak %d MB used, %d MB live after a GC, %d MB committed",
        (long) heap.get("peak_used_mb"), (long) heap.get("peak_live_mb"),
        (long) heap.get("peak_committed_mb"));
  }

  /** The 1-minute load average (Linux), or "?" elsewhere. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  /**
   * DuckDB's JDBC jar Maven fetched for this project's tests ({@code ~/.m2}), the newest, or
   * null where there is none.
   */
  public static Path localDuckdbJar() {
    Path dir = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "duckdb",
        "duckdb_jdbc");
    if (!Files.isDirectory(dir)) {
      return null;
    }
    try (Stream<Path> walk = Files.walk(dir, 2)) {
      return walk.filter(p -> p.getFileName().toString().matches("duckdb_jdbc-[0-9.]+\\.jar"))
          .max(Path::compareTo).orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static double round(double v) {
    return Bench.round(v);
  }
}
