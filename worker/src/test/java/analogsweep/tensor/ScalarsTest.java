package analogsweep.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import analogsweep.EngineTest;
import org.junit.jupiter.api.Test;

/** A scalar takes the type, device and manager of the array it meets, and its value as a float. */
class ScalarsTest extends EngineTest {
  @Test
  void takesTheTypeOfTheArrayAndTheValueAsAFloat() {
    NDArray f32 = manager.create(new float[] {1, 2});
    NDArray s = Scalars.of(f32, 2.5);
    assertEquals(new Shape(), s.getShape());
    assertEquals(DataType.FLOAT32, s.getDataType());
    assertEquals(2.5f, s.getFloat(), 0f);
    assertEquals(f32.getDevice(), s.getDevice());

    NDArray f64 = manager.create(new double[] {1, 2});
    NDArray d = Scalars.of(f64, 0.1);
    assertEquals(DataType.FLOAT64, d.getDataType());
    assertEquals((double) (float) 0.1, d.getDouble(), 0.0, "made as a float, then widened");
    assertEquals(2, Scalars.of(manager.create(new int[] {1}), 2.7).getInt(), "cast to int32");
  }

  @Test
  void belongsToTheManagerOfTheArrayAndIsFreedWithIt() {
    NDManager batch = manager.newSubManager();
    NDArray x = batch.create(new float[] {3});
    NDArray s = Scalars.of(x, 4);
    assertSame(batch, s.getManager());
    assertEquals(12f, x.mul(s).getFloat(), 0f);
    batch.close();
    assertTrue(s.isReleased());
  }
}
