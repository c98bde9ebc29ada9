package analogsweep.driver.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary row over settings and its binomial tail, against closed forms. */
class FindingSummaryTest {
  private static final double TIGHT = 1e-12;

  private static Finding row(double value, String verdict) {
    return new Finding("F2", Finding.MEAN_VIEW, "p=16", "gain from ReLU end to smooth end",
        TrainingFindings.POINTS, Estimate.none(value, 5, "test"), verdict, "");
  }

  @Test
  void upperTailMatchesTheBinomialClosedForm() {
    double q = 0.975;
    assertEquals(1, FindingSummary.upperTail(5, 0), TIGHT);
    // P(X >= 1) = 1 - q^n
    assertEquals(1 - Math.pow(q, 10), FindingSummary.upperTail(10, 1), TIGHT);
    // P(X >= 2) for n = 3: 3 p^2 q + p^3
    assertEquals(3 * 0.025 * 0.025 * q + Math.pow(0.025, 3), FindingSummary.upperTail(3, 2),
        TIGHT);
    // P(X >= n) = p^n
    assertEquals(Math.pow(0.025, 4), FindingSummary.upperTail(4, 4), TIGHT);
  }

  @Test
  void oneRowHasNoSummary() {
    assertNull(FindingSummary.of(List.of(row(1, Finding.HOLDS)), "noisy settings"));
  }

  @Test
  void threeOfThreeAboveZeroHold() {
    Finding s = FindingSummary.of(List.of(row(1, Finding.HOLDS), row(2, Finding.HOLDS),
        row(6, Finding.HOLDS)), "noisy settings");
    assertEquals("summary over noisy settings", s.setting());
    assertEquals("gain from ReLU end to smooth end (mean over settings)", s.statistic());
    assertEquals(Finding.HOLDS, s.verdict());
    assertEquals(3, s.estimate().value(), TIGHT);
    assertTrue(s.note().startsWith("3 of 3 noisy settings exclude zero above (5 seeds each), 0 "
        + "contradicted, 0 at chance (left out); by luck alone P(>= 3 above) < 0.0001"),
        s.note());
    assertEquals(3, s.settings());
    assertEquals("5", s.seeds());
  }

  @Test
  void oneOfManyAboveZeroIsNotShownAndChanceRowsAreLeftOut() {
    List<Finding> rows = new ArrayList<>();
    rows.add(row(4, Finding.HOLDS));
    for (int k = 0; k < 9; k++) {
      rows.add(row(0, Finding.NOT_SHOWN));
    }
    rows.add(row(100, Finding.AT_CHANCE));
    Finding s = FindingSummary.of(rows, "noisy settings");
    // P(>= 1 of 10 above by luck) = 1 - 0.975^10 = 0.22 is no evidence
    assertEquals(Finding.NOT_SHOWN, s.verdict());
    assertEquals(0.4, s.estimate().value(), TIGHT);
    assertTrue(s.note().startsWith("1 of 10 noisy settings exclude zero above (5 seeds each), 0 "
        + "contradicted, 1 at chance"), s.note());
  }

  @Test
  void equivalenceHoldsOnlyWhereEverySettingIsEquivalent() {
    Finding a = new Finding("F2", Finding.MEAN_VIEW, "p=none", "ends equivalent without noise",
        TrainingFindings.POINTS, Estimate.none(0.1, 3, "test"), Finding.HOLDS, "");
    Finding b = new Finding("F2", Finding.MEAN_VIEW, "p=none", "ends equivalent without noise",
        TrainingFindings.POINTS, Estimate.none(0.3, 3, "test"), Finding.NOT_SHOWN, "");
    assertEquals(Finding.HOLDS, FindingSummary.of(List.of(a, a, a), "noise-free settings")
        .verdict());
    assertEquals(Finding.NOT_SHOWN, FindingSummary.of(List.of(a, a, b), "noise-free settings")
        .verdict());
  }

  /**
   * "holds" on 1 of 2 settings with 2 seeds (P(>= 1 of 2 by luck) = 0.049) is below the
   * minimum of 3 settings with 3 seeds: it reads "suggested", and the note says why.
   */
  @Test
  void fewSettingsOrSeedsOnlySuggest() {
    Finding two = new Finding("F2", Finding.MEAN_VIEW, "p=16", "gain from ReLU end to smooth end",
        TrainingFindings.POINTS, Estimate.none(4, 2, "test"), Finding.SUGGESTED, "");
    Finding none = new Finding("F2", Finding.MEAN_VIEW, "p=64", "gain from ReLU end to smooth end",
        TrainingFindings.POINTS, Estimate.none(1, 2, "test"), Finding.NOT_SHOWN, "");
    Finding s = FindingSummary.of(List.of(two, none), "noisy settings");
    assertEquals(Finding.SUGGESTED, s.verdict());
    assertEquals("2", s.seeds());
    assertEquals(2, s.settings());
    assertTrue(s.note().startsWith("1 of 2 noisy settings exclude zero above (2 seeds each)"),
        s.note());
    assertTrue(s.note().endsWith("; suggested, not holds: fewer than 3 settings with 3 seeds "
        + "each"), s.note());
    // three settings with 5 seeds each but equivalent on two only: the equivalence fails
    Finding a = new Finding("F2", Finding.MEAN_VIEW, "p=none", "ends equivalent without noise",
        TrainingFindings.POINTS, Estimate.none(0.1, 2, "test"), Finding.SUGGESTED, "");
    assertEquals(Finding.SUGGESTED, FindingSummary.of(List.of(a, a, a), "noise-free settings")
        .verdict());
    assertEquals(Finding.SUGGESTED, Finding.above(new Estimate(2, 1, 3, 2, "t"), 0, 2));
    assertEquals(Finding.HOLDS, Finding.above(new Estimate(2, 1, 3, 3, "t"), 0, 3));
    assertEquals(Finding.SUGGESTED_AGAINST, Finding.above(new Estimate(-2, -3, -1, 2, "t"), 0,
        2));
  }
}
