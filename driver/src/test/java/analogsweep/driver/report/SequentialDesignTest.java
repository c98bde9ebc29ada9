package analogsweep.driver.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.driver.report.SweepData.Run;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The group-sequential design of {@code run --until-decided}: its calibration against the one
 * case known in closed form, its error rate under optional stopping by simulation at a fixed
 * seed (the default suite: 4,000 settings, about two seconds; the figures of docs/report.md:
 * {@link #figures}, tagged slow), and which settings it calls decided.
 */
class SequentialDesignTest {
  /** The per-seed spread of a paired gain the depth sweep was planned with (docs/results.md). */
  static final double SD = 2.5;
  static final long SEED = 17;

  /**
   * One look is a fixed design: its nominal level is the level itself, plus the calibration's
   * margin of two Monte Carlo standard errors (2 x sqrt(0.05 x 0.95 / 100,000) = 0.0014).
   */
  @Test
  void oneLookIsTheFixedIntervalUpToTheMonteCarloMargin() {
    double nominal = new SequentialDesign(6, 6).nominalLevel(0.95);
    assertTrue(nominal > 0.95 && nominal < 0.95 + 0.0014 + 0.0015, "nominal " + nominal);
  }

  /**
   * More looks need a higher level at each, less than Bonferroni's 1 - 0.05 / 8 since the looks
   * share seeds; the interval at 3 seeds is wider than the fixed one.
   */
  @Test
  void eightLooksLieBetweenTheFixedLevelAndBonferroni() {
    SequentialDesign d = new SequentialDesign(3, 10);
    assertEquals(8, d.looks());
    double nominal = d.nominalLevel(0.95);
    assertTrue(nominal > 0.98 && nominal < 1 - 0.05 / 8, "nominal " + nominal);
    assertEquals(nominal, d.nominalLevel(0.95)); // fixed seed, cached
    Estimate e = d.mean(new double[] {1, 2, 3}, 0.95);
    Estimate fixed = Intervals.mean(new double[] {1, 2, 3}, 0.95);
    assertEquals(2, e.value(), 1e-12);
    assertTrue(e.low() < fixed.low() && e.high() > fixed.high());
    assertTrue(e.method().startsWith("group-sequential t, Pocock-type (looks at 3-10 seeds, 98."),
        e.method());
  }

  @Test
  void refusesADesignWithoutRoomForAnInterval() {
    assertThrows(IllegalArgumentException.class, () -> new SequentialDesign(1, 5));
    assertThrows(IllegalArgumentException.class, () -> new SequentialDesign(4, 3));
    assertThrows(IllegalArgumentException.class, () -> new SequentialDesign(3, 101));
  }

  /**
   * With no true gain, a seed added after every undecided look: the sequential design says
   * "holds" at most 2.5% of the time (its one-sided share of 5%), within three standard errors
   * of 4,000 settings, while the same looks with the fixed 95% interval say it far more often
   * (about 8%); with a true gain of 3 points it holds in most settings, with fewer seeds than
   * the maximum.
   */
  @Test
  void optionalStoppingKeepsWrongHoldsAtTheNominalLevel() {
    SequentialDesign d = new SequentialDesign(3, 10);
    int n = 4_000;
    var none = SequentialSimulation.run("sequential", SequentialSimulation.sequential(d), 3, 10,
        0, SD, n, SEED);
    double bound = 0.025 + 3 * none.standardError(0.025);
    assertTrue(none.holds() <= bound, none.line());
    assertTrue(none.contradicted() <= bound, none.line());
    var peeking = SequentialSimulation.run("naive", SequentialSimulation.naive(), 3, 10, 0, SD, n,
        SEED);
    assertTrue(peeking.holds() > bound, peeking.line());
    var three = SequentialSimulation.run("sequential", SequentialSimulation.sequential(d), 3, 10,
        3, SD, n, SEED);
    assertTrue(three.holds() > 0.7, three.line());
    assertTrue(three.meanSeeds() < 8.5, three.line());
  }

  /**
   * The figures of docs/report.md and the README: 20,000 settings per row, true gain 0 and 3
   * points, spread 2.5 and 6 points per seed, for the sequential design (3 to 10 seeds), naive
   * peeking and the fixed designs of 6 and 10 seeds.
   */
  @Test
  @Tag("slow")
  void figures() {
    int n = 20_000;
    SequentialDesign d = new SequentialDesign(3, 10);
    System.out.printf("per-look level %.5f (95%% over looks at 3-10 seeds)%n",
        d.nominalLevel(0.95));
    System.out.println(SequentialSimulation.HEADER);
    for (double sd : new double[] {SD, 6}) {
      for (double gain : new double[] {0, 3}) {
        var seq = SequentialSimulation.run("sequential 3-10", SequentialSimulation.sequential(d),
            3, 10, gain, sd, n, SEED);
        System.out.println(seq.line());
        System.out.println(SequentialSimulation.run("naive peeking 3-10",
            SequentialSimulation.naive(), 3, 10, gain, sd, n, SEED).line());
        System.out.println(SequentialSimulation.run("fixed 6", SequentialSimulation.naive(), 6, 6,
            gain, sd, n, SEED).line());
        System.out.println(SequentialSimulation.run("fixed 10", SequentialSimulation.naive(), 10,
            10, gain, sd, n, SEED).line());
        if (gain == 0) {
          assertTrue(seq.holds() <= 0.025 + 3 * seq.standardError(0.025), seq.line());
        }
      }
    }
  }

  private static Run run(int depth, double ep, double i, long seed, double accuracy) {
    Map<String, Object> values = new HashMap<>();
    for (String c : SweepData.SETTING_COLUMNS) {
      values.put(c, null);
    }
    values.put("conv_depth", depth);
    values.put("precision", 64);
    values.put("error_probability", ep);
    values.put("interpolation", i);
    return new Run("d" + depth + "-ep" + ep + "-i" + i + "-s" + seed, values, seed, "OK",
        accuracy, 0, 10, null);
  }

  /**
   * Four settings of three seeds: a clear gain (decided: holds), a noisy one (undecided), a
   * negligible one (decided: within +-1 point) and a noise-free one with equal ends (decided:
   * equivalent).
   */
  @Test
  void decidesSettingsAsTheReportWould() {
    List<Run> runs = new ArrayList<>();
    double[][] gains = {{10, 11, 10.5}, {1, 9, -4}, {0.1, 0.2, 0.15}, {0.05, -0.05, 0}};
    for (int k = 0; k < gains.length; k++) {
      for (int s = 0; s < 3; s++) {
        double ep = k == 3 ? 0 : 0.5;
        runs.add(run(k, ep, 0, s + 1, 50));
        runs.add(run(k, ep, 1, s + 1, 50 + gains[k][s]));
      }
    }
    List<SeedDecisions.Setting> settings = SeedDecisions.of(SweepData.of("t", runs),
        new SequentialDesign(3, 10));
    assertEquals(4, settings.size());
    assertEquals(Finding.HOLDS, settings.get(0).verdict());
    assertTrue(settings.get(0).decided());
    assertEquals(Finding.NOT_SHOWN, settings.get(1).verdict());
    assertFalse(settings.get(1).decided());
    assertEquals(Finding.NOT_SHOWN, settings.get(2).verdict()); // three seeds: wide
    assertTrue(settings.get(2).decided()); // but within +-1 point: negligible
    assertEquals(Finding.HOLDS, settings.get(3).verdict()); // equivalent within +-1
    assertTrue(settings.get(3).decided());
    assertEquals(6, settings.get(1).taskIds().size());
    assertEquals(List.of(1L, 2L, 3L), new ArrayList<>(settings.get(1).seeds()));
    assertEquals(3, settings.get(1).pairedSeeds());
  }

  /**
   * F3 pools the seeds of every depth; with seeds added sequentially its slope takes the design's
   * per-look level: the same estimate, a wider interval, and the method says so.
   */
  @Test
  void poolingFindingsTakeThePerLookLevel() {
    List<Run> runs = new ArrayList<>();
    double[][] gains = {{2, 4, 3}, {5, 8, 6}, {9, 11, 12}};
    for (int d = 0; d < gains.length; d++) {
      for (int s = 0; s < 3; s++) {
        runs.add(run(2 * d, 0.5, 0, s + 1, 50));
        runs.add(run(2 * d, 0.5, 1, s + 1, 50 + gains[d][s]));
      }
    }
    runs.replaceAll(r -> {
      Map<String, Object> values = new HashMap<>(r.values());
      values.put("model", "convnet");
      return new Run(r.taskId(), values, r.seed(), r.status(), r.accuracy(), r.gsd(),
          r.classes(), r.accuracySpread());
    });
    SweepData data = SweepData.of("t", runs);
    Finding fixed = f3(TrainingFindings.of(data));
    Finding sequential = f3(TrainingFindings.of(data, new SequentialDesign(3, 10)));
    assertEquals(fixed.estimate().value(), sequential.estimate().value(), 1e-12);
    assertTrue(sequential.estimate().low() < fixed.estimate().low());
    assertTrue(sequential.estimate().high() > fixed.estimate().high());
    assertTrue(sequential.estimate().method().endsWith("at the group-sequential per-look "
        + "level 98.85%"), sequential.estimate().method());
  }

  private static Finding f3(List<Finding> findings) {
    return findings.stream().filter(f -> f.finding().equals("F3")).findFirst().orElseThrow();
  }

  /** A gain whose interval straddles zero inside +-1 point is negligible: decided, not shown. */
  @Test
  void aNegligibleGainIsDecided() {
    SequentialDesign d = new SequentialDesign(3, 10);
    Estimate e = d.mean(new double[] {0.1, -0.1, 0.05, -0.05, 0}, 0.95);
    assertEquals(Finding.NOT_SHOWN, Finding.above(e, 0, 5));
    assertTrue(SeedDecisions.decided(Finding.NOT_SHOWN, e));
    assertFalse(SeedDecisions.decided(Finding.SUGGESTED, e));
  }
}
