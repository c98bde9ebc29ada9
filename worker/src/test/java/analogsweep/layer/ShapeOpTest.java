package analogsweep.layer;

import static analogsweep.layer.Blocks.forward;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import analogsweep.EngineTest;
import org.junit.jupiter.api.Test;

/** Each shape operation on a tiny image: values by hand, the stated shape equal to the computed. */
class ShapeOpTest extends EngineTest {
  /** Runs {@code op} on x and checks that the shape it states is the one it makes. */
  private NDArray run(ShapeOp op, NDArray x) {
    op.initialize(manager, DataType.FLOAT32, x.getShape());
    NDArray y = forward(op, x);
    assertEquals(op.getOutputShapes(new Shape[] {x.getShape()})[0], y.getShape(), op.toString());
    return y;
  }

  private NDArray arange(int n, long... shape) {
    return manager.arange(0f, n).reshape(shape);
  }

  /** 2 x 3 to 4 x 4: one row above, one below, the extra column on the right. */
  @Test
  void padToSplitsTheZerosEvenlyWithTheExtraBottomRight() {
    NDArray x = manager.arange(1f, 7f).reshape(1, 1, 2, 3);
    NDArray y = run(ShapeOp.padTo(4), x);
    assertEquals(new Shape(1, 1, 4, 4), y.getShape());
    assertArrayEquals(new float[] {0, 0, 0, 0, 1, 2, 3, 0, 4, 5, 6, 0, 0, 0, 0, 0},
        y.toFloatArray(), 0f);
    assertEquals("ZeroPad(to 4x4)", ShapeOp.padTo(4).toString());
  }

  @Test
  void padToLeavesLargerImagesAsTheyAre() {
    NDArray x = arange(25, 1, 1, 5, 5);
    assertArrayEquals(x.toFloatArray(), run(ShapeOp.padTo(4), x).toFloatArray(), 0f);
  }

  /**
   * x[c, i, j] = 8c + 4i + j on 2 x 2 x 4: two 2 x 2 patches, rows of the patch outer, channels
   * innermost: [0, 8, 1, 9, 4, 12, 5, 13] and [2, 10, 3, 11, 6, 14, 7, 15].
   */
  @Test
  void patchesAreRowMajorWithChannelsInnermost() {
    NDArray y = run(ShapeOp.patches(2), arange(16, 1, 2, 2, 4));
    assertEquals(new Shape(1, 2, 8), y.getShape());
    assertArrayEquals(new float[] {0, 8, 1, 9, 4, 12, 5, 13, 2, 10, 3, 11, 6, 14, 7, 15},
        y.toFloatArray(), 0f);
  }

  @Test
  void patchesRejectImagesThatDoNotSplit() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ShapeOp.patches(2).getOutputShapes(new Shape[] {new Shape(1, 1, 5, 4)}));
    assertEquals("images of 5x4 do not split into patches of 2x2", e.getMessage());
  }

  @Test
  void classTokenTakesTheFirstTokenOfEachSample() {
    NDArray y = run(ShapeOp.classToken(), arange(24, 2, 3, 4));
    assertEquals(new Shape(2, 4), y.getShape());
    assertArrayEquals(new float[] {0, 1, 2, 3, 12, 13, 14, 15}, y.toFloatArray(), 0f);
  }

  /** 4 x 4 to 2 x 2: means of the 2 x 2 blocks of 0 .. 15. */
  @Test
  void adaptiveAveragePoolAveragesBlocks() {
    NDArray y = run(ShapeOp.adaptiveAvgPool(2), arange(16, 1, 1, 4, 4));
    assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, y.toFloatArray(), 1e-6f);
    assertEquals("AdaptiveAvgPool(2x2)", ShapeOp.adaptiveAvgPool(2).toString());
  }

  /** A constant image stays constant under bilinear resizing, at the size asked. */
  @Test
  void resizeToKeepsAConstantImage() {
    NDArray y = run(ShapeOp.resizeTo(5), manager.full(new Shape(2, 3, 2, 2), 3f));
    assertEquals(new Shape(2, 3, 5, 5), y.getShape());
    for (float v : y.toFloatArray()) {
      assertEquals(3f, v, 1e-6f);
    }
    assertEquals("Resize(bilinear, to 5x5)", ShapeOp.resizeTo(5).toString());
  }
}
