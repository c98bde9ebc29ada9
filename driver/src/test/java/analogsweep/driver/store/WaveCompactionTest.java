package analogsweep.driver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import analogsweep.driver.Main;
import analogsweep.driver.TestSupport;
import analogsweep.driver.exec.SyntheticTasks;
import analogsweep.driver.run.SweepRunner;
import analogsweep.grid.GridPoint;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compaction merges the small waves of finished batches into few files with every row kept as it
 * was, and a driver killed at any moment of it (simulated in-process at each named moment, and by
 * halting a child JVM) leaves a folder whose repair, at the next run or compact, ends with every
 * task id stored once, as DuckDB reads it.
 */
class WaveCompactionTest {
  @TempDir
  Path tmp;

  @AfterEach
  void noStop() {
    WaveCompaction.stopAt = null;
  }

  /** Every runs and epochs row as DuckDB reads it, without the wave: what must not change. */
  static List<String> rows(Path out) throws Exception {
    List<String> all = new ArrayList<>();
    for (String dataset : List.of("runs", "epochs")) {
      for (List<Object> r : TestSupport.duckdb("SELECT * EXCLUDE (wave) FROM "
          + TestSupport.parquet(out, dataset) + " ORDER BY ALL")) {
        all.add(dataset + " " + r);
      }
    }
    return all;
  }

  /** runs rows, distinct task ids; epochs rows, distinct (task, epoch); epochs in their wave. */
  static List<Long> counts(Path out) throws Exception {
    List<Object> runs = TestSupport.duckdb("SELECT count(*), count(DISTINCT task_id) FROM "
        + TestSupport.parquet(out, "runs")).get(0);
    List<Object> epochs = TestSupport.duckdb("SELECT count(*), count(DISTINCT (task_id, "
        + "epoch)) FROM " + TestSupport.parquet(out, "epochs")).get(0);
    List<Object> paired = TestSupport.duckdb("SELECT count(*) FROM "
        + TestSupport.parquet(out, "epochs") + " e JOIN " + TestSupport.parquet(out, "runs")
        + " r ON e.task_id = r.task_id AND e.wave = r.wave").get(0);
    return Stream.of(runs.get(0), runs.get(1), epochs.get(0), epochs.get(1), paired.get(0))
        .map(o -> ((Number) o).longValue()).toList();
  }

  /** The quickstart of 0.1.0: 24 tasks of 3 epochs, each once and each epoch in its wave. */
  static final List<Long> ONCE = List.of(24L, 24L, 72L, 72L, 72L);

  /** Every file under runs/ and epochs/ (0.1 also wrote .crc and _SUCCESS files there). */
  static long files(Path out) throws Exception {
    long n = 0;
    for (String dataset : List.of("runs", "epochs")) {
      if (Files.isDirectory(out.resolve(dataset))) {
        try (Stream<Path> s = Files.walk(out.resolve(dataset))) {
          n += s.filter(Files::isRegularFile).count();
        }
      }
    }
    return n;
  }

  static int main(String... args) {
    return Main.execute(args);
  }

  @Test
  void compactingTheQuickstartOfVersionOneKeepsEveryRowInItsLayout() throws Exception {
    Path out = LegacyFolderTest.copy("quickstart-v0.1.0", tmp.resolve("quickstart"));
    List<String> before = rows(out);
    long filesBefore = files(out);
    OutputFolder folder = StoreFixtures.folder(out);
    int wavesBefore = folder.waves("runs").size();

    assertEquals(0, main("compact", out.toString()));

    assertEquals(List.of(13), List.copyOf(folder.waves("runs")), "a new number after all");
    assertEquals(List.of(13), List.copyOf(folder.waves("epochs")));
    assertEquals(before, rows(out), "every row as it was");
    assertEquals(ONCE, counts(out));
    assertEquals(List.of("epochs", "manifest.json", "runs", "sweep.yaml"), StoreFixtures.names(
        out).stream().filter(n -> !n.startsWith(".")).toList(), "no staging area is left");
    long filesAfter = files(out);
    System.out.printf("compaction of quickstart-v0.1.0: %d waves, %d files under runs/ and "
        + "epochs/ (12 + 12 Parquet, their .crc and _SUCCESS) -> %d wave, %d files%n",
        wavesBefore, filesBefore, folder.waves("runs").size(), filesAfter);
    assertEquals(2, filesAfter);

    // still 0.1's layout, read by Spark in today's schema; a run resumes it retraining nothing
    List<Row> runs = ResultReader.runs(TestSupport.spark(), folder).collectAsList();
    assertEquals(24, runs.size());
    for (Row r : runs) {
      assertEquals(List.of(256, 128), r.getList(r.fieldIndex("hidden_sizes")));
      assertEquals(13, (int) r.getAs("wave"));
    }
    SweepRunner.Summary s = LegacyFolderTest.resume(out);
    assertEquals(24, s.doneAtStart());
    assertEquals(0, s.trained());

    assertEquals(0, main("compact", out.toString()), "a compact folder is left alone");
    assertEquals(List.of(13), List.copyOf(folder.waves("runs")));
  }

  @Test
  void layoutsAreNeverMergedAndASingleWaveIsLeftAlone() throws Exception {
    Path out = LegacyFolderTest.copy("quickstart-v0.1.0", tmp.resolve("mixed"));
    // two waves in today's layout beside 0.1's twelve: two groups, merged apart
    for (int w = 13; w <= 14; w++) {
      StoreFixtures.parquet(out.resolve("epochs/wave=" + w), "extra-" + w);
      StoreFixtures.parquet(out.resolve("runs/wave=" + w), "extra-" + w);
    }
    OutputFolder folder = StoreFixtures.folder(out);
    WaveCompaction.Outcome o = folder.compact(StoreFixtures.CONF, 2);
    assertEquals(14, o.merged());
    assertEquals(2, o.written());
    assertEquals(List.of(15, 16), List.copyOf(folder.waves("runs")));
    assertEquals(List.of(15, 16), List.copyOf(folder.waves("epochs")));

    // the version before VGG-A (fewer columns): its two waves merge, every row as it was
    Path v02 = LegacyFolderTest.copy("resume-v0.2-6ed6872", tmp.resolve("v02"));
    List<String> rowsOfV02 = rows(v02);
    assertEquals(2, StoreFixtures.folder(v02).compact(StoreFixtures.CONF, 2).merged());
    assertEquals(List.of(3), List.copyOf(StoreFixtures.folder(v02).waves("runs")));
    assertEquals(rowsOfV02, rows(v02));

    Path maps = LegacyFolderTest.copy("gradient-error-v0.1.0", tmp.resolve("maps"));
    WaveCompaction.Outcome none = StoreFixtures.folder(maps).compact(StoreFixtures.CONF, 2);
    assertEquals("nothing to compact: 1 wave(s), 1 Parquet file(s)", none.describe());
  }

  /**
   * A kill at each moment of a compaction: before the merged files are complete, once staged,
   * once committed, with the merged epochs or runs in place, part-way through removing the
   * merged-from waves, and with only the plan left. The repair at the start of the next run
   * finishes or undoes it; the run sees the same 24 stored tasks and trains none; a compact after
   * it leaves one wave; every row is the one stored before.
   */
  @ParameterizedTest
  @ValueSource(strings = {"writing", "staged", "committed", "epochs-placed", "runs-placed",
      "removing", "removed"})
  void aKillAtAnyMomentOfACompactionLeavesEveryTaskOnce(String moment) throws Exception {
    Path out = LegacyFolderTest.copy("quickstart-v0.1.0", tmp.resolve(moment));
    List<String> before = rows(out);
    OutputFolder folder = StoreFixtures.folder(out);
    WaveCompaction.stopAt = moment;
    assertThrows(WaveCompaction.Stopped.class, () -> folder.compact(StoreFixtures.CONF, 2));
    WaveCompaction.stopAt = null;

    // as the killed driver left it, before any repair: a task's runs row twice only from the
    // merged runs' rename to the removal of the last merged-from runs; the merged epochs, in
    // place from their rename on, have no runs row in their wave until the merged runs follow
    List<Long> raw = counts(out);
    boolean runsTwice = moment.equals("runs-placed") || moment.equals("removing");
    boolean epochsTwice = runsTwice || moment.equals("epochs-placed");
    assertEquals(runsTwice, raw.get(0) > 24, moment + ": " + raw);
    assertEquals(epochsTwice, raw.get(2) > 72, moment + ": " + raw);
    assertEquals(24L, raw.get(1), "no task is ever missing: " + raw);
    System.out.printf("killed at %s: runs rows %d (%d ids), epochs rows %d before repair%n",
        moment, raw.get(0), raw.get(1), raw.get(2));
    boolean committed = !moment.equals("writing") && !moment.equals("staged");
    assertEquals(committed, Files.exists(out.resolve("_staging/compact/plan.json")));

    SweepRunner.Summary s = LegacyFolderTest.resume(out);
    assertEquals(24, s.doneAtStart(), moment);
    assertEquals(0, s.trained(), moment);
    assertEquals(ONCE, counts(out), moment);
    assertEquals(before, rows(out), moment);
    assertFalse(Files.exists(out.resolve("_staging")), moment);
    assertEquals(committed ? List.of(13) : List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
        List.copyOf(folder.waves("runs")), "finished once committed, undone before");

    assertEquals(0, main("compact", out.toString()));
    assertEquals(1, folder.waves("runs").size());
    assertEquals(ONCE, counts(out), moment);
    assertEquals(before, rows(out), moment);
  }

  /**
   * The same with a real death: a child JVM running {@code compact} halts (no shutdown hook, as
   * under SIGKILL) with a merged file half-written, and with the merged runs in place before
   * any merged-from wave is removed; {@code compact} then finishes with every task once.
   */
  @ParameterizedTest
  @ValueSource(strings = {"writing", "runs-placed"})
  void aCompactKilledInAChildJvmIsFinishedByTheNextCompact(String moment) throws Exception {
    Path out = LegacyFolderTest.copy("quickstart-v0.1.0", tmp.resolve("child-" + moment));
    List<String> before = rows(out);
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
        "java").toString(), "-Xmx1g", "-D" + WaveCompaction.KILL_PROPERTY + "=" + moment));
    for (String opt : System.getProperty("analogsweep.jvmOpens", "").split(" ")) {
      if (!opt.isBlank()) {
        cmd.add(opt);
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "analogsweep.driver.Main",
        "compact", out.toString()));
    Path log = tmp.resolve(moment + ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES));
    assertEquals(137, p.exitValue(), Files.readString(log));
    assertTrue(Files.exists(out.resolve("_lock")), "a killed compact leaves its lock");
    if (moment.equals("writing")) {
      assertTrue(Files.isDirectory(out.resolve("_staging/compact.partial")));
      assertEquals(ONCE, counts(out));
    } else {
      assertEquals(List.of(24L + 24L, 24L), counts(out).subList(0, 2), "the window: twice");
    }

    assertEquals(0, main("compact", out.toString()));
    assertEquals(ONCE, counts(out), moment);
    assertEquals(before, rows(out), moment);
    assertEquals(1, StoreFixtures.folder(out).waves("runs").size());
    assertFalse(Files.exists(out.resolve("_staging")) || Files.exists(out.resolve("_lock")));
  }

  /** A run that stored many waves compacts them at its end; epochs stay with their runs. */
  @Test
  void theEndOfARunCompactsItsWaves() throws Exception {
    List<GridPoint> points = new ArrayList<>();
    for (int k = 0; k < 24; k++) {
      points.add(GridPoint.builder().set("data_path", "(synthetic)").set("max_epochs", 3)
          .set("seed", k + 1).build());
    }
    Sweep sweep = new Sweep("compacted", SweepKind.TRAIN, "", "(test)", "", Map.of(), points,
        List.of());
    Path out = tmp.resolve("run");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    SweepRunner.Summary s = SweepRunner.run(TestSupport.spark(), sweep, new SweepRunner.Options(
        out.toString(), false, 2, 2, false, 0, "waves", 60, 1, new SyntheticTasks(0.01)),
        new PrintStream(log));
    assertEquals(24, s.trained());
    String text = log.toString();
    assertTrue(text.contains("compacted 12 waves into 1: 12 wave(s) and 24 Parquet file(s) "
        + "before, 1 and 2 after"), text);
    System.out.println("end of a run of 24 synthetic tasks, 2 per wave: " + text.lines()
        .filter(l -> l.startsWith("compacted")).findFirst().orElseThrow());
    assertEquals(List.of(13), List.copyOf(StoreFixtures.folder(out).waves("runs")));
    assertEquals(List.of(24L, 24L, 72L, 72L, 72L), counts(out));
    assertEquals(24, ResultReader.runs(TestSupport.spark(), StoreFixtures.folder(out)).count());
  }

  /**
   * Files and time at scale, on request ({@code -Danalogsweep.compaction.waves=N}): N waves of
   * two tasks (runs rows of today's schema, two epochs each), compacted, every id once.
   */
  @Test
  void compactionAtScale() throws Exception {
    int waves = Integer.getInteger("analogsweep.compaction.waves", 0);
    assumeTrue(waves > 0, "set analogsweep.compaction.waves to measure");
    Path out = tmp.resolve("scale");
    OutputFolder folder = StoreFixtures.folder(out);
    Row run = ResultSchema.runRow(new analogsweep.driver.exec.TaskOutcome(
        ResultSchemaTest.result(0.9, 10), "e", 0, null), ResultSchemaTest.INFO);
    List<Row> epochs = ResultSchema.epochRows(ResultSchemaTest.result(0.9, 10));
    for (int w = 1; w <= waves; w++) {
      List<Row> runs = new ArrayList<>();
      List<Row> epochRows = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        String id = String.format("%064d", w * 2L + t);
        runs.add(withId(run, id));
        for (Row e : epochs) {
          epochRows.add(withId(e, id));
        }
      }
      org.apache.hadoop.fs.Path staged = folder.staging(w);
      folder.fs().mkdirs(new org.apache.hadoop.fs.Path(staged, "epochs"));
      folder.fs().mkdirs(new org.apache.hadoop.fs.Path(staged, "runs"));
      ParquetFiles.write(ResultSchema.EPOCHS, epochRows, new org.apache.hadoop.fs.Path(staged,
          "epochs"), StoreFixtures.CONF);
      ParquetFiles.write(ResultSchema.RUNS, runs, new org.apache.hadoop.fs.Path(staged, "runs"),
          StoreFixtures.CONF);
      folder.commit(w, "epochs", "runs");
    }
    long bytesBefore = bytes(out);
    long t0 = System.nanoTime();
    WaveCompaction.Outcome o = folder.compact(StoreFixtures.CONF, 2);
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("compaction at scale: %d tasks in %d waves, %d Parquet files (%.1f MB) -> "
        + "%d waves, %d files (%.1f MB) in %.1f s%n", waves * 2, o.wavesBefore(), o.filesBefore(),
        bytesBefore / 1e6, o.wavesAfter(), o.filesAfter(), bytes(out) / 1e6, seconds);
    List<Object> c = TestSupport.duckdb("SELECT count(*), count(DISTINCT task_id) FROM "
        + TestSupport.parquet(out, "runs")).get(0);
    assertEquals(List.of((long) waves * 2, (long) waves * 2), c.stream()
        .map(x -> ((Number) x).longValue()).toList());
  }

  private static Row withId(Row r, String id) {
    Object[] values = new Object[r.size()];
    for (int k = 0; k < values.length; k++) {
      values[k] = r.get(k);
    }
    values[0] = id;
    return RowFactory.create(values);
  }

  private static long bytes(Path out) throws Exception {
    try (Stream<Path> s = Files.walk(out)) {
      return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
