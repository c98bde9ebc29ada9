package analogsweep.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The machine's dense float32 matrix-multiply rate with the given threads: the ceiling that a
 * network's weight layers can approach. Square products of size n, best of several timed runs.
 */
public final class MatmulPeak {
  private MatmulPeak() {}

  /** GFLOP/s of an n x n by n x n product (2 n^3 FLOPs), best of {@code repeats}. */
  public static double gflops(Device device, int threads, int n, int repeats) {
    Engine.getEngine("PyTorch"); // loads the native library
    if (threads > 0) {
      JniUtils.setNumThreads(threads);
    }
    try (NDManager m = NDManager.newBaseManager(device)) {
      NDArray a = m.randomUniform(-1f, 1f, new Shape(n, n), DataType.FLOAT32);
      NDArray b = m.randomUniform(-1f, 1f, new Shape(n, n), DataType.FLOAT32);
      a.matMul(b).close(); // warm-up
      double best = 0;
      for (int r = 0; r < repeats; r++) {
        long t0 = System.nanoTime();
        try (NDArray c = a.matMul(b)) {
          c.getFloat(0, 0); // waits for the result on devices that run asynchronously
        }
        best = Math.max(best, 2.0 * n * n * n / ((System.nanoTime() - t0) / 1e9) / 1e9);
      }
      return best;
    }
  }
}
