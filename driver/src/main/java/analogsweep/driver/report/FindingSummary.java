package analogsweep.driver.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * The summary row of one statistic over its settings: how many hold and how many are
 * contradicted among those not at chance, with the binomial chance of at least as many
 * intervals above zero if there were no effect anywhere (2.5% per interval and side), and the
 * evidence: settings tested and seeds per setting. Below {@value Finding#MIN_SETTINGS} settings
 * or {@value Finding#MIN_SEEDS} seeds per setting, "holds" reads "suggested" and "contradicted"
 * reads "suggested against" ({@link Finding#weighed}).
 */
final class FindingSummary {
  private FindingSummary() {}

  /** The summary of two or more rows of one statistic; null for fewer. */
  static Finding of(List<Finding> rows, String what) {
    if (rows.size() < 2) {
      return null;
    }
    Finding first = rows.get(0);
    int holds = 0;
    int contradicted = 0;
    int atChance = 0;
    int fewest = Integer.MAX_VALUE;
    int most = 0;
    List<Double> estimates = new ArrayList<>();
    for (Finding f : rows) {
      if (Finding.forClaim(f.verdict())) {
        holds++;
      } else if (Finding.againstClaim(f.verdict())) {
        contradicted++;
      } else if (f.verdict().equals(Finding.AT_CHANCE)) {
        atChance++;
      }
      if (!f.verdict().equals(Finding.AT_CHANCE)) {
        if (!Double.isNaN(f.estimate().value())) {
          estimates.add(f.estimate().value());
        }
        fewest = Math.min(fewest, Finding.fewestSeeds(f.seeds()));
        most = Math.max(most, seedsMost(f.seeds()));
      }
    }
    int tested = rows.size() - atChance;
    String seeds = tested == 0 ? "" : Finding.seeds(fewest, most);
    boolean enough = tested >= Finding.MIN_SETTINGS && fewest >= Finding.MIN_SEEDS;
    boolean equivalence = first.statistic().startsWith("ends equivalent");
    String verdict;
    String note = String.format(Locale.ROOT, "%d of %d %s %s (%s seeds each), %d contradicted, "
        + "%d at chance (left out)", holds, tested, what, equivalence ? "equivalent"
        : "exclude zero above", tested == 0 ? "no" : seeds, contradicted, atChance);
    if (equivalence) {
      verdict = tested > 0 && holds == tested ? Finding.HOLDS
          : contradicted > 0 ? Finding.CONTRADICTED
              : tested == 0 ? Finding.AT_CHANCE : Finding.NOT_SHOWN;
    } else {
      double pAbove = tested == 0 ? 1 : upperTail(tested, holds);
      double pBelow = tested == 0 ? 1 : upperTail(tested, contradicted);
      if (holds > 0) {
        note += String.format(Locale.ROOT, "; by luck alone P(>= %d above) %s", holds,
            pAbove < 0.0001 ? "< 0.0001" : "= " + Table.number(pAbove, 2));
      }
      verdict = holds > 0 && contradicted == 0 && pAbove < 0.05 ? Finding.HOLDS
          : contradicted > 0 && holds == 0 && pBelow < 0.05 ? Finding.CONTRADICTED
              : tested == 0 ? Finding.AT_CHANCE : Finding.NOT_SHOWN;
    }
    String weighed = Finding.weighed(verdict, enough);
    if (!weighed.equals(verdict)) {
      note += String.format(Locale.ROOT, "; %s, not %s: fewer than %d settings with %d seeds "
          + "each", weighed, verdict, Finding.MIN_SETTINGS, Finding.MIN_SEEDS);
    }
    double mean = estimates.isEmpty() ? Double.NaN
        : estimates.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    return new Finding(first.finding(), first.view(), "summary over " + what,
        first.statistic() + " (mean over settings)", first.unit(),
        Estimate.none(mean, tested, "summary of settings"), weighed, note, tested, seeds);
  }

  private static int seedsMost(String seeds) {
    if (seeds == null || seeds.isEmpty()) {
      return 0;
    }
    int dash = seeds.indexOf('-');
    return Integer.parseInt(dash < 0 ? seeds : seeds.substring(dash + 1));
  }

  /** P(X >= k) for X ~ Binomial(n, 0.025). */
  static double upperTail(int n, int k) {
    return k == 0 ? 1 : 1 - new BinomialDistribution(null, n, 0.025).cumulativeProbability(k - 1);
  }
}
