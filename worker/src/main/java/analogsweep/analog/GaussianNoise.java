package analogsweep.analog;

import ai.djl.ndarray.NDArray;
import analogsweep.grid.NoiseKind;
import java.util.SplittableRandom;

/** Additive N(0, sigma^2), {@code sigma = 1 / (2 sqrt 2 p erfinv(1 - EP))}: the paper's noise. */
public record GaussianNoise(double sigma) implements NoiseModel {
  @Override
  public NoiseKind kind() {
    return NoiseKind.GAUSSIAN;
  }

  @Override
  public double parameter() {
    return sigma;
  }

  @Override
  public double standardDeviation() {
    return sigma;
  }

  @Override
  public NDArray apply(NDArray x, ChainDraws draws) {
    try (NDArray n = NoiseSampler.additive(kind(), x, sigma, draws.engine())) {
      return x.add(n);
    }
  }

  @Override
  public NDArray addInPlace(NDArray owned, ChainDraws draws) {
    try (NDArray n = NoiseSampler.additive(kind(), owned, sigma, draws.engine())) {
      return owned.addi(n);
    }
  }

  @Override
  public double apply(double x, SplittableRandom random) {
    return x + sigma * NoiseSampler.standardNormal(random);
  }

  @Override
  public String describe() {
    return "noise(sigma=" + NoiseModel.format(sigma) + ")";
  }
}
