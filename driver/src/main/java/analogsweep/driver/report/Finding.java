package analogsweep.driver.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of {@code findings.csv}: a claim of the paper (F1 to F4), the view it was computed in
 * (mean over seeds, or the authors' envelope), the setting, the statistic and its unit, the
 * estimate with its interval, the number of units behind it, how the interval was made, the
 * verdict, a note, and the evidence behind the verdict: how many settings and how many seeds per
 * setting. Verdicts: {@value #HOLDS} (the interval lies on the claim's side), {@value #SUGGESTED}
 * (it does, but on fewer than {@value #MIN_SEEDS} seeds, or for a summary on fewer than
 * {@value #MIN_SETTINGS} settings), {@value #NOT_SHOWN} (it spans the threshold, or there is no
 * interval), {@value #SUGGESTED_AGAINST} and {@value #CONTRADICTED} (the same on the other side),
 * {@value #AT_CHANCE} (an end within {@value TrainingFindings#CHANCE_BAND_POINTS} points of
 * chance: no gain can be read there).
 *
 * <p>Numbers are written in one format: percent and percentage points with one decimal, ratios
 * with three significant digits ({@link #round}); p-values in notes with two.
 */
record Finding(String finding, String view, String setting, String statistic, String unit,
    Estimate estimate, String verdict, String note, int settings, String seeds) {
  static final String HOLDS = "holds";
  static final String SUGGESTED = "suggested";
  static final String NOT_SHOWN = "not shown";
  static final String SUGGESTED_AGAINST = "suggested against";
  static final String CONTRADICTED = "contradicted";
  static final String AT_CHANCE = "at chance";
  static final String MEAN_VIEW = "mean over seeds";
  static final String ENVELOPE_VIEW = "envelope";
  /** Below this many seeds per setting a verdict is at most "suggested". */
  static final int MIN_SEEDS = 3;
  /** Below this many settings (not at chance) a summary is at most "suggested". */
  static final int MIN_SETTINGS = 3;

  static final List<String> COLUMNS = List.of("finding", "view", "setting", "statistic", "unit",
      "estimate", "ci_low", "ci_high", "n", "method", "verdict", "note", "settings", "seeds");

  /** A row of one setting, its seeds the estimate's units. */
  Finding(String finding, String view, String setting, String statistic, String unit,
      Estimate estimate, String verdict, String note) {
    this(finding, view, setting, statistic, unit, estimate, verdict, note, 1,
        String.valueOf(estimate.n()));
  }

  /** The verdict on "the value is above {@code threshold}" from an interval. */
  static String above(Estimate e, double threshold) {
    return e.above(threshold) ? HOLDS : e.below(threshold) ? CONTRADICTED : NOT_SHOWN;
  }

  /** The verdict on "above {@code threshold}" from {@code seeds} seeds ({@link #weighed}). */
  static String above(Estimate e, double threshold, int seeds) {
    return weighed(above(e, threshold), seeds >= MIN_SEEDS);
  }

  /** "holds" and "contradicted" weakened to "suggested" and "suggested against" if not enough. */
  static String weighed(String verdict, boolean enough) {
    if (enough) {
      return verdict;
    }
    return switch (verdict) {
      case HOLDS -> SUGGESTED;
      case CONTRADICTED -> SUGGESTED_AGAINST;
      default -> verdict;
    };
  }

  /** Whether the verdict leans to the claim's side ("holds" or "suggested"). */
  static boolean forClaim(String verdict) {
    return verdict.equals(HOLDS) || verdict.equals(SUGGESTED);
  }

  /** Whether the verdict leans against the claim ("contradicted" or "suggested against"). */
  static boolean againstClaim(String verdict) {
    return verdict.equals(CONTRADICTED) || verdict.equals(SUGGESTED_AGAINST);
  }

  /** "3" or "2-3": the fewest and the most seeds per setting. */
  static String seeds(int fewest, int most) {
    return fewest == most ? String.valueOf(fewest) : fewest + "-" + most;
  }

  /** The fewest seeds per setting of a {@link #seeds} text ("2-3" gives 2); 0 for none. */
  static int fewestSeeds(String seeds) {
    if (seeds == null || seeds.isEmpty()) {
      return 0;
    }
    int dash = seeds.indexOf('-');
    return Integer.parseInt(dash < 0 ? seeds : seeds.substring(0, dash));
  }

  /** Whether this row summarises other rows (over settings, or over conventions). */
  boolean summary() {
    return estimate.method().startsWith("summary of");
  }

  /** A number of this row's unit as written: ratios to 3 significant digits, else 1 decimal. */
  double round(double v) {
    return round(v, unit);
  }

  static double round(double v, String unit) {
    if (!Double.isFinite(v) || v == 0) {
      return v;
    }
    BigDecimal d = new BigDecimal(v);
    d = unit.equals("times") ? d.round(new MathContext(3, RoundingMode.HALF_UP))
        : d.setScale(1, RoundingMode.HALF_UP);
    double r = d.doubleValue();
    return r == 0 ? 0.0 : r; // no "-0"
  }

  /** The row's cells in {@link #COLUMNS} order, numbers in the row's format ({@link #round}). */
  List<Object> cells() {
    List<Object> row = new ArrayList<>();
    row.add(finding);
    row.add(view);
    row.add(setting);
    row.add(statistic);
    row.add(unit);
    row.add(round(estimate.value()));
    row.add(round(estimate.low()));
    row.add(round(estimate.high()));
    row.add(estimate.n());
    row.add(estimate.method());
    row.add(verdict);
    row.add(note);
    row.add(settings);
    row.add(seeds);
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
