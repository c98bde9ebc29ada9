package analogsweep.driver.report;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.StatUtils;

/**
 * A group-sequential design for a mean over seeds (a setting's paired gain): the first look at
 * {@code firstSeeds} seeds, then one look per seed added, up to {@code maxSeeds}; seeds are added
 * only while the interval is undecided, so the data choose when to stop. A fixed-n interval
 * looked at after every seed would exclude the truth far more often than its level says (the
 * simulation in docs/report.md: 8% one-sided instead of 2.5% for 3 to 10 seeds). Here every look
 * uses Student's t at one nominal level, a Pocock-type boundary, chosen so that the chance that
 * any of the looks' intervals misses the true mean is at most 1 - level: whatever rule stops, the
 * interval at the stop covers the true mean with at least the stated level. Under normal per-seed
 * values the looks' t statistics have a joint law free of the unknown mean and spread, so the
 * nominal level is found once per (firstSeeds, maxSeeds, level) by Monte Carlo
 * ({@value #SEQUENCES} null sequences, fixed seed, with a margin of two standard errors against
 * their noise) and bisection.
 */
record SequentialDesign(int firstSeeds, int maxSeeds) {
  /** Null sequences of the calibration. */
  static final int SEQUENCES = 100_000;
  /** The calibration's seed: every report computes the same levels. */
  static final long SEED = 20_240_202L;
  /** The most seeds a design may look at (the calibration holds sequences x looks numbers). */
  static final int MAX_SEEDS = 100;

  private static final Map<SequentialDesign, Map<Double, Double>> LEVELS =
      new ConcurrentHashMap<>();

  SequentialDesign {
    if (firstSeeds < 2 || maxSeeds < firstSeeds || maxSeeds > MAX_SEEDS) {
      throw new IllegalArgumentException("a sequential design needs 2 <= first seeds <= max "
          + "seeds <= " + MAX_SEEDS + ", found " + firstSeeds + " and " + maxSeeds);
    }
  }

  /** The number of looks: one per seed count from {@code firstSeeds} to {@code maxSeeds}. */
  int looks() {
    return maxSeeds - firstSeeds + 1;
  }

  /**
   * The two-sided level of each look's t interval at which all looks together keep
   * {@code level} (0.95: about 0.988 for 3 to 10 seeds).
   */
  double nominalLevel(double level) {
    return LEVELS.computeIfAbsent(this, d -> new ConcurrentHashMap<>())
        .computeIfAbsent(level, this::calibrate);
  }

  /** The mean of {@code values} with its t interval at this design's nominal level. */
  Estimate mean(double[] values, double level) {
    int n = values.length;
    double mean = n == 0 ? Double.NaN : StatUtils.mean(values);
    if (n < 2) {
      return Estimate.none(mean, n, n == 0 ? "no data" : "one unit: no interval");
    }
    double nominal = nominalLevel(level);
    return Intervals.tMean(values, nominal, method(nominal));
  }

  /** The {@code method} column: the design, its looks and the level of each look. */
  String method(double nominal) {
    return String.format(Locale.ROOT, "group-sequential t, Pocock-type (looks at %d-%d seeds, "
        + "%.2f%% each)", firstSeeds, maxSeeds, 100 * nominal);
  }

  /**
   * The per-look level whose looks together miss a zero mean at most {@code 1 - level} of the
   * time, less two Monte Carlo standard errors: bisection over the per-look level on the
   * absolute t statistics of {@value #SEQUENCES} standard normal sequences.
   */
  private double calibrate(double level) {
    double alpha = 1 - level;
    double target = alpha - 2 * Math.sqrt(alpha * (1 - alpha) / SEQUENCES);
    float[][] t = nullStatistics();
    double lo = 0;
    double hi = alpha;
    for (int step = 0; step < 40; step++) {
      double mid = (lo + hi) / 2;
      if (missRate(t, mid) <= target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 1 - lo;
  }

  /** |t| at each look (rows) of each null sequence (columns). */
  private float[][] nullStatistics() {
    RandomGenerator random = new Well19937c(SEED);
    float[][] t = new float[looks()][SEQUENCES];
    for (int s = 0; s < SEQUENCES; s++) {
      double sum = 0;
      double squares = 0;
      for (int n = 1; n <= maxSeeds; n++) {
        double x = random.nextGaussian();
        sum += x;
        squares += x * x;
        if (n >= firstSeeds) {
          double mean = sum / n;
          double variance = Math.max(0, (squares - n * mean * mean) / (n - 1));
          t[n - firstSeeds][s] = (float) (Math.abs(mean) / Math.sqrt(variance / n));
        }
      }
    }
    return t;
  }

  /** The share of sequences whose interval at per-look level 1 - a misses 0 at some look. */
  private double missRate(float[][] t, double a) {
    double[] critical = new double[looks()];
    for (int k = 0; k < critical.length; k++) {
      critical[k] = Intervals.tQuantile(firstSeeds + k - 1, 1 - a);
    }
    int missed = 0;
    for (int s = 0; s < SEQUENCES; s++) {
      for (int k = 0; k < critical.length; k++) {
        if (t[k][s] > critical[k]) {
          missed++;
          break;
        }
      }
    }
    return (double) missed / SEQUENCES;
  }
}
