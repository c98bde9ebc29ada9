package analogsweep.analog;

import ai.djl.ndarray.NDArray;
import analogsweep.grid.NoiseKind;
import java.util.SplittableRandom;

/** Additive noise uniform on [-w/2, w/2], {@code w = 1 / ((1 - EP) p)}; standard deviation w / sqrt 12. */
public record UniformNoise(double width) implements NoiseModel {
  @Override
  public NoiseKind kind() {
    return NoiseKind.UNIFORM;
  }

  @Override
  public double parameter() {
    return width;
  }

  @Override
  public double standardDeviation() {
    return width / Math.sqrt(12);
  }

  @Override
  public NDArray apply(NDArray x, ChainDraws draws) {
    try (NDArray n = NoiseSampler.additive(kind(), x, width, draws.engine())) {
      return x.add(n);
    }
  }

  @Override
  public NDArray addInPlace(NDArray owned, ChainDraws draws) {
    try (NDArray n = NoiseSampler.additive(kind(), owned, width, draws.engine())) {
      return owned.addi(n);
    }
  }

  @Override
  public double apply(double x, SplittableRandom random) {
    return x + NoiseSampler.uniform(width, random);
  }

  @Override
  public String describe() {
    return "uniform(width=" + NoiseModel.format(width) + ")";
  }
}
