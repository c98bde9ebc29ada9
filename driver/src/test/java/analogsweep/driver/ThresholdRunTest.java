package analogsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import analogsweep.driver.OperationsTest.Result;
import analogsweep.driver.store.Manifest;
import analogsweep.driver.store.OutputFolder;
import analogsweep.sweep.SweepFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep with a {@code threshold:} section through {@link Main}, on real Fashion-MNIST: the
 * first round trains both ends of each setting, each later round the middle of its bracket,
 * until the bracket is at most the resolution wide; every task id is stored once (DuckDB), the
 * report's threshold.csv holds each setting's bracket, run again it trains nothing, and
 * {@code status} and {@code plan} count what the search planned.
 */
class ThresholdRunTest {
  @TempDir
  Path tmp;

  @Test
  void bisectsRoundByRoundStoresOnceAndResumes() throws Exception {
    assumeTrue(TestSupport.hasFashionMnist(), "dataset-fashion-mnist is not installed");
    Path sweep = TestSupport.write(tmp.resolve("th.yaml"), "name: th\n"
        + "data:\n  path: " + TestSupport.FASHION + "\n  train_limit: 300\n  test_limit: 300\n"
        + "model:\n  hidden_sizes: [32]\nanalog:\n  precision: 16\n"
        + "training:\n  max_epochs: 1\n  batch_size: 100\nseeds: [1]\n"
        + "grid:\n  interpolation: [0, 1]\n"
        + "threshold:\n  over: error_probability\n  fraction: 0.5\n  resolution: 0.25\n");
    Path out = tmp.resolve("out");
    BadInputTest.oneLine(OperationsTest.main("run", sweep.toString(), "--out", out.toString(),
        "--until-decided"), "analogsweep run: --until-decided: sweep 'th' is a threshold search");
    Result r = OperationsTest.main("run", sweep.toString(), "--out", out.toString(), "--master",
        "local[2]", "--progress-seconds", "0");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("[th] 4 planned, 0 already stored"), r.err());
    assertTrue(r.err().contains("[th] threshold search after round 1: 2 of 2 searching (2 "
        + "value(s) next)"), r.err());
    // [0, 0.96] to 0.25: the ends, then 0.48, then 0.24 or 0.72 (width 0.24)
    assertTrue(r.err().contains("[th] threshold search after round 3: 2 of 2 bracketed"),
        r.err());
    List<List<Object>> rows = TestSupport.duckdb("SELECT count(*), count(DISTINCT task_id), "
        + "count(DISTINCT error_probability) FROM " + TestSupport.parquet(out, "runs"));
    assertEquals(8L, ((Number) rows.get(0).get(0)).longValue());
    assertEquals(8L, ((Number) rows.get(0).get(1)).longValue());
    List<String> csv = Files.readAllLines(out.resolve("report/threshold.csv"));
    assertEquals(3, csv.size(), String.join("\n", csv));
    assertTrue(csv.get(0).startsWith("interpolation,outcome,passing_error_probability,"
        + "failing_error_probability,clean_accuracy_pct,target_pct,values_tried,tried"),
        csv.get(0));
    for (String line : csv.subList(1, 3)) {
      String[] f = line.split(",");
      assertEquals("bracketed", f[1], line);
      double passing = Double.parseDouble(f[2]);
      double failing = Double.parseDouble(f[3]);
      assertTrue(failing > passing && failing - passing <= 0.25, line);
      assertEquals("4", f[6], line);
    }
    assertTrue(Files.exists(out.resolve("report/threshold_vs_interpolation.png")));
    Manifest m = new OutputFolder(out.toString(), new Configuration()).manifest();
    assertNotNull(m.search());
    assertEquals(SweepFile.read(sweep).fingerprint(), m.search().baseFingerprint());

    Result again = OperationsTest.main("run", sweep.toString(), "--out", out.toString(),
        "--master", "local[2]", "--progress-seconds", "0", "--no-report");
    assertEquals(0, again.code(), again.out() + again.err());
    assertTrue(again.out().contains("8 planned: 8 were stored before, 0 trained now"),
        again.out());
    Result status = OperationsTest.main("status", out.toString());
    assertTrue(status.out().contains("planned   8"), status.out());
    assertTrue(!status.out().contains("no longer in sweep.yaml"), status.out());
    Result plan = OperationsTest.main("plan", sweep.toString(), "--out", out.toString());
    assertEquals(0, plan.code(), plan.out() + plan.err());
    assertTrue(plan.out().contains("at most 8 tasks in all; a grid of the same resolution (5 "
        + "values) would take 10"), plan.out());
    assertTrue(plan.out().contains("the threshold search has planned 8 tasks so far"),
        plan.out());
    assertTrue(plan.out().contains("8 of 8 done, 0 to train"), plan.out());
  }
}
