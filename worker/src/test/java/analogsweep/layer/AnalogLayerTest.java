package analogsweep.layer;

import static analogsweep.layer.Blocks.AFTER;
import static analogsweep.layer.Blocks.BEFORE;
import static analogsweep.layer.Blocks.DIGITAL;
import static analogsweep.layer.Blocks.NOWHERE;
import static analogsweep.layer.Blocks.P4;
import static analogsweep.layer.Blocks.WEIGHTS;
import static analogsweep.layer.Blocks.forward;
import static analogsweep.layer.Blocks.set;
import static analogsweep.layer.Blocks.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import analogsweep.EngineTest;
import analogsweep.analog.AnalogChain;
import analogsweep.grid.ChainSites;
import org.junit.jupiter.api.Test;

/**
 * AnalogLinear and AnalogConv2d: output shapes, hand-computed outputs on tiny inputs with the
 * chain before the layer, after it and on its weights (precision 4, no noise), the seeded
 * PyTorch-default initialisation, and printouts.
 */
class AnalogLayerTest extends EngineTest {
  /** W = [[1, 2, 3], [-1, 0, 0.5]], b = [0.25, -0.5]; x = [0.1, 0.2, 0.05]. */
  private AnalogLinear linear(AnalogChain chain, ChainSites sites) {
    AnalogLinear layer = new AnalogLinear(2, chain, sites, 11);
    layer.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
    set(layer, "weight", 1, 2, 3, -1, 0, 0.5f);
    set(layer, "bias", 0.25f, -0.5f);
    return layer;
  }

  private NDArray x() {
    return manager.create(new float[] {0.1f, 0.2f, 0.05f}, new Shape(1, 3));
  }

  /** y0 = 0.1 + 0.4 + 0.15 + 0.25 = 0.9; y1 = -0.1 + 0 + 0.025 - 0.5 = -0.575. */
  @Test
  void digitalLinearIsXWTransposedPlusB() {
    assertArrayEquals(new float[] {0.9f, -0.575f},
        forward(linear(DIGITAL, NOWHERE), x()).toFloatArray(), 1e-6f);
  }

  /** After the layer: clamp, then levels of 1/4, ties towards zero: 0.9 -> 1, -0.575 -> -0.5. */
  @Test
  void chainAfterTheLayerQuantizesItsOutput() {
    assertArrayEquals(new float[] {1f, -0.5f},
        forward(linear(P4, AFTER), x()).toFloatArray(), 0f);
  }

  /**
   * Before the layer the input becomes [0, 0.25, 0] (0.4 and 0.2 levels round to 0, 0.8 to 1):
   * y0 = 0.5 + 0.25 = 0.75, y1 = 0 - 0.5 = -0.5.
   */
  @Test
  void chainBeforeTheLayerQuantizesItsInput() {
    assertArrayEquals(new float[] {0.75f, -0.5f},
        forward(linear(P4, BEFORE), x()).toFloatArray(), 1e-6f);
  }

  /**
   * On the weights: W is clamped to [[1, 1, 1], [-1, 0, 0.5]] (already on levels of 1/4), b stays:
   * y0 = 0.1 + 0.2 + 0.05 + 0.25 = 0.6, y1 = -0.575; the stored weights keep their values.
   */
  @Test
  void chainOnTheWeightsActsOnACopy() {
    AnalogLinear layer = linear(P4, WEIGHTS);
    assertArrayEquals(new float[] {0.6f, -0.575f}, forward(layer, x()).toFloatArray(), 1e-6f);
    assertArrayEquals(new float[] {1, 2, 3, -1, 0, 0.5f}, values(layer, "weight"), 0f);
  }

  @Test
  void linearActsOnTheLastAxisAtAnyRank() {
    AnalogLinear layer = new AnalogLinear(5, DIGITAL, NOWHERE, 3);
    Shape in = new Shape(2, 7, 4);
    layer.initialize(manager, DataType.FLOAT32, in);
    assertEquals(new Shape(2, 7, 5), layer.getOutputShapes(new Shape[] {in})[0]);
    assertEquals(new Shape(2, 7, 5), forward(layer, manager.ones(in)).getShape());
    assertEquals(new Shape(5, 4), layer.getParameters().get("weight").getArray().getShape());
  }

  /** PyTorch's default: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weight and bias, from the seed. */
  @Test
  void initialValuesComeFromTheSeedWithTheFanInBound() {
    AnalogLinear a = new AnalogLinear(3, DIGITAL, NOWHERE, 42);
    a.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
    double bound = 1 / Math.sqrt(4);
    assertArrayEquals(SeededInitializer.uniformValues(bound, 42, 12), values(a, "weight"), 0f);
    assertArrayEquals(SeededInitializer.uniformValues(bound, ~42L, 3), values(a, "bias"), 0f);
    AnalogLinear same = new AnalogLinear(3, DIGITAL, NOWHERE, 42);
    same.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
    assertArrayEquals(values(a, "weight"), values(same, "weight"), 0f);
    // a conv's fan-in is channels x kernel x kernel: 2 x 3 x 3 = 18
    AnalogConv2d conv = new AnalogConv2d(4, 3, 1, 1, DIGITAL, NOWHERE, 9);
    conv.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 5, 5));
    assertArrayEquals(SeededInitializer.uniformValues(1 / Math.sqrt(18), 9, 72),
        values(conv, "weight"), 0f);
  }

  /**
   * x(i, j) = 3i + j + 1 on 3 x 3, kernel [[1, 2], [3, 4]], bias 0.5: each output is
   * 10 (3i + j) + 37 + 0.5, so [[37.5, 47.5], [67.5, 77.5]].
   */
  @Test
  void convolutionOfATinyImageByHand() {
    AnalogConv2d conv = new AnalogConv2d(1, 2, 1, 0, DIGITAL, NOWHERE, 1);
    conv.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 3, 3));
    set(conv, "weight", 1, 2, 3, 4);
    set(conv, "bias", 0.5f);
    NDArray x = manager.arange(1f, 10f).reshape(1, 1, 3, 3);
    NDArray y = forward(conv, x);
    assertEquals(new Shape(1, 1, 2, 2), y.getShape());
    assertArrayEquals(new float[] {37.5f, 47.5f, 67.5f, 77.5f}, y.toFloatArray(), 1e-5f);
  }

  /** (H + 2 pad - k) / stride + 1: (7 + 2 - 3) / 2 + 1 = 4. */
  @Test
  void convolutionOutputShapeWithStrideAndPadding() {
    AnalogConv2d conv = new AnalogConv2d(6, 3, 2, 1, false, DIGITAL, NOWHERE, 1);
    Shape in = new Shape(2, 3, 7, 7);
    conv.initialize(manager, DataType.FLOAT32, in);
    assertEquals(new Shape(2, 6, 4, 4), conv.getOutputShapes(new Shape[] {in})[0]);
    assertEquals(new Shape(2, 6, 4, 4), forward(conv, manager.ones(in)).getShape());
    assertEquals(null, conv.getParameters().get("bias"));
  }

  @Test
  void convolutionRejectsAnEmptyKernel() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AnalogConv2d(1, 0, 1, 0, DIGITAL, NOWHERE, 1));
    assertEquals("kernel 0, stride 1, padding 0", e.getMessage());
  }

  @Test
  void printoutsNameSizesAndTheChain() {
    AnalogLinear layer = new AnalogLinear(2, false, P4, new ChainSites(false, true, true, true),
        1);
    assertEquals("AnalogLinear(? -> 2; no bias; in: clamp>RP(p=4); weights: clamp>RP(p=4); "
        + "out: clamp>RP(p=4))", layer.toString());
    layer.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
    assertEquals("AnalogLinear(3 -> 2; no bias; in: clamp>RP(p=4); weights: clamp>RP(p=4); "
        + "out: clamp>RP(p=4))", layer.toString());
    AnalogConv2d conv = new AnalogConv2d(8, 3, 2, 1, DIGITAL, NOWHERE, 1);
    conv.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 8, 8));
    assertEquals("AnalogConv2d(3 -> 8, 3x3, stride 2, pad 1; digital)", conv.toString());
  }
}
