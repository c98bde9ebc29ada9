package analogsweep.layer;

import static analogsweep.layer.Blocks.forward;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import analogsweep.EngineTest;
import analogsweep.activation.InterpolatedActivation;
import analogsweep.grid.ActivationFamily;
import org.junit.jupiter.api.Test;

/** The activation as a block: element-wise, or gated over the feature or channel axis. */
class ActivationBlockTest extends EngineTest {
  private static final InterpolatedActivation RELU =
      new InterpolatedActivation(ActivationFamily.RELU_GELU, 0, 1, 0);
  private static final InterpolatedActivation REGLU =
      new InterpolatedActivation(ActivationFamily.REGLU_GEGLU, 0, 1, 0);

  @Test
  void elementWiseKeepsTheShape() {
    ActivationBlock b = ActivationBlock.dense(RELU);
    Shape in = new Shape(1, 4);
    b.initialize(manager, DataType.FLOAT32, in);
    NDArray y = forward(b, manager.create(new float[] {-1, 0, 0.5f, 2}, in));
    assertArrayEquals(new float[] {0, 0, 0.5f, 2}, y.toFloatArray(), 0f);
    assertEquals(in, b.getOutputShapes(new Shape[] {in})[0]);
  }

  /** ReGLU over channels: out[c] = x[c] * relu(x[c + C/2]); the caller's shape stays whole. */
  @Test
  void gatedHalvesTheChannelAxis() {
    ActivationBlock b = ActivationBlock.channels(REGLU);
    Shape in = new Shape(1, 4, 1, 1);
    b.initialize(manager, DataType.FLOAT32, in);
    NDArray y = forward(b, manager.create(new float[] {3, -2, 0.5f, -1}, in));
    assertEquals(new Shape(1, 2, 1, 1), y.getShape());
    assertArrayEquals(new float[] {1.5f, 0f}, y.toFloatArray(), 0f);
    Shape[] shapes = {in};
    assertEquals(new Shape(1, 2, 1, 1), b.getOutputShapes(shapes)[0]);
    assertEquals(new Shape(1, 4, 1, 1), shapes[0]);
    assertEquals(new Shape(2, 3, 5), ActivationBlock.dense(REGLU)
        .getOutputShapes(new Shape[] {new Shape(2, 3, 10)})[0]);
  }
}
