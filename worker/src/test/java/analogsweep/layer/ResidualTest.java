package analogsweep.layer;

import static analogsweep.layer.Blocks.forward;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import analogsweep.EngineTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** after(main(x) + shortcut(x)) on a tiny vector, its shapes, parts and printout. */
class ResidualTest extends EngineTest {
  private static SequentialBlock times(float factor) {
    return new SequentialBlock().add(new LambdaBlock(
        l -> new NDList(l.singletonOrThrow().mul(factor)), "times " + factor));
  }

  /** main 2x, identity shortcut: 3x. */
  @Test
  void identityShortcutAddsTheInput() {
    Residual r = new Residual("double", times(2), null, null);
    r.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
    NDArray x = manager.create(new float[] {-1, 0.5f, 2}, new Shape(1, 3));
    assertArrayEquals(new float[] {-3, 1.5f, 6}, forward(r, x).toFloatArray(), 0f);
    assertEquals("double (+ identity)", r.toString());
    assertEquals(List.of("main"), r.parts().stream().map(Map.Entry::getKey).toList());
  }

  /** main 2x, shortcut -x, ReLU after the sum: relu(x). */
  @Test
  void shortcutAndAfterTheSum() {
    NamedSequence after = new NamedSequence("ReLU after");
    after.add(Activation.reluBlock());
    Residual r = new Residual("block", times(2), times(-1), after);
    r.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
    NDArray x = manager.create(new float[] {-1, 0.5f, 2}, new Shape(1, 3));
    assertArrayEquals(new float[] {0, 0.5f, 2}, forward(r, x).toFloatArray(), 0f);
    assertEquals(new Shape(4, 3), r.getOutputShapes(new Shape[] {new Shape(4, 3)})[0]);
    assertEquals("block (+ shortcut)", r.toString());
    assertEquals(List.of("main", "shortcut", "after the sum"),
        r.parts().stream().map(Map.Entry::getKey).toList());
    assertEquals("ReLU after", r.parts().get(2).getValue().toString());
  }
}
