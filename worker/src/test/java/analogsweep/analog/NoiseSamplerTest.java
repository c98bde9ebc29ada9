package analogsweep.analog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import analogsweep.EngineTest;
import analogsweep.grid.NoiseKind;
import analogsweep.seed.EngineDraws;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shared noise sampler, statistically at fixed seeds: each kind has mean 0 and the standard
 * deviation its parameter says, with one parameter (one network) and one per packed point, on
 * tensors and on single values; shot noise is unbiased with variance x / scale.
 */
class NoiseSamplerTest extends EngineTest {
  private static final int N = 200_000;

  /** The standard deviation of the noise at parameter 1. */
  private static double unitSd(NoiseKind kind) {
    return switch (kind) {
      case GAUSSIAN -> 1;
      case LAPLACE -> Math.sqrt(2);
      case UNIFORM -> 1 / Math.sqrt(12);
      case POISSON -> throw new IllegalArgumentException();
    };
  }

  /** {mean, sd} of {@code v[from .. from + n)}. */
  private static double[] moments(float[] v, int from, int n) {
    double sum = 0;
    for (int j = from; j < from + n; j++) {
      sum += v[j];
    }
    double mean = sum / n;
    double sq = 0;
    for (int j = from; j < from + n; j++) {
      sq += (v[j] - mean) * (v[j] - mean);
    }
    return new double[] {mean, Math.sqrt(sq / (n - 1))};
  }

  /** Mean within 5 standard errors of 0; sd within 2% (several standard errors at N). */
  private static void assertMoments(double[] m, double sd, String what) {
    assertEquals(0, m[0], 5 * sd / Math.sqrt(N), what + ": mean");
    assertEquals(sd, m[1], 0.02 * sd, what + ": sd");
  }

  @ParameterizedTest
  @CsvSource({"gaussian, 0.3", "laplace, 0.2", "uniform, 0.5"})
  void oneParameterGivesItsSpread(String name, double parameter) {
    NoiseKind kind = NoiseKind.parse("noise", name);
    try (NDArray like = manager.zeros(new Shape(N));
        NDArray noise = NoiseSampler.additive(kind, like, parameter, new EngineDraws(11))) {
      assertEquals(like.getShape(), noise.getShape());
      float[] v = noise.toFloatArray();
      assertMoments(moments(v, 0, N), parameter * unitSd(kind), name);
      if (kind == NoiseKind.UNIFORM) {
        for (float x : v) {
          assertTrue(Math.abs(x) <= parameter / 2 + 1e-7, "within the width");
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"gaussian", "laplace", "uniform"})
  void onePerPackedPointScalesEachPointsSlice(String name) {
    NoiseKind kind = NoiseKind.parse("noise", name);
    try (NDArray like = manager.zeros(new Shape(2, N));
        NDArray parameter = manager.create(new float[] {0.1f, 0.4f}, new Shape(2, 1));
        NDArray noise = NoiseSampler.additive(kind, like, parameter, new EngineDraws(11))) {
      float[] v = noise.toFloatArray();
      assertMoments(moments(v, 0, N), 0.1 * unitSd(kind), name + " point 0");
      assertMoments(moments(v, N, N), 0.4 * unitSd(kind), name + " point 1");
    }
  }

  @Test
  void poissonIsNotAdditive() {
    try (NDArray like = manager.zeros(new Shape(3))) {
      assertThrows(IllegalArgumentException.class,
          () -> NoiseSampler.additive(NoiseKind.POISSON, like, 1.0, new EngineDraws(1)));
    }
  }

  @Test
  void singleValuesHaveTheSameSpreads() {
    SplittableRandom r = new SplittableRandom(5);
    float[] normal = new float[N];
    float[] laplace = new float[N];
    float[] uniform = new float[N];
    for (int j = 0; j < N; j++) {
      normal[j] = (float) NoiseSampler.standardNormal(r);
      laplace[j] = (float) NoiseSampler.laplace(0.2, r);
      uniform[j] = (float) NoiseSampler.uniform(0.5, r);
    }
    assertMoments(moments(normal, 0, N), 1, "normal");
    assertMoments(moments(laplace, 0, N), 0.2 * Math.sqrt(2), "laplace");
    assertMoments(moments(uniform, 0, N), 0.5 / Math.sqrt(12), "uniform");
  }

  @Test
  void shotNoiseIsUnbiasedWithVarianceXOverScale() {
    SplittableRandom r = new SplittableRandom(6);
    for (double x : new double[] {0.3, -0.05}) {
      double scale = 400; // p k: mean counts 120 and 20 (both samplers' regimes)
      double sum = 0;
      double sq = 0;
      for (int j = 0; j < N; j++) {
        double v = NoiseSampler.shot(x, scale, r);
        assertTrue(v * x >= 0, "keeps the sign of x");
        sum += v;
        sq += v * v;
      }
      double mean = sum / N;
      double variance = sq / N - mean * mean;
      double sd = Math.sqrt(Math.abs(x) / scale);
      assertEquals(x, mean, 5 * sd / Math.sqrt(N), "mean at " + x);
      assertEquals(sd * sd, variance, 0.03 * sd * sd, "variance at " + x);
    }
    assertEquals(0.0, NoiseSampler.shot(0, 400, r));
  }
}
