package analogsweep.analog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import analogsweep.EngineTest;
import analogsweep.grid.NoiseKind;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every noise model against its definition: EP is the probability that the noise moves a
 * quantized value to another level (Monte Carlo, within a few standard errors at a fixed seed),
 * the noise has the mean and spread its parameter says, and the tensor and single-value forms
 * draw from the same distribution.
 */
class NoiseModelsTest extends EngineTest {

  /** The closed forms of the parameters: each gives back EP at half a step. */
  @Test
  void parametersGiveBackTheErrorProbability() {
    for (int p : new int[] {1, 4, 16, 64, 256}) {
      for (double ep : new double[] {0.01, 0.2, 0.5, 0.8, 0.99}) {
        double half = 1.0 / (2 * p);
        assertEquals(ep, Math.exp(-half / ErrorProbability.laplaceScale(ep, p)), 1e-12);
        assertEquals(ep, 1 - 2 * half / ErrorProbability.uniformWidth(ep, p), 1e-12);
        // the discrete law jumps: EP lies between the errors just left and just right of the
        // jump next to k, and k takes the nearer of the two
        double k = ErrorProbability.poissonK(ep, p);
        double at = ErrorProbability.poissonErrorProbability(k, p);
        double left = ErrorProbability.poissonErrorProbability(k * (1 - 3e-6), p);
        double right = ErrorProbability.poissonErrorProbability(k * (1 + 3e-6), p);
        // within a piece the error creeps up with k; across the jump it drops
        double other = Math.abs(left - at) > Math.abs(right - at) ? left : right;
        assertTrue(Math.min(at, other) <= ep && ep <= Math.max(at, other),
            "EP " + ep + " between " + at + " and " + other + " at p=" + p);
        if (p >= 16 && ep <= 0.8) {
          assertEquals(ep, at, 0.025, "close at p=" + p);
        }
        System.out.printf("poisson p=%d EP=%.2f: k=%.6g gives %.4f%n", p, ep, k, at);
      }
    }
    assertEquals(0.0, ErrorProbability.laplaceScale(0, 16));
    assertEquals(0.0, ErrorProbability.uniformWidth(0, 16));
    assertTrue(NoiseModel.of(NoiseKind.POISSON, 0, 16).isNone());
    assertTrue(NoiseModel.of(NoiseKind.LAPLACE, 0.5, null).isNone());
  }

  /** Monte Carlo on tensors: P(RP(x + noise) != RP(x)) = EP for levels away from the clamp. */
  @ParameterizedTest
  @CsvSource({"gaussian, 4, 0.2", "gaussian, 64, 0.8", "laplace, 4, 0.2", "laplace, 16, 0.5",
      "laplace, 64, 0.8", "uniform, 4, 0.2", "uniform, 16, 0.5", "uniform, 64, 0.8"})
  void additiveNoiseFlipsLevelsWithProbabilityEp(String kind, int p, double ep) {
    NoiseModel noise = NoiseModel.of(NoiseKind.valueOf(kind.toUpperCase()), ep, p);
    int n = 300_000;
    float[] xs = new float[n];
    for (int k = 0; k < n; k++) {
      // levels m/p spread over [-1/2, 1/2], where neither clamp nor rounding of the sum interfere
      xs[k] = (float) ((k % (p + 1)) - p / 2) / (2f * p);
    }
    try (NDManager m = manager.newSubManager()) {
      NDArray levels = AnalogChain.deterministicLevels(m.create(xs), p);
      NDArray after = AnalogChain.deterministicLevels(noise.apply(levels, ChainDraws.of(5)),
          p);
      double flips = after.neq(levels).sum().getLong();
      double se = Math.sqrt(ep * (1 - ep) / n);
      assertEquals(ep, flips / n, 5 * se, kind + " at p=" + p + ", EP=" + ep);
    }
    // the same on single values
    SplittableRandom r = new SplittableRandom(9);
    long flips = 0;
    for (int k = 0; k < n; k++) {
      double x = AnalogChain.level(xs[k], p);
      flips += AnalogChain.level(noise.apply(x, r), p) != x ? 1 : 0;
    }
    assertEquals(ep, (double) flips / n, 5 * Math.sqrt(ep * (1 - ep) / n), "single values");
  }

  /** Additive noise has mean 0 and the spread its parameter says, on tensors and values alike. */
  @ParameterizedTest
  @CsvSource({"gaussian, 16, 0.5", "laplace, 16, 0.5", "laplace, 4, 0.9", "uniform, 16, 0.5",
      "uniform, 64, 0.95"})
  void additiveNoiseHasItsMoments(String kind, int p, double ep) {
    NoiseModel noise = NoiseModel.of(NoiseKind.valueOf(kind.toUpperCase()), ep, p);
    int n = 400_000;
    double sd = noise.standardDeviation();
    // the standard error of a sample sd is at most sqrt(5/4n) sd for these tails (Laplace's)
    double sdError = 5 * Math.sqrt(5.0 / (4.0 * n)) * sd;
    double[] tensor;
    try (NDManager m = manager.newSubManager()) {
      float[] f = noise.apply(m.zeros(new Shape(n)), ChainDraws.of(11)).toFloatArray();
      tensor = new double[n];
      for (int k = 0; k < n; k++) {
        tensor[k] = f[k];
      }
    }
    SplittableRandom r = new SplittableRandom(3);
    double[] values = new double[n];
    for (int k = 0; k < n; k++) {
      values[k] = noise.apply(0.0, r);
    }
    for (double[] sample : new double[][] {tensor, values}) {
      double[] moments = moments(sample);
      assertEquals(0, moments[0], 5 * sd / Math.sqrt(n), kind + " mean");
      assertEquals(sd, moments[1], sdError, kind + " sd");
    }
    if (noise instanceof UniformNoise u) {
      for (double v : tensor) {
        assertTrue(Math.abs(v) <= u.width() / 2 + 1e-6, "inside [-w/2, w/2]: " + v);
      }
    }
  }

  /**
   * Shot noise: each level flips with the probability its Poisson law gives, the worst level's
   * probability is EP, and the noise is unbiased with spread sqrt(|x| / (p k)).
   */
  @ParameterizedTest
  @CsvSource({"4, 0.5", "16, 0.3", "64, 0.8"})
  void poissonNoiseMatchesEpAtItsWorstLevel(int p, double ep) {
    NoiseModel noise = NoiseModel.of(NoiseKind.POISSON, ep, p);
    double k = noise.parameter();
    int perLevel = 40_000;
    float[] xs = new float[perLevel * p];
    for (int j = 0; j < xs.length; j++) {
      xs[j] = (float) (j % p + 1) / p; // levels 1/p .. p/p
    }
    float[] noisy;
    try (NDManager m = manager.newSubManager()) {
      noisy = AnalogChain.deterministicLevels(noise.apply(m.create(xs), ChainDraws.of(2)), p)
          .toFloatArray();
    }
    long[] flips = new long[p + 1];
    for (int j = 0; j < xs.length; j++) {
      if (noisy[j] != xs[j]) {
        flips[j % p + 1]++;
      }
    }
    double worst = 0;
    for (int level = 1; level <= p; level++) {
      double expected = ErrorProbability.poissonLevelError(k, level);
      double rate = (double) flips[level] / perLevel;
      double se = Math.sqrt(Math.max(expected * (1 - expected), 1e-6) / perLevel);
      assertEquals(expected, rate, 5 * se, "level " + level + "/" + p);
      worst = Math.max(worst, rate);
    }
    double realized = ErrorProbability.poissonErrorProbability(k, p);
    assertEquals(realized, worst, 5 * Math.sqrt(ep * (1 - ep) / perLevel), "the worst level");
    assertEquals(ep, realized, 0.06, "as close to EP as the discrete law allows");

    SplittableRandom r = new SplittableRandom(4);
    int n = 200_000;
    double[] values = new double[n];
    for (int j = 0; j < n; j++) {
      values[j] = noise.apply(0.5, r);
    }
    double[] moments = moments(values);
    double sd = Math.sqrt(0.5 / (p * k));
    assertEquals(0.5, moments[0], 5 * sd / Math.sqrt(n), "unbiased");
    assertEquals(sd, moments[1], 5 * sd / Math.sqrt(2.0 * n) * 1.5, "spread");
    assertEquals(Math.sqrt(1.0 / (p * k)), noise.standardDeviation(), 1e-12, "at |x| = 1");
    assertTrue(noise.apply(-0.5, new SplittableRandom(4)) <= 0, "keeps the sign");
  }

  /** The Poisson sampler: mean and variance lambda, and its histogram fits the law. */
  @Test
  void poissonSamplerDrawsThePoissonLaw() {
    SplittableRandom r = new SplittableRandom(17);
    int n = 200_000;
    for (double lambda : new double[] {0.3, 4, 9.99, 10, 37.5, 4000}) {
      double[] draws = new double[n];
      for (int k = 0; k < n; k++) {
        draws[k] = PoissonSampler.sample(lambda, r);
      }
      double[] moments = moments(draws);
      assertEquals(lambda, moments[0], 5 * Math.sqrt(lambda / n), "mean at " + lambda);
      // Var(s^2) = (mu4 - sigma^4)/n with mu4 = lambda + 3 lambda^2
      assertEquals(lambda, moments[1] * moments[1], 5 * Math.sqrt((lambda + 2 * lambda * lambda)
          / n), "variance at " + lambda);
    }
    for (double lambda : new double[] {3, 25}) {
      PoissonDistribution law = new PoissonDistribution(lambda);
      int lo = (int) Math.max(0, lambda - 4 * Math.sqrt(lambda));
      int hi = (int) (lambda + 4 * Math.sqrt(lambda));
      long[] counts = new long[hi + 2];
      for (int k = 0; k < n; k++) {
        long v = PoissonSampler.sample(lambda, r);
        counts[(int) Math.min(Math.max(v, lo), hi + 1)]++;
      }
      double chi2 = 0;
      int cells = 0;
      for (int v = lo; v <= hi + 1; v++) {
        double prob = v == lo ? law.cumulativeProbability(lo)
            : v == hi + 1 ? 1 - law.cumulativeProbability(hi) : law.probability(v);
        double expected = prob * n;
        chi2 += (counts[v] - expected) * (counts[v] - expected) / expected;
        cells++;
      }
      // the 0.9999 quantile of chi-square with (cells - 1) degrees of freedom is below this
      double bound = (cells - 1) + 5 * Math.sqrt(2.0 * (cells - 1)) + 10;
      assertTrue(chi2 < bound, "chi2 " + chi2 + " over " + cells + " cells at " + lambda);
    }
  }

  /** Mean and (population) standard deviation. */
  static double[] moments(double[] xs) {
    double sum = 0;
    double sq = 0;
    for (double x : xs) {
      sum += x;
      sq += x * x;
    }
    double mean = sum / xs.length;
    return new double[] {mean, Math.sqrt(Math.max(0, sq / xs.length - mean * mean))};
  }
}
