package analogsweep.analog;

import ai.djl.ndarray.NDArray;
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
    try (NDArray n = draw(x)) {
      return x.add(n);
    }
  }

  @Override
  public NDArray addInPlace(NDArray owned, SplittableRandom host) {
    try (NDArray n = draw(owned)) {
      return owned.addi(n);
    }
  }

  /** Laplace draws of x's shape: b (ln u1 - ln u2), u uniform on (0, 1]. */
  private NDArray draw(NDArray x) {
    NDArray l1 = logOfOneMinusUniform(x);
    try (NDArray l2 = logOfOneMinusUniform(x)) {
      return l1.subi(l2).muli(Scalars.of(x, scale));
    }
  }

  /** {@code ln(1 - U)} with U uniform on [0, 1): 1 - U lies in (0, 1], so it is finite. */
  private static NDArray logOfOneMinusUniform(NDArray like) {
    try (NDArray u = like.getManager().randomUniform(0f, 1f, like.getShape(),
        like.getDataType(), like.getDevice())) {
      return u.negi().addi(Scalars.of(like, 1)).log();
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
