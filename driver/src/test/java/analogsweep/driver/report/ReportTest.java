package analogsweep.driver.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.common.InvalidValueException;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every number of findings.csv (and of the other tables) against hand-made Parquet inputs whose
 * answers are computed here by hand: paired gains with Student-t intervals (t quantiles written
 * out), slopes, equivalence without noise, at-chance flags, summaries, the envelope view, depth
 * slopes (F3) and ConvNet against ViT (F4, with ViT rows made by editing the model column).
 */
class ReportTest {
  static final double T2_95 = 4.302652729911275; // Student t, 2 degrees of freedom, 97.5%
  static final double T2_90 = 2.919985580355516; // 95%
  static final double T4_95 = 2.7764451051977987;

  @TempDir
  Path tmp;

  static TaskResult result(GridPoint p, Status status, Double accuracy) {
    long seed = p.seed();
    double i = p.activation().interpolation();
    double acc = accuracy == null ? Double.NaN : accuracy;
    List<EpochMetrics> epochs = accuracy == null ? List.of() : List.of(
        new EpochMetrics(1, 1.0, acc - 0.1, 1.1, acc - 0.05, 100, 10, 1),
        new EpochMetrics(2, 0.8, acc - 0.02, 0.9, acc, 100, 10, 1));
    Provenance prov = new Provenance(p.taskId(), seed, "0.1.0", "0.32.0", "2.5.1", "17", "Linux",
        "h", "cpu()", 1, "/data/x", "idx", "0".repeat(64), 100, 50, 1000, 0.05, 0.05, 1 - i,
        "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", 10, 1);
    return new TaskResult(p.taskId(), p, status, status == Status.OK ? null : "boom " + seed,
        status == Status.OK ? "max_epochs" : status.name().toLowerCase(), epochs.size(), acc,
        2, 0.8, acc - 0.02, 0.9, acc, 1, 2, 3, 6, 1000.0, prov, epochs);
  }

  static GridPoint.Builder linear(double i, int p, double ep, long seed) {
    return GridPoint.builder().set("data_path", "/data/x").set("interpolation", i)
        .set("precision", p).set("error_probability", ep).set("seed", seed);
  }

  /** Minimal CSV reading with quoted cells. */
  static List<List<String>> readCsv(Path file) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      for (int k = 0; k < line.length(); k++) {
        char c = line.charAt(k);
        if (quoted && c == '"' && k + 1 < line.length() && line.charAt(k + 1) == '"') {
          cell.append('"');
          k++;
        } else if (c == '"') {
          quoted = !quoted;
        } else if (c == ',' && !quoted) {
          cells.add(cell.toString());
          cell.setLength(0);
        } else {
          cell.append(c);
        }
      }
      cells.add(cell.toString());
      rows.add(cells);
    }
    return rows;
  }

  /** findings.csv keyed "finding|view|setting|statistic" to a map of column to cell. */
  static Map<String, Map<String, String>> findings(Path report) throws Exception {
    List<List<String>> rows = readCsv(report.resolve("findings.csv"));
    List<String> header = rows.get(0);
    assertEquals(List.of("finding", "view", "setting", "statistic", "unit", "estimate",
        "ci_low", "ci_high", "n", "method", "verdict", "note", "settings", "seeds"), header);
    Map<String, Map<String, String>> out = new HashMap<>();
    for (List<String> r : rows.subList(1, rows.size())) {
      Map<String, String> m = new HashMap<>();
      for (int k = 0; k < header.size(); k++) {
        m.put(header.get(k), r.get(k));
      }
      String key = r.get(0) + "|" + r.get(1) + "|" + r.get(2) + "|" + r.get(3);
      assertTrue(out.put(key, m) == null, "one row per key: " + key);
    }
    return out;
  }

  /** Numbers of findings.csv are written with one decimal: the hand answer rounded. */
  static final double ONE_DECIMAL = 0.05 + 1e-9;

  static void assertRow(Map<String, Map<String, String>> f, String key, double estimate,
      double low, double high, int n, String verdict) {
    Map<String, String> row = f.get(key);
    assertNotNull(row, key + " in " + f.keySet());
    assertEquals(estimate, Double.parseDouble(row.get("estimate")), ONE_DECIMAL, key);
    if (Double.isNaN(low)) {
      assertEquals("", row.get("ci_low"), key);
    } else {
      assertEquals(low, Double.parseDouble(row.get("ci_low")), ONE_DECIMAL, key);
      assertEquals(high, Double.parseDouble(row.get("ci_high")), ONE_DECIMAL, key);
      for (String c : List.of("estimate", "ci_low", "ci_high")) {
        String cell = row.get(c);
        assertTrue(!cell.contains(".") || cell.length() - cell.indexOf('.') == 2,
            key + ": one decimal in " + c + " " + cell);
      }
    }
    assertEquals(String.valueOf(n), row.get("n"), key);
    assertEquals(verdict, row.get("verdict"), key);
  }

  static Path store(Path out, String name, List<TaskResult> results, int planned)
      throws Exception {
    OutputFolder folder = new OutputFolder(out.toString(),
        new Configuration());
    ResultSchema.SparkInfo info = new ResultSchema.SparkInfo(name, "4.0.1", "local", 1);
    List<TaskOutcome> outcomes = results.stream()
        .map(r -> new TaskOutcome(r, "driver", 0, null)).toList();
    int half = outcomes.size() / 2;
    SweepRunner.store(TestSupport.spark(), folder, 1, outcomes.subList(0, half), info);
    SweepRunner.store(TestSupport.spark(), folder, 2, outcomes.subList(half, outcomes.size()),
        info);
    Files.writeString(out.resolve("manifest.json"), "{\"format\": \"analogsweep.output.v1\", "
        + "\"sweep\": \"" + name + "\", \"kind\": \"train\", \"planned_tasks\": " + planned
        + "}");
    return out;
  }

  /**
   * p = 16 and 64, EP = 0, 0.5, 0.8, i = 0, 0.5, 1, three seeds (accuracies in percent below,
   * per seed), one FAILED run: every F2 row of both views, the summaries and the tables. Three
   * values of i give no slope rows (they would repeat the gains).
   */
  @Test
  void findingsMatchHandComputedAnswers() throws Exception {
    // acc[p][ep][i][seed] in percent; p = {16, 64}, ep = {0, 0.5, 0.8}, i = {0, 0.5, 1}
    double[][][][] acc = {
        {{{85.0, 85.2, 84.8}, {85, 85, 85}, {85.1, 85.4, 84.9}},
            {{60, 62, 64}, {63, 65, 67}, {66, 70, 68}},
            {{10, 11, 9}, {10, 10, 10}, {12, 10, 11}}},
        {{{88, 88, 88}, {89, 89, 89}, {90, 90.5, 89.5}},
            {{70, 71, 72}, {71, 72, 73}, {69, 70, 71}},
            {{40, 50, 45}, {45, 45, 45}, {48, 49, 50}}}};
    int[] ps = {16, 64};
    double[] eps = {0, 0.5, 0.8};
    double[] is = {0, 0.5, 1};
    List<TaskResult> results = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      for (int e = 0; e < 3; e++) {
        for (int i = 0; i < 3; i++) {
          for (int s = 0; s < 3; s++) {
            results.add(result(linear(is[i], ps[p], eps[e], s + 1).build(), Status.OK,
                acc[p][e][i][s] / 100));
          }
        }
      }
    }
    results.add(result(linear(1, 16, 0.5, 4).build(), Status.FAILED, null));
    Path out = store(tmp.resolve("hand"), "hand", results, 60);
    String md = Files.readString(Path.of(Reports.write(TestSupport.spark(), out.toString())));
    Path report = out.resolve("report");
    assertEquals("stored,planned,ok,diverged,failed\n55,60,54,0,1\n",
        Files.readString(report.resolve("completeness.csv")));
    assertTrue(md.contains("55 task results stored of 60 planned (91.7%) — **partial**"), md);
    assertTrue(md.indexOf("## Findings") < md.indexOf("## Figures"), "findings first");

    Map<String, Map<String, String>> f = findings(report);
    String gain = "|gain from ReLU end to smooth end";
    String slope = "|slope of accuracy over i";
    String eq = "|ends equivalent without noise (90% interval within +-1 pts)";
    String mean = "F2|mean over seeds|";
    // p = 16, EP = 0.5: gains 6, 8, 4; per-seed slopes 6, 8, 4
    double h = T2_95 * 2 / Math.sqrt(3);
    assertRow(f, mean + "p=16 EP=0.5" + gain, 6, 6 - h, 6 + h, 3, "holds");
    assertTrue(f.keySet().stream().noneMatch(k -> k.endsWith(slope)), "no slope from 3 i");
    assertEquals("1", f.get(mean + "p=16 EP=0.5" + gain).get("settings"));
    assertEquals("3", f.get(mean + "p=16 EP=0.5" + gain).get("seeds"));
    assertEquals("t", f.get(mean + "p=16 EP=0.5" + gain).get("method"));
    assertEquals("pct points", f.get(mean + "p=16 EP=0.5" + gain).get("unit"));
    assertEquals("i=0 62.0% -> i=1 68.0%", f.get(mean + "p=16 EP=0.5" + gain).get("note"));
    // p = 16, EP = 0.8: ends 10% and 11%, chance 10% + 3 points: at chance
    double h08 = T2_95 * Math.sqrt(3) / Math.sqrt(3);
    assertRow(f, mean + "p=16 EP=0.8" + gain, 1, 1 - h08, 1 + h08, 3, "at chance");
    // p = 64, EP = 0.5: gains -1, -1, -1 (no spread): contradicted
    assertRow(f, mean + "p=64 EP=0.5" + gain, -1, -1, -1, 3, "contradicted");
    // p = 64, EP = 0.8: gains 8, -1, 5: sd sqrt(21)
    double h64 = T2_95 * Math.sqrt(21) / Math.sqrt(3);
    assertRow(f, mean + "p=64 EP=0.8" + gain, 4, 4 - h64, 4 + h64, 3, "not shown");
    // without noise: gains 0.1, 0.2, 0.1 (equivalent) and 2, 2.5, 1.5 (not shown)
    double sd = Math.sqrt(((0.1 - 0.4 / 3) * (0.1 - 0.4 / 3) * 2 + (0.2 - 0.4 / 3)
        * (0.2 - 0.4 / 3)) / 2);
    double he = T2_90 * sd / Math.sqrt(3);
    assertRow(f, mean + "p=16 EP=0" + eq, 0.4 / 3, 0.4 / 3 - he, 0.4 / 3 + he, 3, "holds");
    double he64 = T2_90 * 0.5 / Math.sqrt(3);
    assertRow(f, mean + "p=64 EP=0" + eq, 2, 2 - he64, 2 + he64, 3, "not shown");
    // summaries: 1 of 3 tested above zero, 1 below, 1 at chance; mean (6 - 1 + 4) / 3
    String sum = mean + "summary over noisy settings|gain from ReLU end to smooth end (mean "
        + "over settings)";
    assertRow(f, sum, 3, Double.NaN, Double.NaN, 3, "not shown");
    assertTrue(f.get(sum).get("note").startsWith("1 of 3 noisy settings exclude zero above (3 "
        + "seeds each), 1 contradicted, 1 at chance (left out); by luck alone P(>= 1 above) = "
        + "0.073"), f.get(sum).get("note"));
    assertEquals("3", f.get(sum).get("settings"));
    assertRow(f, mean + "summary over noise-free settings|ends equivalent without noise (90% "
        + "interval within +-1 pts) (mean over settings)", (0.4 / 3 + 2) / 2, Double.NaN,
        Double.NaN, 2, "not shown");

    // the envelope: per seed the maximum over p (the only axis not kept)
    String env = "F2|envelope|";
    assertRow(f, env + "EP=0.5" + gain, -1, -1, -1, 3, "contradicted");
    assertRow(f, env + "EP=0.8" + gain, 4, 4 - h64, 4 + h64, 3, "not shown");
    assertRow(f, env + "EP=0" + eq, 2, 2 - he64, 2 + he64, 3, "not shown");
    // one of two intervals below zero, none above: P(>= 1 of 2 by luck) = 1 - 0.975^2 < 0.05,
    // but two settings are fewer than the minimum of three: "suggested against", no longer
    // "contradicted" (deliberate: the verdict says how much evidence is behind it)
    String envSum = env + "summary over noisy settings" + gain + " (mean over settings)";
    assertRow(f, envSum, (-1 + 4) / 2.0, Double.NaN, Double.NaN, 2, "suggested against");
    assertTrue(f.get(envSum).get("note").contains("; suggested against, not contradicted: "
        + "fewer than 3 settings with 3 seeds each"), f.get(envSum).get("note"));
    assertTrue(f.get(env + "EP=0.5" + gain).get("note").endsWith("max over precision"));
    // mean view: 4 gains, 2 equivalences, 2 summaries; envelope: 2 gains, 1, and a summary
    assertEquals(8 + 4, f.size());

    // the other tables in percent
    List<List<String>> summary = readCsv(report.resolve("accuracy_by_setting.csv"));
    assertEquals(List.of("interpolation", "precision", "error_probability", "runs", "n",
        "mean_accuracy_pct", "sd_pct", "ci_low_pct", "ci_high_pct", "min_pct", "max_pct",
        "eval_sd_pct", "gsd"), summary.get(0));
    List<String> p16 = summary.stream().filter(r -> r.subList(0, 3)
        .equals(List.of("1", "16", "0.5"))).findFirst().orElseThrow();
    assertEquals("4", p16.get(3), "the FAILED run is stored");
    assertEquals("3", p16.get(4), "and left out of the mean");
    assertEquals(68, Double.parseDouble(p16.get(5)), 1e-9);
    assertEquals(2, Double.parseDouble(p16.get(6)), 1e-9);
    assertEquals(68 - h, Double.parseDouble(p16.get(7)), 1e-6);
    List<List<String>> gains = readCsv(report.resolve("gain.csv"));
    List<String> g64 = gains.stream().filter(r -> r.subList(0, 2).equals(List.of("64", "0.8")))
        .findFirst().orElseThrow();
    assertEquals(List.of("64", "0.8", "0", "1", "45", "49", "4"), g64.subList(0, 7));
    for (String name : List.of("accuracy_vs_interpolation", "accuracy_vs_interpolation_envelope",
        "gain_vs_error_probability", "gain_heatmap", "training_curves")) {
      assertTrue(Files.size(report.resolve(name + ".png")) > 5000, name);
      assertTrue(Files.readString(report.resolve(name + ".svg")).contains("<svg"), name);
      assertTrue(md.contains("(" + name + ".png)"), name + " linked");
    }
    assertTrue(Files.readString(report.resolve("report.html")).contains("\"findings\""));
    assertTrue(Files.exists(report.resolve("echarts.min.js")));
  }

  /** ConvNet depth 2, 4, 6 at EP 0.8; depth 6 at chance and left out of the slope. */
  @Test
  void depthSlopeLeavesOutSettingsAtChance() throws Exception {
    // gains per seed: depth 2: 1, 3; depth 4: 4, 6; depth 6: both ends at chance
    double[][][] acc = {{{50, 52}, {51, 55}}, {{40, 42}, {44, 48}}, {{10, 11}, {11, 12}}};
    int[] depths = {2, 4, 6};
    List<TaskResult> results = new ArrayList<>();
    for (int d = 0; d < 3; d++) {
      for (int end = 0; end < 2; end++) {
        for (int s = 0; s < 2; s++) {
          GridPoint p = GridPoint.builder().set("data_path", "/data/c").set("model", "convnet")
              .set("conv_depth", depths[d]).set("interpolation", end).set("precision", 16)
              .set("error_probability", 0.8).set("seed", s + 1).build();
          results.add(result(p, Status.OK, acc[d][end][s] / 100));
        }
      }
    }
    Path out = store(tmp.resolve("depth"), "depth", results, 12);
    String md = Files.readString(Path.of(Reports.write(TestSupport.spark(), out.toString())));
    Map<String, Map<String, String>> f = findings(out.resolve("report"));
    // points (2, 1), (2, 3), (4, 4), (4, 6): slope 1.5, residual variance 4 / 2, Sxx 4
    double half = T2_95 * Math.sqrt(2.0 / 4);
    String key = "F3|mean over seeds|all|slope of gain over conv_depth";
    assertRow(f, key, 1.5, 1.5 - half, 1.5 + half, 4, "not shown");
    assertEquals("pct points per layer", f.get(key).get("unit"));
    assertEquals("OLS t", f.get(key).get("method"));
    assertEquals("mean gain by conv_depth: 2: +2.0, 4: +5.0; at chance, left out: 6",
        f.get(key).get("note"));
    assertRow(f, "F2|mean over seeds|conv=6|gain from ReLU end to smooth end", 1, 1, 1,
        2, "at chance");
    assertTrue(md.contains("(gain_vs_conv_depth.png)"), md);
  }

  /** A ConvNet point (2 conv, 2 FC) at p = 64, EP 0.5, the ReLU end (0) or the smooth end (1). */
  static GridPoint.Builder convNetAt(int end, long seed) {
    return GridPoint.builder().set("data_path", "/data/c").set("model", "convnet")
        .set("conv_depth", 2).set("linear_depth", 2).set("interpolation", end)
        .set("precision", 64).set("error_probability", 0.5).set("seed", seed);
  }

  /** The ViT (one block) at the same setting as {@link #convNetAt}. */
  static GridPoint.Builder vitAt(int end, long seed) {
    return GridPoint.builder().set("data_path", "/data/c").set("model", "vit")
        .set("vit_depth", 1).set("interpolation", end).set("precision", 64)
        .set("error_probability", 0.5).set("seed", seed);
  }

  /**
   * The ViT and the ConvNet in sweeps of their own (each model's options make each its own
   * sweep): {@code report --with} joins them and decides F4; alone, neither report can.
   */
  @Test
  void reportWithAnotherSweepDecidesTheVitAgainstTheConvNet() throws Exception {
    // gains per seed at EP 0.5: ConvNet 5, 6, 7; ViT 1, 2, 3 (as the test below)
    double[] conv = {5, 6, 7};
    double[] vit = {1, 2, 3};
    List<TaskResult> convnet = new ArrayList<>();
    List<TaskResult> vits = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      for (int end = 0; end < 2; end++) {
        convnet.add(result(convNetAt(end, s + 1).build(), Status.OK, (50 + end * conv[s]) / 100));
        vits.add(result(vitAt(end, s + 1).build(), Status.OK, (60 + end * vit[s]) / 100));
      }
    }
    Path a = store(tmp.resolve("conv"), "conv", convnet, 6);
    Path b = store(tmp.resolve("vit"), "vit", vits, 6);
    Reports.write(TestSupport.spark(), a.toString());
    assertTrue(findings(a.resolve("report")).keySet().stream().noneMatch(k -> k.startsWith("F4")));
    java.util.Set<String> alone = reportFiles(a);

    String md = Files.readString(Path.of(Reports.write(TestSupport.spark(), a.toString(),
        List.of(b.toString()))));
    Map<String, Map<String, String>> f = findings(a.resolve("report"));
    double h = T4_95 * Math.sqrt(2.0 / 3);
    assertRow(f, "F4|mean over seeds|all|ConvNet gain minus ViT gain", 4, 4 - h, 4 + h,
        6, "holds");
    assertTrue(md.contains("12 task results stored of 12 planned"), md);
    assertTrue(md.contains("joined to this one's (`--with`): `"), md);
    assertTrue(md.contains("vit` (vit). Every number below covers all of them."), md);
    assertTrue(md.contains("conv --with "), md);
    assertEquals("--with: " + tmp.resolve("none") + ": no such folder", assertThrows(
        InvalidValueException.class, () -> Reports.write(TestSupport.spark(), a.toString(),
            List.of(tmp.resolve("none").toString()))).getMessage());

    // the ConvNet alone again: what the joined report wrote is not left beside it
    Files.writeString(a.resolve("report/stale.png"), "an earlier report's figure");
    Reports.write(TestSupport.spark(), a.toString());
    assertEquals(alone, reportFiles(a));
    assertTrue(findings(a.resolve("report")).keySet().stream().noneMatch(k -> k.startsWith("F4")));
  }

  static java.util.Set<String> reportFiles(Path out) throws IOException {
    try (var files = Files.list(out.resolve("report"))) {
      return files.map(p -> p.getFileName().toString())
          .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }
  }

  /**
   * A field only the ConvNet varies (its classifier's activation) splits F4: one row per ConvNet
   * setting against the same ViT, named by that field, not one row pooling both.
   */
  @Test
  void convNetOnlyFieldGetsAnF4RowPerValue() throws Exception {
    // gains per seed at EP 0.5: ConvNet with the activation 5, 6, 7, without 2, 3, 4; ViT 1, 2, 3
    double[][] conv = {{5, 6, 7}, {2, 3, 4}};
    double[] vit = {1, 2, 3};
    List<TaskResult> convnet = new ArrayList<>();
    List<TaskResult> vits = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      for (int end = 0; end < 2; end++) {
        for (int c = 0; c < 2; c++) {
          convnet.add(result(convNetAt(end, s + 1).set("classifier_activation", c == 0).build(),
              Status.OK, (50 + end * conv[c][s]) / 100));
        }
        vits.add(result(vitAt(end, s + 1).build(), Status.OK, (60 + end * vit[s]) / 100));
      }
    }
    Path a = store(tmp.resolve("conv"), "conv", convnet, 12);
    Path b = store(tmp.resolve("vit"), "vit", vits, 6);
    Reports.write(TestSupport.spark(), a.toString(), List.of(b.toString()));
    Map<String, Map<String, String>> f = findings(a.resolve("report"));
    double h = T4_95 * Math.sqrt(2.0 / 3);
    String stat = "|ConvNet gain minus ViT gain";
    assertRow(f, "F4|mean over seeds|ConvNet classifier act=on" + stat, 4, 4 - h, 4 + h, 6,
        "holds");
    assertRow(f, "F4|mean over seeds|ConvNet classifier act=off" + stat, 1, 1 - h, 1 + h, 6,
        "not shown");
    assertTrue(f.keySet().stream().noneMatch(k -> k.startsWith("F4|mean over seeds|all|")),
        f.keySet().toString());
    // the schedules differ only between the models (ViT cosine, ConvNet fixed): no axis to take
    // the best over within a setting, so no envelope rows that would repeat the mean view
    assertTrue(f.keySet().stream().noneMatch(k -> k.contains("|envelope|")), f.keySet().toString());
  }

  /** ViT rows made from ConvNet rows by editing the model column: F4 at matched EP. */
  @Test
  void vitGainAgainstConvNetAtMatchedSettings() throws Exception {
    // gains per seed: EP 0.5: ConvNet 5, 6, 7, ViT 1, 2, 3; EP 0.8: ConvNet 2, 4, 6, ViT 3, 4, 5
    double[][] conv = {{5, 6, 7}, {2, 4, 6}};
    double[][] vit = {{1, 2, 3}, {3, 4, 5}};
    double[] eps = {0.5, 0.8};
    List<TaskResult> convnet = new ArrayList<>();
    List<TaskResult> vitAsConv = new ArrayList<>();
    for (int e = 0; e < 2; e++) {
      for (int s = 0; s < 3; s++) {
        for (int end = 0; end < 2; end++) {
          GridPoint p = GridPoint.builder().set("data_path", "/data/c").set("model", "convnet")
              .set("conv_depth", 4).set("interpolation", end).set("precision", 16)
              .set("error_probability", eps[e]).set("seed", s + 1).build();
          convnet.add(result(p, Status.OK, (50 + end * conv[e][s]) / 100));
          vitAsConv.add(result(p, Status.OK, (60 + end * vit[e][s]) / 100));
        }
      }
    }
    Path out = store(tmp.resolve("models"), "models", convnet, 24);
    ResultSchema.SparkInfo info = new ResultSchema.SparkInfo("models", "4.0.1", "local", 1);
    int modelColumn = ResultSchema.RUNS.fieldIndex("model");
    List<Row> rows = new ArrayList<>();
    for (TaskResult r : vitAsConv) {
      Object[] cells = new Object[ResultSchema.RUNS.size()];
      Row row = ResultSchema.runRow(new TaskOutcome(r, "driver", 0, null), info);
      for (int k = 0; k < cells.length; k++) {
        cells[k] = row.get(k);
      }
      cells[0] = "vit-" + cells[0];
      cells[modelColumn] = "vit";
      rows.add(RowFactory.create(cells));
    }
    TestSupport.spark().createDataFrame(rows, ResultSchema.RUNS).coalesce(1).write()
        .parquet(out.resolve("runs/wave=3").toString());
    Reports.write(TestSupport.spark(), out.toString());
    Map<String, Map<String, String>> f = findings(out.resolve("report"));
    String stat = "|ConvNet gain minus ViT gain";
    // EP 0.5: difference 4, Welch se sqrt(1/3 + 1/3) with 4 degrees of freedom
    double h5 = T4_95 * Math.sqrt(2.0 / 3);
    assertRow(f, "F4|mean over seeds|EP=0.5" + stat, 4, 4 - h5, 4 + h5, 6, "holds");
    assertEquals("Welch t", f.get("F4|mean over seeds|EP=0.5" + stat).get("method"));
    // EP 0.8: difference 0, se sqrt(4/3 + 1/3), df (5/3)^2 / ((4/3)^2/2 + (1/3)^2/2) = 50/17
    double h8 = new TDistribution(50.0 / 17).inverseCumulativeProbability(0.975)
        * Math.sqrt(5.0 / 3);
    assertRow(f, "F4|mean over seeds|EP=0.8" + stat, 0, -h8, h8, 6, "not shown");
    assertEquals("ConvNet gain +4.0 (3), ViT gain +4.0 (3)",
        f.get("F4|mean over seeds|EP=0.8" + stat).get("note"));
    assertTrue(Files.size(out.resolve("report/gain_by_model.png")) > 5000);
  }

  /**
   * relu_derivative_at_zero a and 1 at p = 16, EP 0, 0.3, 0.5, 0.8, three seeds. Under a the
   * ReLU end sits at chance at EP 0 and 0.3 (9.0-9.5% on 10 classes): reported "at chance", not
   * as a failed equivalence or a gain. F2 is decided under each convention, and a row says
   * whether it holds under both.
   */
  @Test
  void f2IsDecidedUnderEachConventionAndAnEndAtChanceIsNamed() throws Exception {
    double[] eps = {0, 0.3, 0.5, 0.8};
    // relu end, then smooth end gains per seed; under a at EP 0 and 0.3 the ReLU end is dead
    double[][] reluA = {{9.2, 9.0, 9.4}, {9.5, 9.5, 9.5}, {50, 50, 50}, {30, 30, 30}};
    double[][] gainA = {{70.8, 71, 70.6}, {60, 61, 62}, {5, 6, 7}, {2, 3, 4}};
    double[][] relu1 = {{80, 80, 80}, {50, 50, 50}, {50, 50, 50}, {30, 30, 30}};
    double[][] gain1 = {{0.1, 0.2, 0.1}, {4, 5, 6}, {5, 6, 7}, {2, 3, 4}};
    List<TaskResult> results = new ArrayList<>();
    for (String convention : List.of("a", "1")) {
      double[][] relu = convention.equals("a") ? reluA : relu1;
      double[][] gain = convention.equals("a") ? gainA : gain1;
      for (int e = 0; e < eps.length; e++) {
        for (int s = 0; s < 3; s++) {
          for (int end = 0; end < 2; end++) {
            GridPoint p = linear(end, 16, eps[e], s + 1)
                .set("relu_derivative_at_zero", convention).build();
            results.add(result(p, Status.OK, (relu[e][s] + end * gain[e][s]) / 100));
          }
        }
      }
    }
    Path out = store(tmp.resolve("conventions"), "conventions", results, 48);
    String md = Files.readString(Path.of(Reports.write(TestSupport.spark(), out.toString())));
    Map<String, Map<String, String>> f = findings(out.resolve("report"));
    String mean = "F2|mean over seeds|";
    String eq = "|ends equivalent without noise (90% interval within +-1 pts)";
    String gain = "|gain from ReLU end to smooth end";
    // the dead ReLU end: at chance, not "contradicted" (the gain of 70.8 is no smoothness)
    Map<String, String> dead = f.get(mean + "EP=0 R'(0)=a" + eq);
    assertNotNull(dead, f.keySet().toString());
    assertEquals("at chance", dead.get("verdict"));
    assertTrue(dead.get("note").endsWith("; ReLU end at chance (chance 10.0%)"),
        dead.get("note"));
    assertEquals("at chance", f.get(mean + "EP=0.3 R'(0)=a" + gain).get("verdict"));
    double h = T2_95 / Math.sqrt(3);
    assertRow(f, mean + "EP=0.5 R'(0)=a" + gain, 6, 6 - h, 6 + h, 3, "holds");
    assertEquals("holds", f.get(mean + "EP=0 R'(0)=1" + eq).get("verdict"));
    // per convention: under a, 2 settings tested (one at chance): suggested; under 1, 3: holds
    assertEquals("suggested", f.get(mean + "summary over noisy settings with R'(0)=a" + gain
        + " (mean over settings)").get("verdict"));
    assertEquals("holds", f.get(mean + "summary over noisy settings with R'(0)=1" + gain
        + " (mean over settings)").get("verdict"));
    Map<String, String> both = f.get(mean + "under R'(0)=1 and R'(0)=a" + gain
        + " under each value");
    assertNotNull(both, f.keySet().toString());
    assertEquals("suggested", both.get("verdict"));
    assertEquals("5", both.get("settings"));
    assertEquals("3", both.get("seeds"));
    assertTrue(both.get("note").startsWith("R'(0)=1: holds (3 settings, mean +4.7); "
        + "R'(0)=a: suggested (2 settings, mean +4.5)"), both.get("note"));
    // without noise: under a at chance, so whether the ends are close under both is not read
    assertEquals("at chance", f.get(mean + "under R'(0)=1 and R'(0)=a" + eq
        + " under each value").get("verdict"));
    assertTrue(md.contains("under R'(0)=1 and R'(0)=a: **suggested**"), md);
  }

  /**
   * classifier_activation off and on, five values of i, EP 0.5 and 0.8, two seeds: slope rows
   * (five values of i say more than the gain), every verdict at most "suggested" (two seeds),
   * and the row on whether F2 holds with and without the classifier's activation.
   */
  @Test
  void slopesFromFourValuesOfIAndTwoSeedsOnlySuggest() throws Exception {
    double[] is = {0, 0.25, 0.5, 0.75, 1};
    List<TaskResult> results = new ArrayList<>();
    for (boolean act : List.of(false, true)) {
      for (double ep : List.of(0.5, 0.8)) {
        for (double i : is) {
          for (int s = 1; s <= 2; s++) {
            // slope and gain per seed: 6 and 6.5
            double acc = (ep == 0.5 ? 50 : 30) + (6 + 0.5 * (s - 1)) * i;
            results.add(result(linear(i, 16, ep, s).set("classifier_activation", act).build(),
                Status.OK, acc / 100));
          }
        }
      }
    }
    Path out = store(tmp.resolve("slopes"), "slopes", results, 40);
    Reports.write(TestSupport.spark(), out.toString());
    Map<String, Map<String, String>> f = findings(out.resolve("report"));
    String mean = "F2|mean over seeds|";
    double h = 12.706204736174696 * 0.25; // Student t, 1 degree of freedom; se 0.5 / 2
    assertRow(f, mean + "EP=0.5 classifier act=off|slope of accuracy over i", 6.25, 6.25 - h,
        6.25 + h, 2, "suggested");
    assertTrue(f.get(mean + "EP=0.5 classifier act=off|slope of accuracy over i").get("note")
        .endsWith("over 5 values of i"));
    assertRow(f, mean + "EP=0.8 classifier act=on|gain from ReLU end to smooth end", 6.25,
        6.25 - h, 6.25 + h, 2, "suggested");
    Map<String, String> sum = f.get(mean + "summary over noisy settings|gain from ReLU end to "
        + "smooth end (mean over settings)");
    assertEquals("suggested", sum.get("verdict"));
    assertEquals("4", sum.get("settings"));
    assertEquals("2", sum.get("seeds"));
    assertTrue(sum.get("note").contains("4 of 4 noisy settings exclude zero above (2 seeds "
        + "each)"), sum.get("note"));
    assertEquals("suggested", f.get(mean + "with and without the classifier's activation|gain "
        + "from ReLU end to smooth end under each value").get("verdict"));
  }

  /**
   * A task stored again in a later wave, and in a folder joined with --with, with other
   * accuracies (and one of them FAILED): the report keeps the first folder's first wave's row,
   * so that every table is that of the folder without the repeats.
   */
  @Test
  void repeatedTasksKeepTheFirstFoldersFirstWave() throws Exception {
    List<TaskResult> first = new ArrayList<>();
    List<TaskResult> again = new ArrayList<>();
    for (long seed = 1; seed <= 3; seed++) {
      for (int end = 0; end < 2; end++) {
        GridPoint p = linear(end, 16, 0.5, seed).build();
        first.add(result(p, Status.OK, (50 + end * 2 * seed) / 100.0));
        again.add(result(p, seed == 2 ? Status.FAILED : Status.OK, (20 + end * seed) / 100.0));
      }
    }
    Path clean = store(tmp.resolve("clean"), "repeats", first, 6);
    Path repeated = store(tmp.resolve("repeated"), "repeats", first, 6);
    ResultSchema.SparkInfo info = new ResultSchema.SparkInfo("repeats", "4.0.1", "local", 1);
    List<TaskOutcome> later = again.stream().map(r -> new TaskOutcome(r, "driver", 0, null))
        .toList();
    SweepRunner.store(TestSupport.spark(), new OutputFolder(repeated.toString(),
        new Configuration()), 3, later, info);
    Path other = store(tmp.resolve("other"), "repeats", again, 6);
    Reports.write(TestSupport.spark(), clean.toString());
    Reports.write(TestSupport.spark(), repeated.toString(), List.of(other.toString()));
    for (String table : List.of("findings.csv", "accuracy_by_setting.csv", "gain.csv",
        "problems.csv")) {
      assertEquals(Files.readString(clean.resolve("report").resolve(table)),
          Files.readString(repeated.resolve("report").resolve(table)), table);
    }
    // the planned count is the sum over both folders' manifests; the rows are the first six
    assertEquals("stored,planned,ok,diverged,failed\n6,12,6,0,0\n",
        Files.readString(repeated.resolve("report/completeness.csv")));
  }
}
