package analogsweep.driver.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of {@code findings.csv}: a claim of the paper (F1 to F4), the view it was computed in
 * (mean over seeds, or the authors' envelope), the setting, the statistic and its unit, the
 * estimate with its interval, the number of units behind it, how the interval was made, the
 * verdict and a note. Verdicts: {@value #HOLDS} (the interval lies on the claim's side),
 * {@value #NOT_SHOWN} (it spans the threshold, or there is no interval), {@value #CONTRADICTED}
 * (it lies on the other side), {@value #AT_CHANCE} (both ends within
 * {@value TrainingFindings#CHANCE_BAND_POINTS} points of chance: no gain can be read there).
 */
record Finding(String finding, String view, String setting, String statistic, String unit,
    Estimate estimate, String verdict, String note) {
  static final String HOLDS = "holds";
  static final String NOT_SHOWN = "not shown";
  static final String CONTRADICTED = "contradicted";
  static final String AT_CHANCE = "at chance";
  static final String MEAN_VIEW = "mean over seeds";
  static final String ENVELOPE_VIEW = "envelope";

  static final List<String> COLUMNS = List.of("finding", "view", "setting", "statistic", "unit",
      "estimate", "ci_low", "ci_high", "n", "method", "verdict", "note");

  /** The verdict on "the value is above {@code threshold}" from an interval. */
  static String above(Estimate e, double threshold) {
    return e.above(threshold) ? HOLDS : e.below(threshold) ? CONTRADICTED : NOT_SHOWN;
  }

  /** The row's cells in {@link #COLUMNS} order; numbers rounded for reading (Table.number). */
  List<Object> cells() {
    List<Object> row = new ArrayList<>();
    row.add(finding);
    row.add(view);
    row.add(setting);
    row.add(statistic);
    row.add(unit);
    row.add(estimate.value());
    row.add(estimate.low());
    row.add(estimate.high());
    row.add(estimate.n());
    row.add(estimate.method());
    row.add(verdict);
    row.add(note);
    return row;
  }

  static Table table(List<Finding> findings) {
    List<List<Object>> rows = new ArrayList<>();
    for (Finding f : findings) {
      rows.add(f.cells());
    }
    return new Table(COLUMNS, rows);
  }
}
