package analogsweep.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;

/**
 * Initial values drawn from a Java generator with a fixed seed, so that they depend only on the
 * grid point's seed and not on the engine's global generator (which concurrent tasks in one
 * executor share): U(-bound, bound), with bound 1/sqrt(fan_in) PyTorch's default Kaiming-uniform
 * initialisation of Linear and Conv2d weights and biases (and, with other bounds, Kaiming-uniform);
 * or N(0, sd^2) (Box-Muller), as {@code torch.randn} for the ViT's class token and position
 * embedding and as Kaiming-normal ({@link LayerInit}).
 */
public final class SeededInitializer implements Initializer {
  /** The bound of the uniform law, or the standard deviation of the normal one. */
  private final double scale;
  private final boolean normal;
  private final long seed;

  private SeededInitializer(double scale, boolean normal, long seed) {
    this.scale = scale;
    this.normal = normal;
    this.seed = seed;
  }

  static SeededInitializer uniform(double bound, long seed) {
    return new SeededInitializer(bound, false, seed);
  }

  static SeededInitializer normal(double sd, long seed) {
    return new SeededInitializer(sd, true, seed);
  }

  /** {@code count} draws of U(-bound, bound) from a generator seeded with {@code seed}. */
  public static float[] uniformValues(double bound, long seed, int count) {
    return uniform(bound, seed).values(count);
  }

  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    return manager.create(values(Math.toIntExact(shape.size())), shape).toType(dataType, false);
  }

  float[] values(int count) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[count];
    for (int k = 0; k < values.length; k++) {
      values[k] = (float) draw(random);
    }
    return values;
  }

  /** One draw; the normal by Box-Muller, where 1 - U lies in (0, 1] and its logarithm is finite. */
  private double draw(SplittableRandom r) {
    if (normal) {
      double u = 1.0 - r.nextDouble();
      return scale * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
    return (r.nextDouble() * 2 - 1) * scale;
  }
}
