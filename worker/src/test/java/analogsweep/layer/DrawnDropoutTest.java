package analogsweep.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import analogsweep.EngineTest;
import analogsweep.seed.EngineDraws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dropout from a training's own stream has nn.Dropout's law (each value kept with probability
 * 1 - rate, scaled by 1 / (1 - rate)), is the identity in evaluation, and repeats with its seed.
 */
class DrawnDropoutTest extends EngineTest {
  private static final int N = 200_000;

  @ParameterizedTest
  @ValueSource(floats = {0.1f, 0.25f, 0.5f})
  void keepsEachValueWithProbabilityOneMinusRate(float rate) {
    try (NDArray x = manager.full(new Shape(N), 2f);
        NDArray y = DrawnDropout.drop(x, rate, new EngineDraws(21))) {
      float kept = 2f / (1 - rate);
      long keptCount = 0;
      for (float v : y.toFloatArray()) {
        assertTrue(v == 0f || Math.abs(v - kept) < 1e-5, "dropped or scaled: " + v);
        keptCount += v == 0f ? 0 : 1;
      }
      double se = Math.sqrt(rate * (1 - rate) / N);
      assertEquals(1 - rate, (double) keptCount / N, 5 * se, "kept fraction at rate " + rate);
    }
  }

  @Test
  void theSameSeedGivesTheSameMasksAndEvaluationKeepsAll() {
    try (NDArray x = manager.ones(new Shape(4096))) {
      float[] a = DrawnDropout.drop(x, 0.5f, new EngineDraws(4)).toFloatArray();
      EngineDraws other = new EngineDraws(5);
      DrawnDropout.drop(x, 0.5f, other); // another stream's draw in between changes nothing
      assertArrayEquals(a, DrawnDropout.drop(x, 0.5f, new EngineDraws(4)).toFloatArray());
      DrawnDropout block = new DrawnDropout(0.5f, new EngineDraws(4));
      NDArray eval = block.forward(new ParameterStore(manager, false), new NDList(x), false)
          .singletonOrThrow();
      assertArrayEquals(x.toFloatArray(), eval.toFloatArray());
    }
    assertThrows(IllegalArgumentException.class, () -> new DrawnDropout(1f, new EngineDraws(1)));
  }
}
