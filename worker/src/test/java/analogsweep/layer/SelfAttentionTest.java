package analogsweep.layer;

import static analogsweep.layer.Blocks.DIGITAL;
import static analogsweep.layer.Blocks.NOWHERE;
import static analogsweep.layer.Blocks.forward;
import static analogsweep.layer.Blocks.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import analogsweep.EngineTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Multi-head self-attention against the same arithmetic written out in doubles: the projection
 * to q, k, v (no bias), softmax(q k^T / sqrt(d)) v per head, heads side by side, the output
 * projection with its bias.
 */
class SelfAttentionTest extends EngineTest {
  private static final int WIDTH = 3;
  private static final int HEADS = 2;
  private static final int D = 2;
  private static final int TOKENS = 3;

  private SelfAttention attention(long qkvSeed, long outSeed) {
    SelfAttention a = new SelfAttention(WIDTH, HEADS, D, DIGITAL, NOWHERE, qkvSeed, outSeed);
    a.initialize(manager, DataType.FLOAT32, new Shape(1, TOKENS, WIDTH));
    return a;
  }

  /** y = x W^T (+ b): x (tokens, in), W (out, in) row-major. */
  private static double[][] linear(double[][] x, float[] w, float[] b, int out) {
    int in = x[0].length;
    double[][] y = new double[x.length][out];
    for (int t = 0; t < x.length; t++) {
      for (int o = 0; o < out; o++) {
        double s = b == null ? 0 : b[o];
        for (int i = 0; i < in; i++) {
          s += x[t][i] * w[o * in + i];
        }
        y[t][o] = s;
      }
    }
    return y;
  }

  private static double[] expected(SelfAttention a, double[][] x) {
    List<AnalogLinear> p = a.projections();
    double[][] qkv = linear(x, values(p.get(0), "weight"), null, 3 * HEADS * D);
    double[][] mixed = new double[TOKENS][HEADS * D];
    for (int h = 0; h < HEADS; h++) {
      for (int i = 0; i < TOKENS; i++) {
        double[] scores = new double[TOKENS];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < TOKENS; j++) {
          double s = 0;
          for (int c = 0; c < D; c++) {
            s += qkv[i][h * D + c] * qkv[j][HEADS * D + h * D + c];
          }
          scores[j] = s / Math.sqrt(D);
          max = Math.max(max, scores[j]);
        }
        double sum = 0;
        for (int j = 0; j < TOKENS; j++) {
          scores[j] = Math.exp(scores[j] - max);
          sum += scores[j];
        }
        for (int c = 0; c < D; c++) {
          double v = 0;
          for (int j = 0; j < TOKENS; j++) {
            v += scores[j] / sum * qkv[j][2 * HEADS * D + h * D + c];
          }
          mixed[i][h * D + c] = v;
        }
      }
    }
    double[][] y = linear(mixed, values(p.get(1), "weight"), values(p.get(1), "bias"), WIDTH);
    double[] flat = new double[TOKENS * WIDTH];
    for (int t = 0; t < TOKENS; t++) {
      System.arraycopy(y[t], 0, flat, t * WIDTH, WIDTH);
    }
    return flat;
  }

  @Test
  void matchesTheArithmeticWrittenOut() {
    double[][] x = {{0.5, -1, 2}, {1.5, 0.25, -0.75}, {-2, 1, 0.1}};
    float[] flat = new float[TOKENS * WIDTH];
    for (int t = 0; t < TOKENS; t++) {
      for (int i = 0; i < WIDTH; i++) {
        flat[t * WIDTH + i] = (float) x[t][i];
      }
    }
    SelfAttention a = attention(3, 4);
    NDArray y = forward(a, manager.create(flat, new Shape(1, TOKENS, WIDTH)));
    assertEquals(new Shape(1, TOKENS, WIDTH), y.getShape());
    double[] want = expected(a, x);
    float[] got = y.toFloatArray();
    for (int k = 0; k < want.length; k++) {
      assertEquals(want[k], got[k], 1e-5, "element " + k);
    }
  }

  /** The projections: qkv (3 heads d, width) without bias, out (width, heads d) with one. */
  @Test
  void projectionShapesAndSeeds() {
    SelfAttention a = attention(3, 4);
    assertEquals(new Shape(3 * HEADS * D, WIDTH),
        a.projections().get(0).getParameters().get("weight").getArray().getShape());
    assertEquals(null, a.projections().get(0).getParameters().get("bias"));
    assertEquals(new Shape(WIDTH, HEADS * D),
        a.projections().get(1).getParameters().get("weight").getArray().getShape());
    assertArrayEquals(SeededInitializer.uniformValues(1 / Math.sqrt(WIDTH), 3, 36),
        values(a.projections().get(0), "weight"), 0f);
    assertArrayEquals(SeededInitializer.uniformValues(1 / Math.sqrt(HEADS * D), 4, 12),
        values(a.projections().get(1), "weight"), 0f);
    assertEquals("SelfAttention(2 heads of 2: softmax(q k^T / sqrt(2)) v)", a.toString());
  }

  @Test
  void keepsTheShapeAtAnyBatchAndLength() {
    SelfAttention a = new SelfAttention(4, 2, 3, DIGITAL, NOWHERE, 1, 2);
    Shape in = new Shape(2, 5, 4);
    a.initialize(manager, DataType.FLOAT32, in);
    assertEquals(in, a.getOutputShapes(new Shape[] {in})[0]);
    assertEquals(in, forward(a, manager.ones(in)).getShape());
  }
}
