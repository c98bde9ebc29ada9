package analogsweep.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;

/**
 * U(-bound, bound) drawn from a Java generator with a fixed seed, so initial weights depend only
 * on the grid point's seed and not on the engine's global generator (which concurrent tasks in
 * one executor share). With bound 1/sqrt(fan_in) this is PyTorch's default Kaiming-uniform
 * initialisation of Linear and Conv2d weights and biases.
 */
public final class SeededUniformInitializer implements Initializer {
  private final double bound;
  private final long seed;

  SeededUniformInitializer(double bound, long seed) {
    this.bound = bound;
    this.seed = seed;
  }

  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    return manager.create(values(bound, seed, Math.toIntExact(shape.size())), shape)
        .toType(dataType, false);
  }

  /** {@code count} draws of U(-bound, bound) from a generator seeded with {@code seed}. */
  public static float[] values(double bound, long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[count];
    for (int k = 0; k < values.length; k++) {
      values[k] = (float) ((random.nextDouble() * 2 - 1) * bound);
    }
    return values;
  }
}
