package analogsweep.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;

/**
 * N(0, sd^2) drawn from a Java generator with a fixed seed (Box-Muller), so that initial values
 * depend on the grid point's seed only: {@code torch.randn} for the ViT's class token and
 * position embedding.
 */
final class SeededNormalInitializer implements Initializer {
  private final double sd;
  private final long seed;

  SeededNormalInitializer(double sd, long seed) {
    this.sd = sd;
    this.seed = seed;
  }

  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int k = 0; k < values.length; k++) {
      double u = 1.0 - random.nextDouble();
      double z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
      values[k] = (float) (sd * z);
    }
    return manager.create(values, shape).toType(dataType, false);
  }
}
