package analogsweep.driver.report;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The report's intervals. A mean (of paired gains, say) gets a percentile bootstrap interval
 * from {@value #RESAMPLES} resamples with a fixed seed, so that a report is reproducible. The
 * percentile bootstrap cannot reach beyond the observed values and is too narrow for few units
 * (with two seeds it gives [min, max], which covers the mean only half the time), so below
 * {@value #MIN_BOOTSTRAP_N} units the interval is Student's t instead, which is exact for normal
 * data and honestly wide for tiny n (t = 12.7 at n = 2). One unit gives no interval. A slope is
 * ordinary least squares with its t interval (n - 2 degrees of freedom).
 */
final class Intervals {
  /** Bootstrap resamples per interval. */
  static final int RESAMPLES = 10_000;
  /** The bootstrap's seed; every interval restarts from it, so order does not matter. */
  static final long SEED = 20_240_202L;
  /** From this many units on, the bootstrap; below, Student's t. */
  static final int MIN_BOOTSTRAP_N = 10;

  /**
   * The intervals of the samples bootstrapped so far ({@link BootstrapCache}), up to 2^22 values
   * in all (32 MB): a report of 10^5 points holds about 1.5 x 10^5.
   */
  private static final BootstrapCache BOOTSTRAPS = new BootstrapCache(1L << 22);

  private Intervals() {}

  /** The mean of {@code values} with a two-sided interval at {@code level} (0.95, 0.90). */
  static Estimate mean(double[] values, double level) {
    int n = values.length;
    double mean = n == 0 ? Double.NaN : StatUtils.mean(values);
    if (n < 2) {
      return Estimate.none(mean, n, n == 0 ? "no data" : "one unit: no interval");
    }
    if (n >= MIN_BOOTSTRAP_N) {
      double[] bounds = BOOTSTRAPS.bounds(values, level);
      return new Estimate(mean, bounds[0], bounds[1], n, "bootstrap");
    }
    return tMean(values, level, "t");
  }

  /** The mean alone, without an interval's cost: {@code mean(values, level).value()}. */
  static double meanOnly(double[] values) {
    return values.length == 0 ? Double.NaN : StatUtils.mean(values);
  }

  /**
   * The sorted means of {@value #RESAMPLES} resamples of {@code values}, from {@link #SEED}.
   * Costs {@value #RESAMPLES} times n draws: seconds at 25,000 seeds.
   */
  static double[] bootstrapMeans(double[] values) {
    int n = values.length;
    RandomGenerator random = new Well19937c(SEED);
    double[] means = new double[RESAMPLES];
    for (int b = 0; b < RESAMPLES; b++) {
      double sum = 0;
      for (int k = 0; k < n; k++) {
        sum += values[random.nextInt(n)];
      }
      means[b] = sum / n;
    }
    Arrays.sort(means);
    return means;
  }

  /** The percentile interval {low, high} at {@code level} of sorted resampled means. */
  static double[] bounds(double[] sortedMeans, double level) {
    double alpha = 1 - level;
    return new double[] {quantile(sortedMeans, alpha / 2), quantile(sortedMeans, 1 - alpha / 2)};
  }

  /** The mean with Student's t interval at {@code level} (two or more values). */
  static Estimate tMean(double[] values, double level, String method) {
    int n = values.length;
    double mean = StatUtils.mean(values);
    double half = tQuantile(n - 1, level) * Math.sqrt(StatUtils.variance(values) / n);
    return new Estimate(mean, mean - half, mean + half, n, method);
  }

  /**
   * The difference mean(a) - mean(b) of two independent groups: a bootstrap that resamples each
   * group on its own when both have {@value #MIN_BOOTSTRAP_N} units, else Welch's t interval.
   */
  static Estimate difference(double[] a, double[] b, double level) {
    int n = a.length + b.length;
    double diff = a.length == 0 || b.length == 0 ? Double.NaN
        : StatUtils.mean(a) - StatUtils.mean(b);
    if (a.length < 2 || b.length < 2) {
      return Estimate.none(diff, n, "fewer than two units in a group: no interval");
    }
    if (a.length >= MIN_BOOTSTRAP_N && b.length >= MIN_BOOTSTRAP_N) {
      RandomGenerator random = new Well19937c(SEED);
      double[] diffs = new double[RESAMPLES];
      for (int r = 0; r < RESAMPLES; r++) {
        diffs[r] = resampledMean(a, random) - resampledMean(b, random);
      }
      Arrays.sort(diffs);
      double alpha = 1 - level;
      return new Estimate(diff, quantile(diffs, alpha / 2), quantile(diffs, 1 - alpha / 2), n,
          "bootstrap");
    }
    double va = StatUtils.variance(a) / a.length;
    double vb = StatUtils.variance(b) / b.length;
    double se = Math.sqrt(va + vb);
    if (se == 0) {
      return new Estimate(diff, diff, diff, n, "Welch t");
    }
    double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
    double t = tQuantile(df, level);
    return new Estimate(diff, diff - t * se, diff + t * se, n, "Welch t");
  }

  /** The least-squares slope of y over x with its t interval; no interval below 3 points. */
  /** The least-squares slope of y over x alone; NaN with fewer than two distinct x. */
  static double slopeOnly(double[] x, double[] y) {
    if (x.length < 2 || StatUtils.variance(x) == 0) {
      return Double.NaN;
    }
    SimpleRegression fit = new SimpleRegression(true);
    for (int k = 0; k < x.length; k++) {
      fit.addData(x[k], y[k]);
    }
    return fit.getSlope();
  }

  static Estimate slope(double[] x, double[] y, double level) {
    SimpleRegression fit = new SimpleRegression(true);
    for (int k = 0; k < x.length; k++) {
      fit.addData(x[k], y[k]);
    }
    int n = x.length;
    if (n < 2 || StatUtils.variance(x) == 0) {
      return Estimate.none(Double.NaN, n, "fewer than two distinct x: no slope");
    }
    double slope = fit.getSlope();
    if (n < 3) {
      return Estimate.none(slope, n, "two points: no interval");
    }
    double half = fit.getSlopeStdErr() * tQuantile(n - 2, level);
    return new Estimate(slope, slope - half, slope + half, n, "OLS t");
  }

  /** The upper (1 + level) / 2 quantile of Student's t with {@code df} degrees of freedom. */
  static double tQuantile(double df, double level) {
    return new TDistribution(null, df).inverseCumulativeProbability(0.5 + level / 2);
  }

  private static double resampledMean(double[] v, RandomGenerator random) {
    double sum = 0;
    for (int k = 0; k < v.length; k++) {
      sum += v[random.nextInt(v.length)];
    }
    return sum / v.length;
  }

  /** The p-quantile of sorted values, interpolating between neighbours (R's type 7). */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
