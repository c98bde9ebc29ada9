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
      + "interval from one seed). Gains pair the lowest and the highest i by seed. Verdicts: "
      + "holds (interval on the claim's side of 0), not shown (interval spans 0, or none), "
      + "contradicted (interval on the other side), at chance (both ends within "
      + Labels.value(TrainingFindings.CHANCE_BAND_POINTS) + " points of chance = "
      + "100/classes, classes from the dataset; left out of slopes and summaries). Without "
      + "noise, ends count as equivalent when the 90% interval of the gain lies within ±"
      + Labels.value(TrainingFindings.EQUIVALENCE_MARGIN_POINTS) + " point (two one-sided "
      + "tests at 5%). The envelope view is the authors': per seed, the maximum over the swept "
      + "axes other than model, depth, family, i and EP. Units: accuracy in percent, gains in "
      + "percentage points.\n\n";

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
      if (f.setting().startsWith("summary over")) {
        parts.add(f.statistic().replace(" (mean over settings)", "") + ", " + f.view() + ": **"
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
