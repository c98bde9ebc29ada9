package analogsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.grid.GridField;
import analogsweep.sweep.ThresholdSearch.Outcome;
import analogsweep.sweep.ThresholdSearch.Walk;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The threshold search's bisection, replayed round by round over known accuracy curves as the
 * driver replays it over stored results: the bracket holds the true crossing and is at most the
 * resolution wide, in the number of rounds the range and resolution give; the outcomes at the
 * range's edges; and the sweep file's {@code threshold:} section, its first round and its errors.
 */
class ThresholdSearchTest {
  static final ThresholdSearch EP_HALF = new ThresholdSearch(GridField.ERROR_PROBABILITY, 0,
      0.96, 0.05, 0.5, null);

  /** Runs the search to its end as rounds would: each round trains the values asked for. */
  static Walk search(ThresholdSearch s, DoubleUnaryOperator accuracy, int[] rounds,
      Map<Double, Double> trained) {
    for (int round = 1; ; round++) {
      Walk w = s.walk(v -> trained.get(v));
      if (w.outcome() != Outcome.SEARCHING) {
        rounds[0] = round - 1;
        return w;
      }
      for (double v : w.next()) {
        trained.put(v, accuracy.applyAsDouble(v));
      }
    }
  }

  @Test
  void bisectionBracketsTheCrossingWithinTheResolution() {
    // accuracy 0.8 (1 - EP^2) falls to half its EP-0 value at EP = sqrt(1/2) = 0.7071
    Map<Double, Double> trained = new HashMap<>();
    int[] rounds = new int[1];
    Walk w = search(EP_HALF, ep -> 0.8 * (1 - ep * ep), rounds, trained);
    assertEquals(Outcome.BRACKETED, w.outcome());
    assertEquals(0.4, w.target(), 1e-12);
    assertTrue(w.passing() < Math.sqrt(0.5) && Math.sqrt(0.5) <= w.failing(), w.toString());
    assertTrue(w.failing() - w.passing() <= 0.05, w.toString());
    // 0.96 halves 5 times to 0.03: the ends, then one value per round
    assertEquals(6, rounds[0]);
    assertEquals(6, EP_HALF.maxRounds());
    assertEquals(7, trained.size());
    assertEquals(List.of(0.0, 0.96, 0.48, 0.72, 0.6, 0.66, 0.69),
        w.probes().stream().map(ThresholdSearch.Probe::value).toList());
    assertEquals(0.69, w.passing());
    assertEquals(0.72, w.failing());
  }

  @Test
  void everyMonotoneCurveIsBracketedInAtMostMaxRounds() {
    Random r = new Random(7);
    for (int k = 0; k < 2000; k++) {
      double crossing = 0.01 + 0.94 * r.nextDouble();
      double top = 0.3 + 0.6 * r.nextDouble();
      double floor = 0.05 * r.nextDouble();
      // a logistic fall through half of top at the crossing, floored: monotone in EP
      double steep = 5 + 60 * r.nextDouble();
      DoubleUnaryOperator acc = ep -> floor + (top - floor)
          / (1 + Math.exp(steep * (ep - crossing)));
      ThresholdSearch s = new ThresholdSearch(GridField.ERROR_PROBABILITY, 0, 0.96,
          0.01 + 0.1 * r.nextDouble(), 0.5, null);
      int[] rounds = new int[1];
      Map<Double, Double> trained = new HashMap<>();
      Walk w = search(s, acc, rounds, trained);
      assertTrue(rounds[0] <= s.maxRounds(), w.toString());
      if (w.outcome() == Outcome.BRACKETED) {
        double target = w.target();
        assertTrue(acc.applyAsDouble(w.passing()) > target, w.toString());
        assertTrue(acc.applyAsDouble(w.failing()) <= target, w.toString());
        assertTrue(w.failing() - w.passing() <= s.resolution() + 1e-9, w.toString());
      } else {
        assertEquals(Outcome.WHOLE_RANGE, w.outcome(), w.toString());
        assertTrue(acc.applyAsDouble(0.96) > w.target());
      }
    }
  }

  @Test
  void precisionIsBisectedInWholeStepsFromTheCleanEnd() {
    // accuracy 0.9 - 2/p: at or below 0.6 (an absolute target) for p <= 6.67, so p = 7 is the
    // smallest precision that keeps it
    ThresholdSearch s = new ThresholdSearch(GridField.PRECISION, 1, 64, 1, null, 0.6);
    int[] rounds = new int[1];
    Map<Double, Double> trained = new HashMap<>();
    Walk w = search(s, p -> 0.9 - 2 / p, rounds, trained);
    assertEquals(Outcome.BRACKETED, w.outcome());
    assertEquals(7.0, w.passing());
    assertEquals(6.0, w.failing());
    assertEquals(64.0, w.probes().get(0).value(), "the clean end first");
    assertTrue(trained.keySet().stream().allMatch(v -> v == Math.rint(v)), "whole precisions");
    assertTrue(rounds[0] <= s.maxRounds());
    assertEquals(Integer.valueOf(7), s.fieldValue(7.0));
  }

  @Test
  void theRangesEdgesAndMissingResultsEndTheSearch() {
    Walk whole = EP_HALF.walk(ep -> 0.8);
    assertEquals(Outcome.WHOLE_RANGE, whole.outcome());
    assertEquals(0.96, whole.passing());
    assertNull(whole.failing());
    ThresholdSearch absolute = new ThresholdSearch(GridField.ERROR_PROBABILITY, 0, 0.96, 0.05,
        null, 0.9);
    Walk none = absolute.walk(ep -> 0.8 - ep / 2);
    assertEquals(Outcome.NOT_EVEN_CLEAN, none.outcome());
    assertEquals(0.0, none.failing());
    Walk failed = EP_HALF.walk(ep -> ep == 0.48 ? Double.NaN : 0.8 - ep / 2);
    assertEquals(Outcome.NO_RESULT, failed.outcome());
    Walk first = EP_HALF.walk(ep -> null);
    assertEquals(List.of(0.0, 0.96), first.next());
    assertTrue(Double.isNaN(first.target()));
  }

  @Test
  void theSectionPlansBothEndsOfEverySetting() {
    Sweep s = SweepFile.parse("name: t\ndata:\n  path: /d\nanalog:\n  precision: 16\n"
        + "seeds: [1, 2]\ngrid:\n  interpolation: [0, 0.5, 1]\n"
        + "threshold:\n  over: error_probability\n  fraction: 0.5\n", "t.yaml");
    assertEquals(EP_HALF, s.threshold());
    assertEquals(12, s.size(), "3 settings x 2 seeds x 2 ends");
    assertEquals(List.of(0.0, 0.96), s.points().stream()
        .map(p -> p.analog().errorProbability()).distinct().sorted().toList());
    assertEquals("EP where accuracy falls to 50% of the EP 0 accuracy, bisected on [0, 0.96] "
        + "to 0.05", s.threshold().label());
    Sweep p = SweepFile.parse("name: t\ndata:\n  path: /d\nanalog:\n  error_probability: 0.2\n"
        + "threshold:\n  over: precision\n  accuracy: 0.5\n  range: [2, 32]\n", "t.yaml");
    assertEquals(List.of(32, 2), p.points().stream().map(x -> x.analog().precision()).toList());
    assertEquals(6, p.threshold().maxRounds(), "the ends, then 30 halves 5 times to 0.94");
  }

  @Test
  void badSectionsAreOneLineEach() {
    String head = "name: t\ndata:\n  path: /d\nanalog:\n  precision: 16\n";
    assertEquals("s.yaml: threshold.over: the search sets error_probability; leave grid."
        + "error_probability out of the sweep file", SweepFileTest.message(head
        + "grid:\n  error_probability: [0, 0.5]\nthreshold:\n  over: error_probability\n"
        + "  fraction: 0.5\n"));
    assertEquals("s.yaml: threshold.over: expected error_probability or precision, found "
        + "the text \"noise\"", SweepFileTest.message(head + "threshold:\n  over: noise\n"));
    assertEquals("s.yaml: threshold: give the target: fraction (of the clean end's accuracy, "
        + "e.g. 0.5) or accuracy (a test accuracy, e.g. 0.3)", SweepFileTest.message(head
        + "threshold:\n  over: error_probability\n"));
    assertEquals("s.yaml: threshold: give fraction or accuracy, not both", SweepFileTest.message(
        head + "threshold:\n  over: error_probability\n  fraction: 0.5\n  accuracy: 0.5\n"));
    assertEquals("s.yaml: threshold.range: expected error probabilities 0 <= low < high < 1, "
        + "found [0, 1]", SweepFileTest.message(head
        + "threshold:\n  over: error_probability\n  fraction: 0.5\n  range: [0, 1]\n"));
    assertEquals("s.yaml: threshold.resolution: expected a whole number above 0 and below the "
        + "range's width 63, found number 0.5", SweepFileTest.message("name: t\ndata:\n  path: /d\n"
        + "threshold:\n  over: precision\n  fraction: 0.5\n  resolution: 0.5\n"));
    assertEquals("s.yaml: threshold.fraction: expected a number between 0 and 1 (exclusive), "
        + "found number 50", SweepFileTest.message(head
        + "threshold:\n  over: error_probability\n  fraction: 50\n"));
    assertEquals("s.yaml: threshold.over: error_probability needs a precision "
        + "(analog.precision): noise is defined through it", SweepFileTest.message(
        "name: t\ndata:\n  path: /d\nthreshold:\n  over: error_probability\n  fraction: 0.5\n"));
    assertEquals("s.yaml: threshold.step: unknown key, expected one of [over, fraction, "
        + "accuracy, range, resolution]", SweepFileTest.message(head
        + "threshold:\n  over: error_probability\n  step: 0.1\n"));
  }
}
