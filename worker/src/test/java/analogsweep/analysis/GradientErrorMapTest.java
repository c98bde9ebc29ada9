package analogsweep.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.analog.NoiseModel;
import analogsweep.grid.ActivationFamily;
import org.junit.jupiter.api.Test;

class GradientErrorMapTest {
  static GradientErrorMap.Result map(double i, double ep) {
    return GradientErrorMap.compute(new GradientErrorPoint(ActivationFamily.RELU_GELU, i, 1, 0,
        256, ep, analogsweep.grid.NoiseKind.GAUSSIAN, 256, 129, 1));
  }

  /** The paper's setting: near zero ReLU's error is one to two orders of magnitude above GELU's. */
  @Test
  void reluToGeluRatioNearZeroAtThePapersSetting() {
    GradientErrorMap.Result relu = map(0, 0.5);
    GradientErrorMap.Result gelu = map(1, 0.5);
    double mean = relu.meanErrorNearZero() / gelu.meanErrorNearZero();
    double max = relu.maxErrorNearZero() / gelu.maxErrorNearZero();
    assertTrue(mean > 25 && mean < 70, "mean ratio " + mean);
    assertTrue(max > 50 && max < 200, "max ratio " + max);
    assertEquals(513, relu.planePoints());
    assertEquals(129 * 129, relu.map().length);
    // ReLU's derivative jumps by 1: where the sign flips, the error is exactly 1
    assertEquals(1.0, relu.maxError(), 0.0);
  }

  @Test
  void errorShrinksSteadilyTowardsTheSmoothEnd() {
    double previous = Double.MAX_VALUE;
    for (double i : new double[] {0, 0.25, 0.5, 0.75, 1}) {
      double e = map(i, 0.5).meanErrorNearZero();
      assertTrue(e < previous, "i=" + i + ": " + e + " not below " + previous);
      previous = e;
    }
  }

  @Test
  void withoutNoiseOnlyQuantizationRemains() {
    GradientErrorMap.Result clean = map(1, 0);
    GradientErrorMap.Result noisy = map(1, 0.5);
    assertEquals(0.0, clean.noiseSigma());
    assertTrue(clean.meanError() < noisy.meanError());
  }

  /** Every noise model gives a map, and the smooth end's error near zero is below ReLU's. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(analogsweep.grid.NoiseKind.class)
  void everyNoiseModelGivesAMap(analogsweep.grid.NoiseKind noise) {
    GradientErrorMap.Result relu = GradientErrorMap.compute(new GradientErrorPoint(
        ActivationFamily.RELU_GELU, 0, 1, 0, 64, 0.5, noise, 64, 33, 1));
    GradientErrorMap.Result gelu = GradientErrorMap.compute(new GradientErrorPoint(
        ActivationFamily.RELU_GELU, 1, 1, 0, 64, 0.5, noise, 64, 33, 1));
    assertTrue(relu.meanErrorNearZero() > 2 * gelu.meanErrorNearZero(),
        noise + ": " + relu.meanErrorNearZero() + " vs " + gelu.meanErrorNearZero());
    NoiseModel model = NoiseModel.of(noise, 0.5, 64);
    assertEquals(model.parameter(), relu.noiseParameter(), 1e-12, noise.toString());
    assertEquals(model.standardDeviation(), relu.noiseSigma(), 1e-12, noise.toString());
  }

  /** A Gaussian map is what version 0.1.0 computed, to the bit (its maps stay comparable). */
  @Test
  void gaussianMapIsUnchanged() {
    GradientErrorMap.Result r = GradientErrorMap.compute(new GradientErrorPoint(
        ActivationFamily.RELU_SILU, 1, 1, 0, 16, 0.5, analogsweep.grid.NoiseKind.GAUSSIAN,
        32, 8, 1));
    // as stored by 0.1.0 for this point (driver/src/test/resources/fixtures/gradient-error-v0.1.0)
    assertEquals(0.023397006002777776, r.meanError(), 0.0);
    assertEquals(0.10985483641001864, r.maxError(), 0.0);
    assertEquals(0.01946784142972594, r.meanErrorNearZero(), 0.0);
  }
}
