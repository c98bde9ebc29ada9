package analogsweep.analog;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import analogsweep.grid.NoiseKind;
import analogsweep.tensor.Scalars;
import java.util.SplittableRandom;

/**
 * Additive Laplace noise of scale {@code b = -1 / (2 p ln EP)}, drawn as the difference of two
 * exponential draws {@code b (ln u1 - ln u2)} with u uniform on (0, 1]; standard deviation b sqrt 2.
 */
public record LaplaceNoise(double scale) implements NoiseModel {
  @Override
  public NoiseKind kind() {
    return NoiseKind.LAPLACE;
  }

  @Override
  public double parameter() {
    return scale;
  }

  @Override
  public double standardDeviation() {
    return scale * Math.sqrt(2);
  }

  @Override
  public NDArray apply(NDArray x, SplittableRandom host) {
    NDManager m = x.getManager();
    NDArray one = Scalars.of(x, 1);
    // 1 - U[0, 1) lies in (0, 1], so the logarithms are finite
    NDArray logRatio;
    try (NDArray r1 = m.randomUniform(0f, 1f, x.getShape(), x.getDataType(), x.getDevice());
        NDArray u1 = one.sub(r1); NDArray log1 = u1.log();
        NDArray r2 = m.randomUniform(0f, 1f, x.getShape(), x.getDataType(), x.getDevice());
        NDArray u2 = one.sub(r2); NDArray log2 = u2.log()) {
      logRatio = log1.sub(log2);
    }
    try (NDArray n = logRatio.mul(Scalars.of(x, scale))) {
      logRatio.close();
      return x.add(n);
    }
  }

  @Override
  public double apply(double x, SplittableRandom random) {
    return x + scale * (Math.log(1.0 - random.nextDouble()) - Math.log(1.0 - random.nextDouble()));
  }

  @Override
  public String describe() {
    return "laplace(scale=" + NoiseModel.format(scale) + ")";
  }
}
