package analogsweep.driver.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Synthetic settings decided as {@code run --until-decided} decides them: per-seed paired gains
 * drawn from a normal law with a true gain and a spread, one seed added per round from
 * {@code firstSeeds} while the setting is undecided ({@link SeedDecisions#decided}), up to
 * {@code maxSeeds}. Counts how often the verdict is "holds" (wrong where the true gain is 0), how
 * often "contradicted", and the seeds spent. The interval of each look is a parameter, so that
 * the sequential design can be set against naive peeking (a fixed-n 95% t interval after every
 * seed) and against a fixed design (first = max).
 */
final class SequentialSimulation {
  /** What many sequences gave: rates of each verdict and the mean seeds per setting. */
  record Outcome(String rule, double trueGain, double sd, int sequences, double holds,
      double contradicted, double meanSeeds) {
    /** The standard error of a rate near {@code p} over this many sequences. */
    double standardError(double p) {
      return Math.sqrt(p * (1 - p) / sequences);
    }

    String line() {
      return String.format(Locale.ROOT, "| %s | %+.1f | %.1f | %d | %.4f | %.4f | %.2f |", rule,
          trueGain, sd, sequences, holds, contradicted, meanSeeds);
    }
  }

  static final String HEADER = "| rule | true gain (pts) | sd per seed (pts) | sequences | "
      + "holds | contradicted | mean seeds |\n| --- | --- | --- | --- | --- | --- | --- |";

  private SequentialSimulation() {}

  /** The sequential design's interval at every look. */
  static Function<double[], Estimate> sequential(SequentialDesign design) {
    return v -> design.mean(v, TrainingFindings.LEVEL);
  }

  /** A fixed-n 95% t interval at every look: what looking without adjusting would do. */
  static Function<double[], Estimate> naive() {
    return v -> Intervals.tMean(v, TrainingFindings.LEVEL, "t");
  }

  /** Runs {@code sequences} settings from the fixed {@code seed}. */
  static Outcome run(String rule, Function<double[], Estimate> interval, int firstSeeds,
      int maxSeeds, double trueGain, double sd, int sequences, long seed) {
    RandomGenerator random = new Well19937c(seed);
    double[] gains = new double[maxSeeds];
    int holds = 0;
    int contradicted = 0;
    long seeds = 0;
    for (int s = 0; s < sequences; s++) {
      for (int k = 0; k < maxSeeds; k++) {
        gains[k] = trueGain + sd * random.nextGaussian();
      }
      String verdict = Finding.NOT_SHOWN;
      int n = firstSeeds;
      for (; ; n++) {
        Estimate e = interval.apply(Arrays.copyOf(gains, n));
        verdict = Finding.above(e, 0, n);
        if (SeedDecisions.decided(verdict, e) || n == maxSeeds) {
          break;
        }
      }
      holds += verdict.equals(Finding.HOLDS) ? 1 : 0;
      contradicted += verdict.equals(Finding.CONTRADICTED) ? 1 : 0;
      seeds += n;
    }
    return new Outcome(rule, trueGain, sd, sequences, (double) holds / sequences,
        (double) contradicted / sequences, (double) seeds / sequences);
  }
}
