package analogsweep.driver.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings section of a training report in Markdown: one line per claim with its verdicts
 * (the summary rows where there are any), how the intervals and verdicts are made, and the table
 * of {@code findings.csv}.
 */
final class FindingsSection {
  /** The claims F2 to F4 in one sentence each. */
  private static final Map<String, String> CLAIMS = Map.of(
      "F2", "under noise, accuracy rises with i; without noise the ends are close",
      "F3", "the gain grows with depth (more noisy layers)",
      "F4", "the ViT gains less than the ConvNet (only its input is noisy)");

  /** How the rows of findings.csv are made. */
  private static final String METHOD = "\nOne row per claim and setting in "
      + "[findings.csv](findings.csv): the estimate with its 95% interval (a percentile "
      + "bootstrap of " + Intervals.RESAMPLES + " resamples, seed " + Intervals.SEED + ", from "
      + Intervals.MIN_BOOTSTRAP_N + " seeds on; Student's t below that, since the bootstrap "
      + "cannot reach beyond the observed values and with 2 seeds would give their range; no "
      + "interval from one seed), the settings and the seeds per setting behind it. Gains pair "
      + "the lowest and the highest i by seed; a slope over i is given where at least "
      + TrainingFindings.MIN_SLOPE_VALUES + " values of i were swept (with fewer it repeats "
      + "the gain). Verdicts: holds (interval on the claim's side of 0, from at least "
      + Finding.MIN_SEEDS + " seeds; for a summary, on at least " + Finding.MIN_SETTINGS
      + " settings), suggested (the same on fewer seeds or settings), not shown (interval "
      + "spans 0, or none), suggested against and contradicted (the same on the other side), "
      + "at chance (either end within " + Labels.value(TrainingFindings.CHANCE_BAND_POINTS)
      + " points of chance = 100/classes, classes from the dataset: a network that does not "
      + "train at one end says nothing about smoothness; left out of slopes and summaries). "
      + "Summaries over settings hold where no interval lies on the other side and the count "
      + "on the claim's side is unlikely by luck (binomial, 2.5% per interval, P < 0.05). "
      + "Without noise, ends count as equivalent when the 90% interval of the gain lies within "
      + "±" + Labels.value(TrainingFindings.EQUIVALENCE_MARGIN_POINTS) + " point (two "
      + "one-sided tests at 5%). Where the ReLU end's derivative at 0 (R'(0), "
      + "relu_derivative_at_zero) or the classifier's activation (classifier act, "
      + "classifier_activation) varies, F2 is decided under each value, and a row \"... under "
      + "each value\" says whether it holds under all of them (contradicted where it fails "
      + "under one, at chance where one is at chance). The envelope view is the authors': per "
      + "seed, the maximum over the swept axes other than model, depth, family, i, EP and the "
      + "training conventions. Units: accuracy in percent, gains in percentage points, both "
      + "with one decimal; p-values with two significant digits. Earlier reports said "
      + "\"holds\" where this one may say \"suggested\", and gave slope rows for 3 values of "
      + "i.\n\n";

  private FindingsSection() {}

  static String markdown(List<Finding> findings, Table table) {
    StringBuilder md = new StringBuilder("## Findings\n\n");
    Map<String, List<Finding>> byClaim = new LinkedHashMap<>();
    for (Finding f : findings) {
      byClaim.computeIfAbsent(f.finding(), k -> new ArrayList<>()).add(f);
    }
    if (byClaim.isEmpty()) {
      md.append("No finding can be computed: the sweep does not vary the interpolation factor "
          + "(F2-F4 compare its ends).\n\n");
    }
    for (Map.Entry<String, List<Finding>> c : byClaim.entrySet()) {
      md.append("- **").append(c.getKey()).append("** (").append(CLAIMS.get(c.getKey()))
          .append("): ").append(String.join("; ", verdicts(c.getValue()))).append(".\n");
    }
    md.append(METHOD);
    md.append(table.rows().size() <= 80 ? table.markdown()
        : "(" + table.rows().size() + " rows: see findings.csv or report.html)\n");
    md.append('\n');
    return md.toString();
  }

  /** The summary rows' verdicts; where there is none, every setting's. */
  private static List<String> verdicts(List<Finding> claim) {
    List<String> parts = new ArrayList<>();
    for (Finding f : claim) {
      if (f.summary()) {
        parts.add(f.statistic().replace(" (mean over settings)", "") + ", " + f.view()
            + (f.setting().startsWith("summary over") ? "" : ", " + f.setting()) + ": **"
            + f.verdict() + "** (" + f.note() + ")");
      }
    }
    if (parts.isEmpty()) {
      for (Finding f : claim) {
        parts.add(f.statistic() + " at " + f.setting() + ", " + f.view() + ": **" + f.verdict()
            + "** (" + Reports.estimate(f) + ")");
      }
    }
    return parts;
  }
}
