package analogsweep.analog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import analogsweep.EngineTest;
import analogsweep.grid.GridPoint;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Weights with a precision and EP of their own: the chain on parameters quantizes to the weights'
 * step and draws the weights' noise, the chain on activations keeps its own; left as same, the
 * weights go through the activations' chain itself.
 */
class WeightSideTest extends EngineTest {
  private static GridPoint.Builder point() {
    return GridPoint.builder().set("data_path", "/unused").set("precision", 16);
  }

  private static TreeSet<Float> levels(NDArray a) {
    TreeSet<Float> out = new TreeSet<>();
    for (float v : a.toFloatArray()) {
      out.add(v + 0f); // -0 and 0 are one level
    }
    return out;
  }

  @Test
  void weightsTakeTheirOwnStepAndNoise() {
    AnalogChain chain = AnalogChain.of(point().set("weight_precision", 2)
        .set("weight_error_probability", 0.3).build().analog(), 7);
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(ReducePrecisionTest.grid(4001, -1.5f, 1.5f));
      // activations: p = 16 without noise, 33 levels, the same on every pass
      NDArray a1 = chain.toAnalog(x);
      NDArray a2 = chain.toAnalog(x);
      assertEquals(33, levels(a1).size());
      assertTrue(a1.contentEquals(a2));
      // weights: noise at EP 0.3 around the levels of step 1/2, then the next pass differs
      NDArray w = chain.toAnalog(x, m);
      NDArray moved = w.sub(AnalogChain.deterministicLevels(AnalogChain.clamp(x), 2)).abs()
          .gt(0.25f);
      double rate = moved.toType(DataType.FLOAT32, false).mean().getFloat();
      // a value moves past half a step with probability EP: 0.3 within 4 standard errors
      double se = Math.sqrt(0.3 * 0.7 / 4001);
      assertTrue(Math.abs(rate - 0.3) < 4 * se, "moved " + rate);
      assertTrue(chain.weightSide().describeToAnalog().startsWith("clamp>RP(p=2)>noise(sigma="),
          chain.weightSide().describeToAnalog());
      assertEquals("clamp>RP(p=16)", chain.describeToAnalog());
    }
  }

  @Test
  void weightsLeftAsSameUseTheActivationsChain() {
    AnalogChain chain = AnalogChain.of(point().set("error_probability", 0.2).build().analog(), 7);
    assertSame(chain, chain.weightSide());
    AnalogChain explicit = AnalogChain.of(point().set("error_probability", 0.2)
        .set("weight_precision", 16).build().analog(), 7);
    assertSame(explicit, explicit.weightSide());
  }
}
