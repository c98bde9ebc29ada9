package analogsweep.driver.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.driver.report.SweepData.Run;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The authors' envelope: per seed and kept setting, the best run over the other swept axes. */
class EnvelopeTest {
  private static Run run(double i, double leak, long seed, double accuracy) {
    Map<String, Object> values = new HashMap<>();
    values.put("interpolation", i);
    values.put("leak", leak);
    values.put("model", "linear");
    return new Run(i + "/" + leak + "/" + seed, values, seed, "OK", accuracy, 0, 10, null);
  }

  @Test
  void keepsTheBestRunOverTheOtherAxesPerSeed() {
    List<Run> runs = new ArrayList<>();
    for (long seed = 1; seed <= 2; seed++) {
      runs.add(run(0, 0, seed, 50 + seed));
      runs.add(run(0, 0.1, seed, 40 + seed));
      runs.add(run(1, 0, seed, 60 + seed));
      runs.add(run(1, 0.1, seed, 70 + seed));
    }
    SweepData data = SweepData.of("envelope", runs);
    assertEquals(List.of("leak"), Envelope.axes(data));
    assertEquals(List.of("interpolation"), Envelope.keys(data));
    List<Run> best = new ArrayList<>(Envelope.runs(data));
    best.sort(Comparator.comparing(Run::taskId));
    assertEquals(List.of("0.0/0.0/1", "0.0/0.0/2", "1.0/0.1/1", "1.0/0.1/2"),
        best.stream().map(Run::taskId).toList());
  }

  /**
   * F3 in the envelope, as the authors' depth figures: per seed and depth, the best precision,
   * then the slope of the gain over depth. At p = 64 the gain is 2 points per conv layer, at
   * p = 16 (every accuracy lower, so never the envelope) none.
   */
  @Test
  void depthSlopeOfTheEnvelopeTakesTheBestPrecisionPerSeed() {
    List<Run> runs = new ArrayList<>();
    for (long seed = 1; seed <= 3; seed++) {
      for (int depth : new int[] {0, 2, 4}) {
        for (double i : new double[] {0, 1}) {
          runs.add(convnet(depth, 64, i, seed, 40 + i * (2 * depth + 0.1 * seed)));
          runs.add(convnet(depth, 16, i, seed, 30 + i * 0.5 * seed));
        }
      }
    }
    List<Finding> rows = TrainingFindings.of(SweepData.of("depth", runs));
    Finding envelope = rows.stream().filter(f -> f.finding().equals("F3")
        && f.view().equals(Finding.ENVELOPE_VIEW) && f.setting().equals("all")).findFirst()
        .orElseThrow(() -> new AssertionError("no envelope F3 row in " + rows));
    assertEquals(2.0, envelope.estimate().value(), 1e-9);
    assertTrue(envelope.note().endsWith("; max over precision"), envelope.note());
    assertEquals(Finding.HOLDS, envelope.verdict());
    List<Double> meanView = rows.stream().filter(f -> f.finding().equals("F3")
        && f.view().equals(Finding.MEAN_VIEW) && !f.setting().startsWith("summary"))
        .map(f -> f.estimate().value()).sorted().toList();
    assertEquals(0.0, meanView.get(0), 1e-9);
    assertEquals(2.0, meanView.get(1), 1e-9);
  }

  private static Run convnet(int depth, int precision, double i, long seed, double accuracy) {
    Map<String, Object> values = new HashMap<>();
    values.put("model", "convnet");
    values.put("conv_depth", depth);
    values.put("precision", precision);
    values.put("error_probability", 0.5);
    values.put("interpolation", i);
    return new Run(depth + "/" + precision + "/" + i + "/" + seed, values, seed, "OK", accuracy,
        0, 10, null);
  }

  @Test
  void nothingToMaximiseOverWhereOnlyKeptColumnsVary() {
    SweepData data = SweepData.of("plain", List.of(run(0, 0, 1, 50), run(1, 0, 1, 60)));
    assertEquals(List.of(), Envelope.axes(data));
    assertEquals(2, Envelope.runs(data).size());
  }
}
