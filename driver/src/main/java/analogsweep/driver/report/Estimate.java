package analogsweep.driver.report;

import java.util.function.DoubleUnaryOperator;

/**
 * A point estimate with its interval, the number of independent units behind it (seeds, or
 * points of a regression) and the method that made the interval. {@code low} and {@code high}
 * are NaN where no interval can be made (fewer than two units).
 */
record Estimate(double value, double low, double high, int n, String method) {

  static Estimate none(double value, int n, String why) {
    return new Estimate(value, Double.NaN, Double.NaN, n, why);
  }

  boolean hasInterval() {
    return !Double.isNaN(low) && !Double.isNaN(high);
  }

  /** Whether the whole interval lies above {@code x}. */
  boolean above(double x) {
    return hasInterval() && low > x;
  }

  /** Whether the whole interval lies below {@code x}. */
  boolean below(double x) {
    return hasInterval() && high < x;
  }

  /** Whether the whole interval lies inside [lo, hi]. */
  boolean within(double lo, double hi) {
    return hasInterval() && low >= lo && high <= hi;
  }

  /** The same estimate on another scale (for ratios estimated on logarithms). */
  Estimate map(DoubleUnaryOperator f) {
    return new Estimate(f.applyAsDouble(value), hasInterval() ? f.applyAsDouble(low) : low,
        hasInterval() ? f.applyAsDouble(high) : high, n, method);
  }
}
