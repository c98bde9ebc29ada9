package analogsweep.layer;

import static analogsweep.layer.Blocks.P4;
import static analogsweep.layer.Blocks.forward;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import analogsweep.EngineTest;
import org.junit.jupiter.api.Test;

/** The image through the digital-to-analog side once: clamp, then levels of 1/4 (no noise). */
class AnalogInputTest extends EngineTest {
  /** [0.1, 0.2, 2, -0.6] -> clamp [0.1, 0.2, 1, -0.6] -> levels [0, 0.25, 1, -0.5]. */
  @Test
  void clampsAndQuantizesTheImage() {
    AnalogInput block = new AnalogInput(P4);
    Shape in = new Shape(1, 1, 2, 2);
    block.initialize(manager, DataType.FLOAT32, in);
    NDArray x = manager.create(new float[] {0.1f, 0.2f, 2f, -0.6f}, in);
    NDArray y = forward(block, x);
    assertEquals(in, y.getShape());
    assertEquals(in, block.getOutputShapes(new Shape[] {in})[0]);
    assertArrayEquals(new float[] {0, 0.25f, 1, -0.5f}, y.toFloatArray(), 0f);
    assertEquals("AnalogInput(image: clamp>RP(p=4))", block.toString());
  }
}
