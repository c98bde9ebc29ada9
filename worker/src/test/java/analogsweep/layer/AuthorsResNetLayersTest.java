package analogsweep.layer;

import static analogsweep.layer.Blocks.DIGITAL;
import static analogsweep.layer.Blocks.P4;
import static analogsweep.layer.Blocks.forward;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import analogsweep.EngineTest;
import analogsweep.train.Autograd;
import org.junit.jupiter.api.Test;

/**
 * The two layers of the authors' ResNet-18 (recipe authors): the chain on an identity shortcut
 * and batch norm whose scale and shift pass the chain's weight path.
 */
class AuthorsResNetLayersTest extends EngineTest {
  private static SequentialBlock times(float factor) {
    return new SequentialBlock().add(new LambdaBlock(
        l -> new NDList(l.singletonOrThrow().mul(factor)), "times " + factor));
  }

  /** With no levels and no noise the shortcut chain is the clamp: inside [-1, 1], the identity. */
  @Test
  void digitalShortcutChainIsTheClampAlone() {
    SequentialBlock chained = new SequentialBlock()
        .add(new DigitalToAnalog("identity shortcut", DIGITAL));
    Residual with = new Residual("block", times(2), chained, null);
    Residual without = new Residual("block", times(2), null, null);
    with.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
    without.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
    NDArray inside = manager.create(new float[] {-1, -0.3f, 0.2f, 1}, new Shape(1, 4));
    assertArrayEquals(forward(without, inside).toFloatArray(), forward(with, inside)
        .toFloatArray(), 0f);
    NDArray outside = manager.create(new float[] {-3, 0.5f, 2, 1.5f}, new Shape(1, 4));
    assertArrayEquals(new float[] {-7, 1.5f, 5, 4}, forward(with, outside).toFloatArray(), 0f);
  }

  /** At p = 4 the shortcut's values lie on the grid of 1/4 in [-1, 1]. */
  @Test
  void shortcutValuesAreQuantized() {
    DigitalToAnalog d = new DigitalToAnalog("identity shortcut", P4);
    Shape in = new Shape(1, 1000);
    d.initialize(manager, DataType.FLOAT32, in);
    float[] y = forward(d, manager.randomNormal(0, 2, in, DataType.FLOAT32)).toFloatArray();
    for (float v : y) {
      assertEquals(Math.rint(v * 4), v * 4, 0, "on the grid of 1/4: " + v);
      assertTrue(Math.abs(v) <= 1, "clamped: " + v);
    }
    assertEquals("DigitalToAnalog(identity shortcut: clamp>RP(p=4))", d.toString());
  }

  /**
   * Stored scale 0.3 and shift 0.6 are 0.25 and 0.5 at p = 4 on the forward pass: the output is
   * 0.25 x (x - mean) / sd + 0.5; the stored values stay 0.3 and 0.6, and gradients reach them.
   */
  @Test
  void batchNormScaleAndShiftPassTheChainAndStayClean() {
    AnalogBatchNorm bn = new AnalogBatchNorm(P4);
    Shape in = new Shape(4, 1, 1, 1);
    bn.initialize(manager, DataType.FLOAT32, in);
    NDArray gamma = bn.norm().getParameters().get("gamma").getArray();
    NDArray beta = bn.norm().getParameters().get("beta").getArray();
    gamma.set(new float[] {0.3f});
    beta.set(new float[] {0.6f});
    NDArray x = manager.create(new float[] {-3, -1, 1, 3}, in);
    float[] y = Autograd.recording(true, () -> {
      NDArray out = bn.forward(new ParameterStore(manager, false), new NDList(x), true)
          .singletonOrThrow();
      Autograd.backward(out.mul(x).sum());
      return out.toFloatArray();
    });
    double sd = Math.sqrt(5 + 1e-5); // population variance of -3, -1, 1, 3
    for (int k = 0; k < 4; k++) {
      assertEquals(0.25 * x.toFloatArray()[k] / sd + 0.5, y[k], 1e-6);
    }
    assertArrayEquals(new float[] {0.3f}, gamma.toFloatArray(), 0f);
    assertArrayEquals(new float[] {0.6f}, beta.toFloatArray(), 0f);
    // d/dgamma sum(y * x) = sum(xhat * x), straight through the chain
    assertEquals(20 / sd, gamma.getGradient().getFloat(), 1e-4);
    assertEquals("AnalogBatchNorm(scale, shift: clamp>RP(p=4))", bn.toString());
  }
}
