package analogsweep.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import analogsweep.EngineTest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The seeded initial values: the first draws in closed form, and the laws' mean, variance and
 * (normal) one-sigma mass within four standard errors at a fixed seed over 40,000 draws.
 */
class SeededInitializerTest extends EngineTest {
  private static final int N = 40_000;

  private static double mean(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double variance(float[] v) {
    double m = mean(v);
    double s = 0;
    for (float x : v) {
      s += (x - m) * (x - m);
    }
    return s / (v.length - 1);
  }

  /** (2 U - 1) bound, U from SplittableRandom(seed), as float. */
  @Test
  void uniformDrawsAreTheGeneratorsInOrder() {
    SplittableRandom r = new SplittableRandom(123);
    float[] expected = new float[3];
    for (int k = 0; k < 3; k++) {
      expected[k] = (float) ((r.nextDouble() * 2 - 1) * 0.3);
    }
    assertArrayEquals(expected, SeededInitializer.uniformValues(0.3, 123, 3), 0f);
  }

  /** Box-Muller: sd sqrt(-2 ln(1 - U1)) cos(2 pi U2). */
  @Test
  void normalDrawsAreBoxMullerOfTheGenerator() {
    SplittableRandom r = new SplittableRandom(77);
    double u1 = 1.0 - r.nextDouble();
    double first = 2.0 * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * r.nextDouble());
    NDArray a = SeededInitializer.normal(2.0, 77).initialize(manager, new Shape(2),
        DataType.FLOAT32);
    assertEquals((float) first, a.toFloatArray()[0], 0f);
  }

  /** U(-b, b): mean 0 (SE b / sqrt(3 N)), variance b^2 / 3 (SE b^2 sqrt(4 / 45 / N)). */
  @Test
  void uniformLawHasItsMeanVarianceAndRange() {
    double b = 0.5;
    float[] v = SeededInitializer.uniformValues(b, 2024, N);
    double meanSe = b / Math.sqrt(3.0 * N);
    assertEquals(0, mean(v), 4 * meanSe);
    assertEquals(b * b / 3, variance(v), 4 * b * b * Math.sqrt(4.0 / 45 / N));
    for (float x : v) {
      assertTrue(x >= -b && x < b, "outside [-b, b): " + x);
    }
  }

  /**
   * N(0, 2^2) through the engine: mean 0 (SE 2 / sqrt(N)), variance 4 (SE 4 sqrt(2 / N)),
   * 68.27% within one sd (SE sqrt(p (1 - p) / N)); the array has the shape and type asked for.
   */
  @Test
  void normalLawHasItsMeanVarianceAndOneSigmaMass() {
    NDArray a = SeededInitializer.normal(2.0, 31).initialize(manager, new Shape(200, 200),
        DataType.FLOAT64);
    assertEquals(new Shape(200, 200), a.getShape());
    assertEquals(DataType.FLOAT64, a.getDataType());
    float[] v = a.toType(DataType.FLOAT32, false).toFloatArray();
    assertEquals(0, mean(v), 4 * 2 / Math.sqrt(N));
    assertEquals(4, variance(v), 4 * 4 * Math.sqrt(2.0 / N));
    int inside = 0;
    for (float x : v) {
      inside += Math.abs(x) < 2 ? 1 : 0;
    }
    double p = 0.682689;
    assertEquals(p, (double) inside / N, 4 * Math.sqrt(p * (1 - p) / N));
  }

  @Test
  void sameSeedSameValuesAndTheCountAsked() {
    float[] a = SeededInitializer.uniformValues(1, 5, 100);
    assertEquals(100, a.length);
    assertArrayEquals(a, SeededInitializer.uniformValues(1, 5, 100), 0f);
    // a longer draw starts with the shorter one: values depend on the seed and position only
    float[] longer = SeededInitializer.uniformValues(1, 5, 200);
    for (int k = 0; k < 100; k++) {
      assertEquals(a[k], longer[k], 0f);
    }
  }
}
