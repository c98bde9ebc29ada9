package analogsweep.analog;

import ai.djl.ndarray.NDArray;
import analogsweep.grid.NoiseKind;
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
  public NDArray apply(NDArray x, ChainDraws draws) {
    try (NDArray n = NoiseSampler.additive(kind(), x, scale, draws.engine())) {
      return x.add(n);
    }
  }

  @Override
  public NDArray addInPlace(NDArray owned, ChainDraws draws) {
    try (NDArray n = NoiseSampler.additive(kind(), owned, scale, draws.engine())) {
      return owned.addi(n);
    }
  }

  @Override
  public double apply(double x, SplittableRandom random) {
    return x + NoiseSampler.laplace(scale, random);
  }

  @Override
  public String describe() {
    return "laplace(scale=" + NoiseModel.format(scale) + ")";
  }
}
