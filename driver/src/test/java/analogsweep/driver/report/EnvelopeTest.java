package analogsweep.driver.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

  @Test
  void nothingToMaximiseOverWhereOnlyKeptColumnsVary() {
    SweepData data = SweepData.of("plain", List.of(run(0, 0, 1, 50), run(1, 0, 1, 60)));
    assertEquals(List.of(), Envelope.axes(data));
    assertEquals(2, Envelope.runs(data).size());
  }
}
