package analogsweep.analog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import analogsweep.EngineTest;
import analogsweep.grid.Rounding;
import analogsweep.seed.EngineDraws;
import analogsweep.train.Autograd;
import java.util.Arrays;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReducePrecisionTest extends EngineTest {

  static float[] grid(int n, float lo, float hi) {
    float[] x = new float[n];
    for (int k = 0; k < n; k++) {
      x[k] = lo + (hi - lo) * k / (n - 1);
    }
    return x;
  }

  /** After the clamp, RP hits exactly the 2p+1 levels k/p and is within half a step of x. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4, 8, 16, 64, 256})
  void levelsErrorBoundAndIdempotence(int p) {
    try (NDManager m = manager.newSubManager()) {
      float[] xs = grid(20001, -1.5f, 1.5f);
      NDArray clamped = AnalogChain.clamp(m.create(xs));
      NDArray q = AnalogChain.deterministicLevels(clamped, p);
      float[] c = clamped.toFloatArray();
      float[] v = q.toFloatArray();
      TreeSet<Float> levels = new TreeSet<>();
      for (int k = 0; k < v.length; k++) {
        float scaled = v[k] * p;
        assertEquals(Math.rint(scaled), scaled, 1e-4, "not a level: " + v[k]);
        assertTrue(Math.abs(v[k] - c[k]) <= 0.5 / p + 1e-6, "error above half a step at " + c[k]);
        levels.add(v[k] == 0f ? 0f : v[k]);
      }
      assertEquals(2 * p + 1, levels.size(), "levels " + levels);
      assertArrayEquals(v, AnalogChain.deterministicLevels(q, p).toFloatArray(), 0f, "idempotence");
    }
  }

  /** Ties round towards zero: (k + 0.5)/p goes to k/p for k >= 0, symmetric for negatives. */
  @Test
  void tiesRoundTowardsZero() {
    try (NDManager m = manager.newSubManager()) {
      int p = 4;
      float[] x = {0.125f, -0.125f, 0.375f, -0.375f, 0.875f, -0.875f, 0.126f, -0.126f};
      float[] expected = {0f, 0f, 0.25f, -0.25f, 0.75f, -0.75f, 0.25f, -0.25f};
      float[] got = AnalogChain.deterministicLevels(m.create(x), p).toFloatArray();
      for (int k = 0; k < x.length; k++) {
        assertEquals(expected[k], got[k], 0f, "RP(" + x[k] + ")");
      }
    }
  }

  /** Stochastic rounding hits only the two neighbouring levels and is unbiased. */
  @ParameterizedTest
  @ValueSource(floats = {0.1f, 0.33f, -0.47f, 0.8f, -0.05f})
  void stochasticRoundingIsUnbiasedOnNeighbours(float x) {
    int p = 8;
    int n = 200_000;
    try (NDManager m = manager.newSubManager()) {
      float[] xs = new float[n];
      Arrays.fill(xs, x);
      float[] v = AnalogChain.stochasticLevels(m.create(xs), p, new EngineDraws(7)).toFloatArray();
      double lower = Math.floor(Math.abs(x) * p) / p * Math.signum(x);
      double upper = Math.ceil(Math.abs(x) * p) / p * Math.signum(x);
      double sum = 0;
      for (float f : v) {
        assertTrue(Math.abs(f - lower) < 1e-6 || Math.abs(f - upper) < 1e-6, "hit " + f);
        sum += f;
      }
      double frac = Math.abs(x) * p - Math.floor(Math.abs(x) * p);
      double se = Math.sqrt(frac * (1 - frac) / n) / p;
      assertEquals(x, sum / n, 5 * se + 1e-7, "mean of stochastic rounding");
    }
  }

  /** RP passes the gradient straight through; clamp passes it only inside [-1, 1]. */
  @Test
  void straightThroughAndMaskedGradients() {
    AnalogChain chain = new AnalogChain(4, 0, Rounding.DETERMINISTIC);
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(new float[] {-1.5f, -1f, -0.3f, 0.1f, 0.99f, 1f, 2f});
      x.setRequiresGradient(true);
      NDArray y = Autograd.recording(true, () -> {
        NDArray out = chain.reducePrecision(AnalogChain.clamp(x));
        Autograd.backward(out.sum());
        return out;
      });
      assertArrayEquals(new float[] {-1f, -1f, -0.25f, 0f, 1f, 1f, 1f}, y.toFloatArray());
      assertArrayEquals(new float[] {0f, 1f, 1f, 1f, 1f, 1f, 0f}, x.getGradient().toFloatArray());
    }
  }
}
