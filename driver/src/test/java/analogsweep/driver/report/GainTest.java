package analogsweep.driver.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.driver.report.SweepData.Run;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The paired gain of one setting, against values worked out by hand. */
class GainTest {
  private static final double EXACT = 1e-12;

  static Run run(double i, long seed, double accuracy, Integer precision, double ep,
      int classes) {
    Map<String, Object> values = new HashMap<>();
    values.put("interpolation", i);
    values.put("precision", precision);
    values.put("error_probability", ep);
    return new Run("t" + i + "-" + seed, values, seed, "OK", accuracy, 0, classes, null);
  }

  /** Noise on the weights alone makes a noisy setting; without a chain on them it does not. */
  @Test
  void noiseOnTheWeightsAloneIsNoise() {
    Run activations = run(0, 1, 60, 16, 0.1, 10);
    Run quiet = run(0, 1, 60, 16, 0, 10);
    Run weights = run(0, 1, 60, 16, 0, 10);
    weights.values().put("weight_error_probability", 0.2);
    Run coarse = run(0, 1, 60, null, 0, 10);
    coarse.values().put("weight_precision", 4);
    Run off = run(0, 1, 60, 16, 0, 10);
    off.values().put("weight_error_probability", 0.2);
    off.values().put("analog_weights", false);
    assertTrue(activations.noisy());
    assertFalse(quiet.noisy());
    assertTrue(weights.noisy());
    assertFalse(coarse.noisy());
    coarse.values().put("weight_error_probability", 0.3);
    assertTrue(coarse.noisy());
    assertFalse(off.noisy());
  }

  @Test
  void pairsTheEndsBySeedAndLeavesOutUnpairedSeeds() {
    List<Run> runs = new ArrayList<>(List.of(
        run(0, 1, 60, 16, 0.1, 10), run(1, 1, 70, 16, 0.1, 10),
        run(0, 2, 50, 16, 0.1, 10), run(1, 2, 56, 16, 0.1, 10),
        run(0.5, 2, 99, 16, 0.1, 10), // the middle of i takes no part in the gain
        run(0, 3, 40, 16, 0.1, 10))); // seed 3 has no smooth end
    Gain g = Gain.of(List.of("k"), runs, Run::accuracy);
    assertEquals(0, g.lowI(), EXACT);
    assertEquals(1, g.highI(), EXACT);
    assertArrayEquals(new double[] {10, 6}, g.gains(), EXACT);
    assertEquals(55, g.lowEnd(), EXACT);
    assertEquals(63, g.highEnd(), EXACT);
    assertEquals(10, g.chance(), EXACT);
    assertTrue(g.noisy());
    assertFalse(g.atChance());
  }

  @Test
  void severalRunsOfASeedAtAnEndAverage() {
    Gain g = Gain.of(List.of(), List.of(run(0, 1, 20, 16, 0.1, 10), run(0, 1, 30, 16, 0.1, 10),
        run(1, 1, 40, 16, 0.1, 10)), Run::accuracy);
    assertArrayEquals(new double[] {15}, g.gains(), EXACT);
  }

  /** Either end at chance (was: both; a dead end says nothing about smoothness). */
  @Test
  void atChanceWhenEitherEndIsWithinTheBand() {
    double band = TrainingFindings.CHANCE_BAND_POINTS;
    Gain inside = Gain.of(List.of(), List.of(run(0, 1, 10 + band, 16, 0.1, 10),
        run(1, 1, 10, 16, 0.1, 10)), Run::accuracy);
    assertTrue(inside.atChance());
    Gain oneEndOut = Gain.of(List.of(), List.of(run(0, 1, 10, 16, 0.1, 10),
        run(1, 1, 10 + band + 0.01, 16, 0.1, 10)), Run::accuracy);
    assertTrue(oneEndOut.atChance());
    assertTrue(oneEndOut.reluEndAtChance());
    assertFalse(oneEndOut.smoothEndAtChance());
    assertEquals("ReLU end at chance (chance 10.0%)", oneEndOut.chanceNote());
    Gain bothOut = Gain.of(List.of(), List.of(run(0, 1, 10 + band + 0.01, 16, 0.1, 10),
        run(1, 1, 40, 16, 0.1, 10)), Run::accuracy);
    assertFalse(bothOut.atChance());
    assertEquals("", bothOut.chanceNote());
  }

  @Test
  void noNoiseWithoutPrecisionOrWithZeroErrorProbability() {
    assertFalse(Gain.of(List.of(), List.of(run(0, 1, 50, null, 0.1, 10),
        run(1, 1, 60, null, 0.1, 10)), Run::accuracy).noisy());
    assertFalse(Gain.of(List.of(), List.of(run(0, 1, 50, 16, 0, 10),
        run(1, 1, 60, 16, 0, 10)), Run::accuracy).noisy());
  }

  @Test
  void noGainWithOneValueOfIOrNoPairedSeed() {
    assertNull(Gain.of(List.of(), List.of(run(0, 1, 50, 16, 0.1, 10)), Run::accuracy));
    assertNull(Gain.of(List.of(), List.of(run(0, 1, 50, 16, 0.1, 10),
        run(1, 2, 60, 16, 0.1, 10)), Run::accuracy));
  }

  @Test
  void allGroupsBySettingInKeyOrder() {
    List<Run> runs = new ArrayList<>();
    for (int p : new int[] {16, 4}) {
      runs.add(run(0, 1, 50, p, 0.1, 10));
      runs.add(run(1, 1, 50 + p, p, 0.1, 10));
    }
    List<Gain> gains = Gain.all(runs, List.of("precision"));
    assertEquals(2, gains.size());
    assertEquals(List.of(4), gains.get(0).key());
    assertArrayEquals(new double[] {4}, gains.get(0).gains(), EXACT);
    assertArrayEquals(new double[] {16}, gains.get(1).gains(), EXACT);
  }
}
