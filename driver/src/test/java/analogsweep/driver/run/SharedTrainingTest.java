package analogsweep.driver.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import analogsweep.driver.TestSupport;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep whose points share trainings (both families' ReLU ends under one derivative-at-zero
 * convention; two noise distributions at EP 0) trains each distinct training once, stores one row
 * per grid point with the shared ones marked, and resumes to nothing.
 */
class SharedTrainingTest {
  @TempDir
  Path tmp;

  @Test
  void eachDistinctTrainingTrainsOnceAndEveryPointGetsItsRow() throws Exception {
    assumeTrue(TestSupport.hasFashionMnist(), "dataset-fashion-mnist is not installed");
    Path file = TestSupport.write(tmp.resolve("shared.yaml"), "name: shared\n"
        + "data:\n  path: " + TestSupport.FASHION + "\n  train_limit: 500\n  test_limit: 200\n"
        + "model:\n  hidden_sizes: [16]\n"
        + "analog:\n  precision: 16\n"
        + "training:\n  max_epochs: 1\n  batch_size: 100\n  recipe: analogsweep-1\n"
        + "seeds: [1]\n"
        + "grid:\n  family: [relu-gelu, relu-silu]\n  interpolation: [0, 1]\n"
        + "  noise: [gaussian, laplace]\n  error_probability: [0, 0.5]\n");
    Sweep sweep = SweepFile.read(file);
    assertEquals(16, sweep.size());
    // i = 0: one ReLU (1 at EP 0, 2 noises at EP 0.5); i = 1: GELU and SiLU (2 at EP 0, 4 noisy)
    assertEquals(9, sweep.points().stream().map(p -> p.trainingKey()).distinct().count());
    Path out = tmp.resolve("out");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    SweepRunner.Summary s = SweepRunner.run(TestSupport.spark(), sweep,
        SweepRunnerTest.options(out), new PrintStream(log));
    assertEquals(16, s.planned());
    assertEquals(16, s.trained(), "stored this run: every grid point's row");
    assertTrue(s.complete(), log.toString());
    String runs = TestSupport.parquet(out, "runs");
    List<List<Object>> counts = TestSupport.duckdb("SELECT count(*), count(DISTINCT task_id), "
        + "count(shares_training_of), count(DISTINCT max_test_accuracy) FROM " + runs);
    assertEquals(List.of(16L, 16L, 7L), counts.get(0).subList(0, 3).stream()
        .map(o -> ((Number) o).longValue()).toList(), "7 rows share one of 9 trainings");
    // a shared row carries the numbers of the training it names, which is a row of its own
    List<List<Object>> mismatched = TestSupport.duckdb("SELECT count(*) FROM " + runs + " a JOIN "
        + runs + " b ON a.shares_training_of = b.task_id WHERE a.max_test_accuracy "
        + "<> b.max_test_accuracy OR a.epochs <> b.epochs OR b.shares_training_of IS NOT NULL");
    assertEquals(0L, ((Number) mismatched.get(0).get(0)).longValue());
    List<List<Object>> reluEnds = TestSupport.duckdb("SELECT family, count(*) FROM " + runs
        + " WHERE interpolation = 0 GROUP BY family ORDER BY family");
    assertEquals("[[relu-gelu, 4], [relu-silu, 4]]", reluEnds.toString(),
        "queries per family read as before");
    List<List<Object>> epochs = TestSupport.duckdb("SELECT count(DISTINCT task_id) FROM "
        + TestSupport.parquet(out, "epochs"));
    assertEquals(16L, ((Number) epochs.get(0).get(0)).longValue(), "epoch rows per grid point");

    SweepRunner.Summary again = SweepRunner.run(TestSupport.spark(), sweep,
        SweepRunnerTest.options(out), new PrintStream(new ByteArrayOutputStream()));
    assertEquals(16, again.doneAtStart());
    assertEquals(0, again.trained());
  }
}
