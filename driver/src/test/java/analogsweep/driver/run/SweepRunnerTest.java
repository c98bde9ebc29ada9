package analogsweep.driver.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import analogsweep.driver.TestSupport;
import analogsweep.driver.report.Reports;
import analogsweep.driver.store.OutputFolder;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real sweep on embedded Spark, read back by DuckDB; a late failure; a second run. */
class SweepRunnerTest {
  @TempDir
  Path tmp;

  static SweepRunner.Options options(Path out) {
    return new SweepRunner.Options(out.toString(), false, 0, 2, false, 0);
  }

  @Test
  void sweepLandsInParquetAndResumesToNothing() throws Exception {
    assumeTrue(TestSupport.hasFashionMnist(), "dataset-fashion-mnist is not installed");
    Sweep sweep = SweepFile.read(TestSupport.tinySweep(tmp, "tiny"));
    Path out = tmp.resolve("out");
    String failing = sweep.points().get(5).taskId();
    System.setProperty("analogsweep.inject.failure", failing.substring(0, 16) + "@2");
    SweepRunner.Summary first;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try {
      first = SweepRunner.run(TestSupport.spark(), sweep, options(out), new PrintStream(log));
    } finally {
      System.clearProperty("analogsweep.inject.failure");
    }
    assertEquals(8, first.planned());
    assertEquals(8, first.trained());
    assertEquals(1, first.failed());
    assertTrue(first.complete());
    assertTrue(log.toString().contains("[tiny] 8/8 done (8 stored), 1 failed, 0 diverged"),
        log.toString());

    // Read back with DuckDB, not Spark: one row per planned task, typed columns.
    List<List<Object>> counts = TestSupport.duckdb("SELECT count(*), count(DISTINCT task_id), "
        + "sum(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END), sum(epochs) FROM "
        + TestSupport.parquet(out, "runs"));
    assertEquals(List.of(8L, 8L, 1L), counts.get(0).subList(0, 3).stream()
        .map(o -> ((Number) o).longValue()).toList());
    long epochsInRuns = ((Number) counts.get(0).get(3)).longValue();
    List<List<Object>> epochs = TestSupport.duckdb("SELECT count(*), count(DISTINCT task_id) "
        + "FROM " + TestSupport.parquet(out, "epochs"));
    assertEquals(epochsInRuns, ((Number) epochs.get(0).get(0)).longValue(),
        "one epochs row per trained epoch");
    // 7 trained tasks x at most 2 epochs (early stopping may end one after epoch 1); the
    // failed task's result carries no epochs
    assertTrue(epochsInRuns >= 7 && epochsInRuns <= 14, "epochs " + epochsInRuns);
    List<List<Object>> failed = TestSupport.duckdb("SELECT task_id, message, epochs FROM "
        + TestSupport.parquet(out, "runs") + " WHERE status = 'FAILED'");
    assertEquals(failing, failed.get(0).get(0));
    assertTrue(failed.get(0).get(1).toString().contains("injected failure after epoch 2"));
    List<List<Object>> types = TestSupport.duckdb("SELECT column_name, column_type FROM "
        + "(DESCRIBE SELECT * FROM " + TestSupport.parquet(out, "runs") + ") WHERE column_name "
        + "IN ('interpolation', 'precision', 'seed', 'grayscale', 'max_test_accuracy', "
        + "'started_at', 'family', 'wave') ORDER BY column_name");
    assertEquals("[[family, VARCHAR], [grayscale, BOOLEAN], [interpolation, DOUBLE], "
        + "[max_test_accuracy, DOUBLE], [precision, INTEGER], [seed, BIGINT], "
        + "[started_at, TIMESTAMP WITH TIME ZONE], [wave, BIGINT]]", types.toString());
    List<List<Object>> ok = TestSupport.duckdb("SELECT min(max_test_accuracy), "
        + "max(max_test_accuracy), min(spark_version), min(dataset_sha256) FROM "
        + TestSupport.parquet(out, "runs") + " WHERE status = 'OK'");
    // well above chance (0.1); two tasks share PyTorch's generator in one executor, so a noisy
    // (EP 0.5) task on 1,000 images lands anywhere from about 0.3 to 0.6 with the scheduling
    assertTrue(((Number) ok.get(0).get(0)).doubleValue() > 0.2, ok.toString());
    assertEquals(TestSupport.spark().version(), ok.get(0).get(2));
    assertEquals(64, ok.get(0).get(3).toString().length());
    assertTrue(Files.exists(out.resolve("sweep.yaml")));
    assertTrue(Files.exists(out.resolve("manifest.json")));
    // results only: no Hadoop checksums, no _SUCCESS markers, anywhere
    try (java.util.stream.Stream<Path> files = Files.walk(out)) {
      assertEquals(List.of(), files.map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".crc") || n.equals("_SUCCESS")).toList());
    }
    List<List<Object>> sizes = TestSupport.duckdb("SELECT DISTINCT hidden_sizes, noise, "
        + "placement FROM " + TestSupport.parquet(out, "runs"));
    assertEquals("[[[32], gaussian, model]]", sizes.toString(), "hidden_sizes as integers");

    // The same command again trains nothing: the failed task has a stored (FAILED) result.
    SweepRunner.Summary second = SweepRunner.run(TestSupport.spark(), sweep, options(out),
        new PrintStream(new ByteArrayOutputStream()));
    assertEquals(8, second.doneAtStart());
    assertEquals(0, second.trained());
    Set<String> done = SweepRunner.doneTaskIds(new OutputFolder(out.toString(),
        new org.apache.hadoop.conf.Configuration()), sweep.kind());
    assertEquals(Set.copyOf(sweep.taskIds()), done);

    // A report on the stored results: every planned task, one of them FAILED.
    String report = Reports.write(TestSupport.spark(), out.toString());
    String md = Files.readString(Path.of(report));
    assertTrue(md.contains("8 task results stored of 8 planned (100.0%)"), md);
    assertTrue(md.contains(failing), "failed task listed");
  }

  /** Data named by a Hadoop URI is copied to the executor once and trains like a local path. */
  @Test
  void dataThroughHadoopFileSystem() throws Exception {
    assumeTrue(TestSupport.hasFashionMnist(), "dataset-fashion-mnist is not installed");
    Sweep sweep = SweepFile.parse("name: uri\ndata:\n  path: file://" + TestSupport.FASHION
        + "\n  train_limit: 500\n  test_limit: 200\nmodel:\n  hidden_sizes: [16]\n"
        + "training:\n  max_epochs: 1\nseeds: [1, 2]\n", "uri.yaml");
    Path out = tmp.resolve("uri");
    SweepRunner.Summary s = SweepRunner.run(TestSupport.spark(), sweep, options(out),
        new PrintStream(new ByteArrayOutputStream()));
    assertEquals(2, s.trained());
    assertEquals(0, s.failed());
    List<List<Object>> rows = TestSupport.duckdb("SELECT DISTINCT data_path, dataset_sha256, "
        + "train_size FROM " + TestSupport.parquet(out, "runs"));
    assertEquals(1, rows.size());
    assertEquals("file://" + TestSupport.FASHION, rows.get(0).get(0));
    assertEquals(analogsweep.data.DatasetCache.get(TestSupport.FASHION, false).sha256(),
        rows.get(0).get(1), "the copy holds the same bytes");
  }

  /** A gradient-error sweep over every noise model: one map each, a ratio each. */
  @Test
  void gradientErrorMapsForEveryNoiseModel() throws Exception {
    Sweep sweep = SweepFile.parse("name: ge-noise\nkind: gradient-error\nanalysis:\n"
        + "  plane_precision: 32\n  map_size: 9\nanalog:\n  precision: 32\n"
        + "  error_probability: 0.5\nseeds: [1]\ngrid:\n"
        + "  noise: [gaussian, laplace, uniform, poisson]\n  interpolation: [0, 1]\n", "ge.yaml");
    Path out = tmp.resolve("ge-noise");
    assertEquals(8, SweepRunner.run(TestSupport.spark(), sweep, options(out),
        new PrintStream(new ByteArrayOutputStream())).trained());
    List<List<Object>> rows = TestSupport.duckdb("SELECT noise, count(*), min(noise_parameter) "
        + "> 0 FROM " + TestSupport.parquet(out, "maps") + " GROUP BY noise ORDER BY noise");
    assertEquals("[[gaussian, 2, true], [laplace, 2, true], [poisson, 2, true], "
        + "[uniform, 2, true]]", rows.toString());
    String md = Files.readString(Path.of(Reports.write(TestSupport.spark(), out.toString())));
    for (String noise : List.of("", ", laplace noise", ", uniform noise", ", poisson noise")) {
      assertTrue(md.contains("**relu-gelu at p=32, EP=0.5" + noise + "**: near zero"), md);
    }
  }

  /** A gradient-error sweep stores one map per task and reports the ReLU-to-smooth ratio. */
  @Test
  void gradientErrorSweepStoresMapsAndReportsRatios() throws Exception {
    Sweep sweep = SweepFile.parse("name: ge\nkind: gradient-error\nanalysis:\n"
        + "  plane_precision: 64\n  map_size: 33\nanalog:\n  precision: 64\n"
        + "  error_probability: 0.5\nseeds: [1, 2]\ngrid:\n  family: [relu-gelu]\n"
        + "  interpolation: [0, 0.5, 1]\n", "ge.yaml");
    Path out = tmp.resolve("ge");
    SweepRunner.Summary s = SweepRunner.run(TestSupport.spark(), sweep, options(out),
        new PrintStream(new ByteArrayOutputStream()));
    assertEquals(6, s.trained());
    List<Object> maps = TestSupport.duckdb("SELECT count(*), min(len(map)), min(plane_points) "
        + "FROM " + TestSupport.parquet(out, "maps")).get(0);
    assertEquals(List.of(6L, 33L * 33L, 129L), maps.stream().map(o -> ((Number) o).longValue())
        .toList());
    String md = Files.readString(Path.of(Reports.write(TestSupport.spark(), out.toString())));
    assertTrue(md.contains("**relu-gelu at p=64, EP=0.5**: near zero the ReLU end's error is"),
        md);
    assertTrue(Files.exists(out.resolve("report/gradient_error.csv")));
    assertEquals(0, SweepRunner.run(TestSupport.spark(), sweep, options(out),
        new PrintStream(new ByteArrayOutputStream())).trained(), "nothing left to compute");
  }
}
