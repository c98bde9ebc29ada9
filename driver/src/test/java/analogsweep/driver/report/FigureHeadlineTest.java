package analogsweep.driver.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A figure's headline states the finding it shows: estimate, interval, verdict, evidence. */
class FigureHeadlineTest {
  private static final String GAIN = "gain from ReLU end to smooth end";
  private static final String LEAD = "Under noise, smooth end minus ReLU end:";

  private static Finding row(String setting, double value, double low, double high,
      String verdict) {
    return new Finding("F2", Finding.MEAN_VIEW, setting, GAIN, TrainingFindings.POINTS,
        new Estimate(value, low, high, 3, "t"), verdict, "");
  }

  @Test
  void oneSettingGivesItsEstimateIntervalVerdictAndSeeds() {
    assertEquals(LEAD + " +2.8 points [1.1, 4.5] (holds, 1 setting, 3 seeds). ",
        TrainingFigures.headline(List.of(row("p=16 EP=0.5", 2.84, 1.12, 4.49, "holds")), "F2",
            Finding.MEAN_VIEW, GAIN, LEAD, " points"));
  }

  @Test
  void manySettingsGiveTheMeanAndHowManyLieOnEachSide() {
    List<Finding> rows = new ArrayList<>();
    rows.add(row("EP=0.2", 2, 1, 3, Finding.HOLDS));
    rows.add(row("EP=0.4", 3, 1, 5, Finding.HOLDS));
    rows.add(row("EP=0.6", 1, -1, 3, Finding.NOT_SHOWN));
    rows.add(row("EP=0.8", 0.5, 0.1, 0.9, Finding.AT_CHANCE));
    rows.add(FindingSummary.of(rows, "noisy settings"));
    assertEquals(LEAD + " +2.0 points on average (holds: 2 of 3 settings on the claim's "
        + "side, 0 against, 1 at chance; 3 seeds each). ", TrainingFigures.headline(rows, "F2",
            Finding.MEAN_VIEW, GAIN, LEAD, " points"));
    assertEquals("", TrainingFigures.headline(rows, "F3", Finding.MEAN_VIEW, GAIN, LEAD, ""));
  }

  /** Every setting with an end at chance: the headline says so instead of a mean of nothing. */
  @Test
  void allSettingsAtChanceStateNoGain() {
    List<Finding> rows = new ArrayList<>();
    for (String setting : List.of("R'(0)=a", "R'(0)=1", "R'(0)=a on", "R'(0)=1 on")) {
      rows.add(row(setting, 0.3, -1, 2, Finding.AT_CHANCE));
    }
    rows.add(FindingSummary.of(rows, "noisy settings"));
    assertEquals(LEAD + " no gain to state: in all 4 settings an end sits at chance. ",
        TrainingFigures.headline(rows, "F2", Finding.MEAN_VIEW, GAIN, LEAD, " points"));
  }
}
