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
  public NDArray apply(NDArray x, SplittableRandom host) {
    try (NDArray n = x.getManager().randomNormal(0f, (float) sigma, x.getShape(),
        x.getDataType(), x.getDevice())) {
      return x.add(n);
    }
  }

  @Override
  public NDArray addInPlace(NDArray owned, SplittableRandom host) {
    try (NDArray n = owned.getManager().randomNormal(0f, (float) sigma, owned.getShape(),
        owned.getDataType(), owned.getDevice())) {
      return owned.addi(n);
    }
  }

  @Override
  public double apply(double x, SplittableRandom random) {
    return x + sigma * standardNormal(random);
  }

  /** A standard normal draw (Box-Muller; SplittableRandom has no nextGaussian on Java 17). */
  static double standardNormal(SplittableRandom r) {
    double u = 1.0 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  @Override
  public String describe() {
    return "noise(sigma=" + NoiseModel.format(sigma) + ")";
  }
}
