package analogsweep.analog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import analogsweep.EngineTest;
import analogsweep.grid.NoiseKind;
import analogsweep.grid.Rounding;
import analogsweep.train.Autograd;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The chain on weights: under analogsweep-1 the weight gradient is the clamp's (zero where
 * |w| > 1), under the authors' recipe (AnalogVNN's parametrization) it passes unchanged; the
 * values are the same under both, and the side before a layer (activations) keeps the clamp's
 * mask under both. Fused and stepwise chains alike, with and without quantization and noise.
 */
class WeightGradientRuleTest extends EngineTest {
  static final float[] W = {-2.5f, -1f, -0.4f, 0f, 0.03f, 0.7f, 1f, 1.5f};
  static final float[] MASK = {0, 1, 1, 1, 1, 1, 1, 0};
  static final float[] ONES = {1, 1, 1, 1, 1, 1, 1, 1};

  static AnalogChain chain(Integer p, double ep, boolean passes, boolean stepwise) {
    String before = System.getProperty("analogsweep.chain");
    if (stepwise) {
      System.setProperty("analogsweep.chain", "stepwise");
    }
    try {
      return new AnalogChain(p, NoiseModel.of(NoiseKind.GAUSSIAN, ep, p),
          Rounding.DETERMINISTIC, 7, passes);
    } finally {
      if (before == null) {
        System.clearProperty("analogsweep.chain");
      } else {
        System.setProperty("analogsweep.chain", before);
      }
    }
  }

  /** Values and the weight's gradient (of the sum) through the weight side of {@code c}. */
  static float[][] throughWeights(AnalogChain c, boolean weightSide) {
    try (NDManager params = manager.newSubManager(); NDManager batch = manager.newSubManager()) {
      NDArray w = params.create(W);
      w.setRequiresGradient(true);
      NDArray y = Autograd.recording(true, () -> {
        NDArray out = weightSide ? c.toAnalog(w, batch) : c.toAnalog(w);
        Autograd.backward(out.sum());
        return out;
      });
      return new float[][] {y.toFloatArray(), w.getGradient().toFloatArray()};
    }
  }

  @ParameterizedTest
  @CsvSource({"16, 0, false", "16, 0, true", "4, 0.5, false", "8, 0.3, true", ", 0, false",
      ", 0, true"})
  void weightGradientPassesTheClampOnlyWhereTheRecipeSaysSo(Integer p, double ep,
      boolean stepwise) {
    float[][] masked = throughWeights(chain(p, ep, false, stepwise), true);
    float[][] passing = throughWeights(chain(p, ep, true, stepwise), true);
    assertArrayEquals(MASK, masked[1], 0f, "analogsweep-1: the clamp's mask");
    assertArrayEquals(ONES, passing[1], 0f, "authors: unchanged");
    if (ep == 0) { // noise is drawn afresh: without it the values are the same to the bit
      assertArrayEquals(masked[0], passing[0], 0f, "values");
    }
    for (float v : passing[0]) {
      assertTrue(Math.abs(v) <= 1 + 6 * 0.5, "clamped before the noise: " + v);
    }
    // activations (the side before a layer) keep the mask under both rules
    assertArrayEquals(MASK, throughWeights(chain(p, ep, true, stepwise), false)[1], 0f,
        "activations");
  }
}
