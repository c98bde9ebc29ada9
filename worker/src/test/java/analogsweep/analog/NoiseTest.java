package analogsweep.analog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import analogsweep.EngineTest;
import analogsweep.grid.NoiseKind;
import analogsweep.grid.Rounding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoiseTest extends EngineTest {

  @Test
  void sigmaMatchesPaperExamplesAndInverts() {
    assertEquals(0.0116, ErrorProbability.sigma(0.5, 64), 5e-5);
    assertEquals(0.493, ErrorProbability.sigma(0.8, 4), 5e-4);
    assertEquals(0.0, ErrorProbability.sigma(0, 16));
    for (int p : new int[] {1, 4, 16, 64, 256}) {
      for (double ep : new double[] {0.01, 0.2, 0.5, 0.8, 0.99}) {
        assertEquals(ep, ErrorProbability.fromSigma(ErrorProbability.sigma(ep, p), p), 1e-9);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> ErrorProbability.sigma(1.0, 4));
    assertThrows(IllegalArgumentException.class, () -> ErrorProbability.sigma(0.5, 0));
  }

  /** Noise has mean 0 and the configured sigma, within a few standard errors at a fixed seed. */
  @ParameterizedTest
  @CsvSource({"64, 0.5", "4, 0.8", "16, 0.2"})
  void gaussianNoiseHasConfiguredMoments(int p, double ep) {
    AnalogChain chain = new AnalogChain(p, NoiseModel.of(NoiseKind.GAUSSIAN, ep, p),
        Rounding.DETERMINISTIC, 11);
    int n = 400_000;
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.zeros(new ai.djl.ndarray.types.Shape(n));
      float[] noisy = chain.noise(x).toFloatArray();
      double sum = 0;
      double sq = 0;
      for (float f : noisy) {
        sum += f;
        sq += (double) f * f;
      }
      double sigma = chain.sigma();
      double mean = sum / n;
      double sd = Math.sqrt(sq / n - mean * mean);
      assertEquals(0, mean, 4 * sigma / Math.sqrt(n));
      // standard error of the sample sd is about sigma / sqrt(2n)
      assertEquals(sigma, sd, 4 * sigma / Math.sqrt(2.0 * n));
    }
  }

  /** Monte Carlo: a quantized value moves to another level with probability EP. */
  @ParameterizedTest
  @CsvSource({"4, 0.2", "4, 0.8", "16, 0.5", "64, 0.3", "64, 0.7", "256, 0.5"})
  void flipProbabilityMatchesErrorProbability(int p, double ep) {
    AnalogChain chain = new AnalogChain(p, NoiseModel.of(NoiseKind.GAUSSIAN, ep, p),
        Rounding.DETERMINISTIC, 5);
    int n = 300_000;
    try (NDManager m = manager.newSubManager()) {
      // levels k/p spread over (-1, 1), away from the clamp so that only rounding decides
      float[] xs = new float[n];
      for (int k = 0; k < n; k++) {
        xs[k] = (float) ((k % (p + 1)) - p / 2) / (4f * p) * 2f;
      }
      NDArray levels = AnalogChain.deterministicLevels(m.create(xs), p);
      NDArray after = AnalogChain.deterministicLevels(chain.noise(levels), p);
      double flips = after.neq(levels).sum().getLong();
      double se = Math.sqrt(ep * (1 - ep) / n);
      assertEquals(ep, flips / n, 5 * se, "P(RP(x + noise) != RP(x)) at p=" + p);
    }
  }
}
