package analogsweep.layer;

import static analogsweep.layer.Blocks.forward;
import static analogsweep.layer.Blocks.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import analogsweep.EngineTest;
import org.junit.jupiter.api.Test;

/**
 * The class token in front, the position embedding added: values against the stored parameters,
 * which are N(0, 1) draws of the seed (class token) and of its complement (positions).
 */
class TokenEmbeddingTest extends EngineTest {
  @Test
  void classTokenFirstAndPositionsAdded() {
    TokenEmbedding e = new TokenEmbedding(5);
    Shape in = new Shape(2, 3, 4);
    e.initialize(manager, DataType.FLOAT32, in);
    NDArray x = manager.arange(0f, 24f).reshape(in);
    NDArray y = forward(e, x);
    assertEquals(new Shape(2, 4, 4), y.getShape());
    assertEquals(new Shape(2, 4, 4), e.getOutputShapes(new Shape[] {in})[0]);
    float[] cls = values(e, "class_token");
    float[] pos = values(e, "positions");
    assertEquals(4, cls.length);
    assertEquals(16, pos.length);
    float[] out = y.toFloatArray();
    for (int b = 0; b < 2; b++) {
      for (int t = 0; t < 4; t++) {
        for (int c = 0; c < 4; c++) {
          double token = t == 0 ? cls[c] : b * 12 + (t - 1) * 4 + c;
          assertEquals(token + pos[t * 4 + c], out[b * 16 + t * 4 + c], 1e-5,
              "sample " + b + ", token " + t + ", feature " + c);
        }
      }
    }
  }

  @Test
  void initialValuesAreTheSeedsNormalDraws() {
    TokenEmbedding e = new TokenEmbedding(5);
    e.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 4));
    assertArrayEquals(SeededInitializer.normal(1.0, 5).initialize(manager, new Shape(1, 1, 4),
        DataType.FLOAT32).toFloatArray(), values(e, "class_token"), 0f);
    assertArrayEquals(SeededInitializer.normal(1.0, ~5L).initialize(manager, new Shape(1, 4, 4),
        DataType.FLOAT32).toFloatArray(), values(e, "positions"), 0f);
    assertEquals("TokenEmbedding(class token + position embedding)", e.toString());
  }
}
