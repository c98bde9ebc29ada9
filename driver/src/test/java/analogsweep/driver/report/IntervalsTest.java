package analogsweep.driver.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The report's intervals and F1 against answers known in closed form. */
class IntervalsTest {
  /**
   * Ten values, five 0 and five 1: a bootstrap mean is Binomial(10, 0.5) / 10, whose 2.5% and
   * 97.5% quantiles are 0.2 and 0.8 (P(X <= 1) = 0.011, P(X <= 2) = 0.055, P(X <= 7) = 0.945,
   * P(X <= 8) = 0.989: far enough from 0.025 and 0.975 that 10,000 resamples cannot miss).
   */
  @Test
  void bootstrapFromTenUnitsMatchesTheBinomialQuantiles() {
    Estimate e = Intervals.mean(new double[] {0, 1, 0, 1, 0, 1, 0, 1, 0, 1}, 0.95);
    assertEquals("bootstrap", e.method());
    assertEquals(0.5, e.value(), 1e-15);
    assertEquals(0.2, e.low(), 1e-12);
    assertEquals(0.8, e.high(), 1e-12);
    assertEquals(10, e.n());
    // the fixed seed makes every interval reproducible
    assertEquals(e, Intervals.mean(new double[] {0, 1, 0, 1, 0, 1, 0, 1, 0, 1}, 0.95));
  }

  /**
   * An interval kept from an earlier asking is the one a fresh bootstrap makes, at any level; a
   * sample is its values in their order, so a reordered array, or the caller's array changed
   * after asking, is bootstrapped anew.
   */
  @Test
  void keptBootstrapsAreTheFreshOnes() {
    double[] values = new double[40];
    for (int k = 0; k < values.length; k++) {
      values[k] = k * 37 % 11 + 0.25 * k * k;
    }
    for (double level : new double[] {0.95, 0.90, 0.80, 0.95}) {
      assertBootstrap(values, level);
    }
    double[] reordered = values.clone();
    reordered[0] = values[39];
    reordered[39] = values[0];
    assertBootstrap(reordered, 0.95);
    assertNotEquals(Intervals.mean(values, 0.95), Intervals.mean(reordered, 0.95));
    values[3] += 10;
    assertBootstrap(values, 0.95);
  }

  private static void assertBootstrap(double[] values, double level) {
    double[] fresh = Intervals.bounds(Intervals.bootstrapMeans(values), level);
    Estimate e = Intervals.mean(values, level);
    assertEquals(fresh[0], e.low());
    assertEquals(fresh[1], e.high());
    assertEquals("bootstrap", e.method());
  }

  /** The cache drops the samples used longest ago beyond its values, and still answers. */
  @Test
  void bootstrapCacheHoldsAtMostItsValues() {
    BootstrapCache cache = new BootstrapCache(25);
    double[][] samples = new double[3][10];
    for (int s = 0; s < 3; s++) {
      for (int k = 0; k < 10; k++) {
        samples[s][k] = s + k * k;
      }
    }
    cache.bounds(samples[0], 0.95);
    cache.bounds(samples[1], 0.95);
    assertEquals(2, cache.size());
    cache.bounds(samples[2], 0.95);
    assertEquals(2, cache.size(), "30 values held: the first sample dropped");
    for (double[] sample : samples) {
      assertArrayEquals(Intervals.bounds(Intervals.bootstrapMeans(sample), 0.90),
          cache.bounds(sample, 0.90));
    }
  }

  /** Below ten units Student's t: with two seeds t(1) = 12.706, far wider than their range. */
  @Test
  void fewUnitsGetStudentT() {
    Estimate two = Intervals.mean(new double[] {1, 3}, 0.95);
    assertEquals("t", two.method());
    double half = 12.706204736174698 * Math.sqrt(2) / Math.sqrt(2);
    assertEquals(2 - half, two.low(), 1e-9);
    assertEquals(2 + half, two.high(), 1e-9);
    assertTrue(two.low() < 1 && two.high() > 3, "wider than the observed range");
    Estimate one = Intervals.mean(new double[] {5}, 0.95);
    assertFalse(one.hasInterval());
    assertEquals(5, one.value());
  }

  /** y = 2x + 1 exactly: slope 2 with a zero-width interval; two points give no interval. */
  @Test
  void slopes() {
    Estimate exact = Intervals.slope(new double[] {0, 1, 2, 3}, new double[] {1, 3, 5, 7}, 0.95);
    assertEquals(2, exact.value(), 1e-12);
    assertEquals(2, exact.low(), 1e-9);
    assertEquals(2, exact.high(), 1e-9);
    assertFalse(Intervals.slope(new double[] {0, 1}, new double[] {0, 1}, 0.95).hasInterval());
    assertTrue(Double.isNaN(Intervals.slope(new double[] {1, 1, 1}, new double[] {0, 1, 2},
        0.95).value()), "no slope without two distinct x");
  }

  /** Two groups of ten: the two-sample bootstrap; of three, Welch's t. */
  @Test
  void differences() {
    double[] ones = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    double[] zeros = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    Estimate boot = Intervals.difference(ones, zeros, 0.95);
    assertEquals("bootstrap", boot.method());
    assertEquals(1, boot.low(), 1e-12);
    assertEquals(1, boot.high(), 1e-12);
    Estimate welch = Intervals.difference(new double[] {5, 6, 7}, new double[] {1, 2, 3}, 0.95);
    assertEquals("Welch t", welch.method());
    double half = 2.7764451051977987 * Math.sqrt(2.0 / 3);
    assertEquals(4 - half, welch.low(), 1e-9);
    assertFalse(Intervals.difference(new double[] {1}, new double[] {1, 2}, 0.95)
        .hasInterval());
  }

  static Row map(String family, double i, long seed, double meanNearZero, double maxNearZero) {
    StructType schema = new StructType().add("family", DataTypes.StringType)
        .add("noise", DataTypes.StringType).add("precision", DataTypes.IntegerType)
        .add("error_probability", DataTypes.DoubleType).add("gate_scale", DataTypes.DoubleType)
        .add("leak", DataTypes.DoubleType).add("plane_precision", DataTypes.IntegerType)
        .add("interpolation", DataTypes.DoubleType).add("seed", DataTypes.LongType)
        .add("mean_error_near_zero", DataTypes.DoubleType)
        .add("max_error_near_zero", DataTypes.DoubleType);
    return new GenericRowWithSchema(new Object[] {family, "gaussian", 256, 0.5, 1.0, 0.0, 256, i,
        seed, meanNearZero, maxNearZero}, schema);
  }

  /**
   * F1: ratios 40 and 90 by mean over two seeds: geometric mean 60, interval exp(mean log
   * +- t(1) se of the logs); by maximum 100 and 100: exactly 100.
   */
  @Test
  void gradientErrorRatiosOnLogarithms() {
    List<Row> maps = List.of(map("relu-gelu", 0, 1, 0.4, 1.0), map("relu-gelu", 0, 2, 0.9, 1.0),
        map("relu-gelu", 1, 1, 0.01, 0.01), map("relu-gelu", 1, 2, 0.01, 0.01),
        map("relu-gelu", 0.5, 1, 0.1, 0.1));
    List<Finding> f = GradientErrorFindings.of(maps);
    assertEquals(2, f.size());
    Finding byMean = f.get(0);
    assertEquals("error ratio near zero, by mean", byMean.statistic());
    assertEquals("relu-gelu p=256 EP=0.5", byMean.setting());
    assertEquals(60, byMean.estimate().value(), 1e-9);
    double se = Math.abs(Math.log(90) - Math.log(40)) / 2;
    assertEquals(60 * Math.exp(-12.706204736174698 * se), byMean.estimate().low(), 1e-6);
    assertEquals(60 * Math.exp(12.706204736174698 * se), byMean.estimate().high(), 1e-3);
    assertEquals(Finding.NOT_SHOWN, byMean.verdict());
    Finding byMax = f.get(1);
    assertEquals(100, byMax.estimate().value(), 1e-9);
    assertEquals(100, byMax.estimate().low(), 1e-9);
    assertEquals(Finding.HOLDS, byMax.verdict());
    assertEquals("times", byMax.unit());
  }
}
