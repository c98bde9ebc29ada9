package analogsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import analogsweep.driver.OperationsTest.Result;
import analogsweep.driver.store.Manifest;
import analogsweep.driver.store.OutputFolder;
import analogsweep.sweep.SweepFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --until-decided} through {@link Main}: bad input is one line and exit 2 before
 * anything starts; a tiny sweep of two seeds, whose intervals at two seeds decide nothing, gets a
 * third seed in every setting, each task id stored once, the design in the manifest and the
 * report's F2 intervals group-sequential; run again it trains nothing, {@code plan} counts the
 * added seeds' tasks, and a plain run of the same file is told to go on with --until-decided.
 */
class UntilDecidedTest {
  @TempDir
  Path tmp;

  private Result run(Path sweep, String... extra) {
    List<String> args = new ArrayList<>(List.of("run", sweep.toString(), "--master",
        "local[2]", "--progress-seconds", "0"));
    args.addAll(List.of(extra));
    return OperationsTest.main(args.toArray(String[]::new));
  }

  @Test
  void badInputIsOneLine() throws Exception {
    assumeTrue(TestSupport.hasFashionMnist(), "dataset-fashion-mnist is not installed");
    Path sweep = TestSupport.tinySweep(tmp, "tiny");
    Path out = tmp.resolve("out");
    BadInputTest.oneLine(run(sweep, "--out", out.toString(), "--until-decided", "--max-seeds",
        "0"), "analogsweep run: --max-seeds: must be above the sweep file's 2 seeds per setting "
        + "and at most 100, found 0");
    BadInputTest.oneLine(run(sweep, "--out", out.toString(), "--max-seeds", "4"),
        "analogsweep run: --max-seeds: only with --until-decided");
    Path noEnds = TestSupport.write(tmp.resolve("one-end.yaml"), Files.readString(sweep)
        .replace("interpolation: [0, 1]", "interpolation: [1]"));
    BadInputTest.oneLine(run(noEnds, "--out", out.toString(), "--until-decided"),
        "analogsweep run: --until-decided: sweep 'tiny' has no finding to decide by seeds");
    Path oneSeed = TestSupport.write(tmp.resolve("one-seed.yaml"), Files.readString(sweep)
        .replace("seeds: [1, 2]", "seeds: [1]"));
    BadInputTest.oneLine(run(oneSeed, "--out", out.toString(), "--until-decided"),
        "analogsweep run: --until-decided: the sweep file gives 1 seed");
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void addsSeedsToUndecidedSettingsOnceAndReportsSequentially() throws Exception {
    assumeTrue(TestSupport.hasFashionMnist(), "dataset-fashion-mnist is not installed");
    Path sweep = TestSupport.tinySweep(tmp, "tiny", 300, 1);
    Path out = tmp.resolve("out");
    Result r = run(sweep, "--out", out.toString(), "--until-decided", "--max-seeds", "3");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("[tiny] round 1: 2 of 2 settings undecided"), r.err());
    assertTrue(r.err().contains("next round adds 4 task(s)"), r.err());
    assertTrue(r.err().contains("[tiny] round 2: "), r.err());
    // 2 settings (EP 0, 0.5) x 2 ends x 2 seeds; at two seeds nothing is decided, so each
    // setting gets seed 3 at both ends: 12 rows, ids once each
    List<List<Object>> rows = TestSupport.duckdb("SELECT count(*), count(DISTINCT task_id), "
        + "min(seed), max(seed), count(DISTINCT seed) FROM " + TestSupport.parquet(out, "runs"));
    assertEquals(List.of(12L, 12L, 1L, 3L, 3L), rows.get(0).stream()
        .map(o -> ((Number) o).longValue()).toList());
    Manifest m = new OutputFolder(out.toString(), new Configuration()).manifest();
    assertNotNull(m.sequential());
    assertEquals(2, m.sequential().firstSeeds());
    assertEquals(3, m.sequential().maxSeeds());
    assertEquals(SweepFile.read(sweep).fingerprint(), m.sequential().baseFingerprint());
    assertEquals(12, m.plannedTasks());
    String findings = Files.readString(out.resolve("report/findings.csv"));
    assertTrue(findings.contains("group-sequential t, Pocock-type (looks at 2-3 seeds"),
        findings);

    Result again = run(sweep, "--out", out.toString(), "--until-decided", "--max-seeds", "3",
        "--no-report");
    assertEquals(0, again.code(), again.out() + again.err());
    assertTrue(again.out().contains("12 planned: 12 were stored before, 0 trained now"),
        again.out());
    Result plan = OperationsTest.main("plan", sweep.toString(), "--out", out.toString());
    assertEquals(0, plan.code(), plan.out() + plan.err());
    assertTrue(plan.out().contains(": 8 of 8 done, 0 to train; and 4 of seeds added by run "
        + "--until-decided"), plan.out());
    BadInputTest.oneLine(run(sweep, "--out", out.toString()), "analogsweep run: --out: " + out
        + " holds sweep 'tiny' with seeds added by run --until-decided (12 planned tasks)");
  }
}
