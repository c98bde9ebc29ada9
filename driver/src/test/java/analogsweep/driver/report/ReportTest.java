package analogsweep.driver.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.driver.TestSupport;
import analogsweep.driver.exec.TaskOutcome;
import analogsweep.driver.run.SweepRunner;
import analogsweep.driver.store.OutputFolder;
import analogsweep.driver.store.ResultSchema;
import analogsweep.grid.GridPoint;
import analogsweep.train.EpochMetrics;
import analogsweep.train.Provenance;
import analogsweep.train.Status;
import analogsweep.train.TaskResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every number of the report against a small hand-made Parquet input with known answers. */
class ReportTest {
  @TempDir
  Path tmp;

  static TaskResult result(String family, double i, double ep, long seed, Status status,
      Double accuracy) {
    return result(GridPoint.builder().set("data_path", "/data/x").set("family", family)
        .set("interpolation", i).set("precision", 16).set("error_probability", ep)
        .set("seed", seed).build(), status, accuracy);
  }

  static TaskResult result(GridPoint p, Status status, Double accuracy) {
    long seed = p.seed();
    double i = p.activation().interpolation();
    double acc = accuracy == null ? Double.NaN : accuracy;
    List<EpochMetrics> epochs = accuracy == null ? List.of() : List.of(
        new EpochMetrics(1, 1.0, acc - 0.1, 1.1, acc - 0.05, 100, 10, 1),
        new EpochMetrics(2, 0.8, acc - 0.02, 0.9, acc, 100, 10, 1));
    Provenance prov = new Provenance(p.taskId(), seed, "0.1.0", "0.32.0", "2.5.1", "17", "Linux",
        "h", "cpu()", 1, "/data/x", "idx", "0".repeat(64), 100, 50, 1000, 0.05, 0.05, 1 - i,
        "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z");
    return new TaskResult(p.taskId(), p, status, status == Status.OK ? null : "boom " + seed,
        status == Status.OK ? "max_epochs" : status.name().toLowerCase(), epochs.size(), acc,
        2, 0.8, acc - 0.02, 0.9, acc, 1, 2, 3, 6, 1000.0, prov, epochs);
  }

  static Map<String, String[]> csv(Path file, int... keyColumns) throws Exception {
    Map<String, String[]> rows = new HashMap<>();
    List<String> lines = Files.readAllLines(file);
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      StringBuilder key = new StringBuilder();
      for (int k : keyColumns) {
        key.append(cells[k]).append('|');
      }
      rows.put(key.toString(), cells);
    }
    return rows;
  }

  @Test
  void reportNumbersMatchHandComputedAnswers() throws Exception {
    List<TaskResult> results = new ArrayList<>(List.of(
        result("relu-gelu", 0, 0, 1, Status.OK, 0.80), result("relu-gelu", 0, 0, 2, Status.OK, 0.82),
        result("relu-gelu", 1, 0, 1, Status.OK, 0.81), result("relu-gelu", 1, 0, 2, Status.OK, 0.83),
        result("relu-gelu", 0, 0.5, 1, Status.OK, 0.50), result("relu-gelu", 0, 0.5, 2, Status.OK, 0.54),
        result("relu-gelu", 1, 0.5, 1, Status.OK, 0.60), result("relu-gelu", 1, 0.5, 2, Status.OK, 0.62),
        result("relu-gelu", 1, 0.5, 3, Status.FAILED, null),
        result("relu-silu", 0, 0.5, 1, Status.OK, 0.55), result("relu-silu", 0, 0.5, 2, Status.OK, 0.55),
        result("relu-silu", 0, 0.5, 3, Status.DIVERGED, 0.55),
        result("relu-silu", 1, 0.5, 1, Status.OK, 0.57), result("relu-silu", 1, 0.5, 2, Status.OK, 0.59)));
    Path out = tmp.resolve("hand");
    OutputFolder folder = new OutputFolder(out.toString(), new org.apache.hadoop.conf.Configuration());
    ResultSchema.SparkInfo info = new ResultSchema.SparkInfo("hand", "4.0.1", "local", 1);
    // two waves, written as the runner writes them
    List<TaskOutcome> outcomes = results.stream().map(r -> new TaskOutcome(r, "driver", 0, null))
        .toList();
    SweepRunner.store(TestSupport.spark(), folder, 1, outcomes.subList(0, 7), info);
    SweepRunner.store(TestSupport.spark(), folder, 2, outcomes.subList(7, outcomes.size()), info);
    Files.writeString(out.resolve("manifest.json"), "{\"format\": \"analogsweep.output.v1\", "
        + "\"sweep\": \"hand\", \"kind\": \"train\", \"planned_tasks\": 20}");

    String md = Files.readString(Path.of(Reports.write(TestSupport.spark(), out.toString())));
    Path report = out.resolve("report");

    assertEquals("stored,planned,ok,diverged,failed\n14,20,12,1,1\n",
        Files.readString(report.resolve("completeness.csv")));
    assertTrue(md.contains("14 task results stored of 20 planned (70.0%) — **partial**"), md);

    // family,interpolation,error_probability,runs,n,mean,sd,min,max,gsd
    Map<String, String[]> summary = csv(report.resolve("accuracy_by_setting.csv"), 0, 1, 2);
    assertEquals(6, summary.size());
    String[] g05 = summary.get("relu-gelu|0.0|0.5|");
    assertEquals("2", g05[3]);
    assertEquals(0.52, Double.parseDouble(g05[5]), 1e-12);
    assertEquals(Math.sqrt(0.0008), Double.parseDouble(g05[6]), 1e-12);
    assertEquals(1.0, Double.parseDouble(g05[9]), 1e-12, "GSD at i = 0");
    String[] g15 = summary.get("relu-gelu|1.0|0.5|");
    assertEquals("2", g15[3], "the FAILED run is left out");
    assertEquals(0.61, Double.parseDouble(g15[5]), 1e-12);
    String[] s05 = summary.get("relu-silu|0.0|0.5|");
    assertEquals("3", g05.length > 0 ? s05[4] : null, "the DIVERGED run counts with its best epoch");
    assertEquals(0.55, Double.parseDouble(s05[5]), 1e-12);
    assertEquals(0.0, Double.parseDouble(s05[6]), 1e-12);

    // family,error_probability,relu_end,smooth_end,gain,gain_se,n_relu_end,n_smooth_end
    Map<String, String[]> gain = csv(report.resolve("gain.csv"), 0, 1);
    assertEquals(3, gain.size());
    String[] gg = gain.get("relu-gelu|0.5|");
    assertEquals(0.09, Double.parseDouble(gg[4]), 1e-12);
    assertEquals(Math.sqrt(0.0008 / 2 + 0.0002 / 2), Double.parseDouble(gg[5]), 1e-12);
    String[] sg = gain.get("relu-silu|0.5|");
    assertEquals(0.03, Double.parseDouble(sg[4]), 1e-12);
    assertEquals(Math.sqrt(0.0002 / 2), Double.parseDouble(sg[5]), 1e-12);
    assertEquals("3", sg[6]);
    assertEquals(0.01, Double.parseDouble(gain.get("relu-gelu|0.0|")[4]), 1e-12);

    assertTrue(md.contains("higher than at the ReLU end in **2 of 2** settings; the mean gain "
        + "is **+6.00 points** (range +3.00 to +9.00); 2 of these gains are larger than twice "
        + "their standard error, and 0 losses are."), md);
    assertTrue(md.contains("Without noise (EP = 0) the mean gain is +1.00 points over 1 "
        + "settings."), md);

    Map<String, String[]> problems = csv(report.resolve("problems.csv"), 1);
    assertEquals(2, problems.size());
    assertEquals("boom 3", problems.get("FAILED|")[4]);
    assertEquals("diverged", problems.get("DIVERGED|")[2]);
    for (String png : List.of("accuracy_vs_interpolation.png", "accuracy_vs_gsd.png",
        "gain_heatmap.png", "training_curves.png")) {
      assertTrue(Files.size(report.resolve(png)) > 5000, png);
      assertTrue(md.contains("(" + png + ")"), png + " linked");
    }
    List<Row> epochs = TestSupport.spark().read().parquet(out.resolve("epochs").toString())
        .collectAsList();
    assertEquals(26, epochs.size(), "13 results with 2 epochs each");
  }

  /** A sweep over ConvNet or ViT depth: the gain per depth and the depth chart. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({"convnet, conv_depth", "vit, vit_depth"})
  void depthTrendFromHandMadeInput(String model, String depthField) throws Exception {
    List<TaskOutcome> outcomes = new ArrayList<>();
    double[][] acc = {{0.60, 0.62}, {0.50, 0.58}}; // conv depth 2, 4: ReLU end, smooth end
    int[] depths = {2, 4};
    for (int d = 0; d < 2; d++) {
      for (int end = 0; end < 2; end++) {
        for (long seed = 1; seed <= 2; seed++) {
          GridPoint p = GridPoint.builder().set("data_path", "/data/c").set("model", model)
              .set(depthField, depths[d]).set("interpolation", end).set("precision", 16)
              .set("error_probability", 0.8).set("seed", seed).build();
          outcomes.add(new TaskOutcome(result(p, Status.OK, acc[d][end] + (seed - 1.5) / 100),
              "driver", 0, null));
        }
      }
    }
    Path out = tmp.resolve("depth-" + model);
    OutputFolder folder = new OutputFolder(out.toString(), new org.apache.hadoop.conf.Configuration());
    SweepRunner.store(TestSupport.spark(), folder, 1, outcomes,
        new ResultSchema.SparkInfo("depth", "4.0.1", "local", 1));
    String md = Files.readString(Path.of(Reports.write(TestSupport.spark(), out.toString())));
    Map<String, String[]> gain = csv(out.resolve("report/gain.csv"), 0);
    assertEquals(0.02, Double.parseDouble(gain.get("2|")[3]), 1e-12);
    assertEquals(0.08, Double.parseDouble(gain.get("4|")[3]), 1e-12);
    assertEquals(Math.sqrt(2 * 0.00005 / 2), Double.parseDouble(gain.get("4|")[4]), 1e-12);
    assertTrue(md.contains("## Depth"), md);
    assertTrue(Files.size(out.resolve("report/depth_trend.png")) > 5000);
  }
}
