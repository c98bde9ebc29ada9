package analogsweep.analog;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import analogsweep.grid.NoiseKind;
import analogsweep.tensor.Scalars;
import java.util.SplittableRandom;

/**
 * The one place the chain's noise is drawn, for one network ({@link NoiseModel}: a scalar
 * parameter) and for a pack of networks (the packed chain: one parameter per point, broadcast
 * along the pack axis), on tensors and on single values. Additive noise comes from the engine's
 * generator; shot (Poisson) noise from a host generator. Each draw keeps the operations, and so
 * the numbers, each chain had before they shared this class.
 */
public final class NoiseSampler {
  private NoiseSampler() {}

  /**
   * Additive noise of {@code like}'s shape with one parameter (sigma, scale b or width w): the
   * engine draws Gaussian and uniform noise at that spread directly.
   */
  public static NDArray additive(NoiseKind kind, NDArray like, double parameter) {
    NDManager m = like.getManager();
    return switch (kind) {
      case GAUSSIAN -> m.randomNormal(0f, (float) parameter, like.getShape(),
          like.getDataType(), like.getDevice());
      case UNIFORM -> {
        float half = (float) (parameter / 2);
        yield m.randomUniform(-half, half, like.getShape(), like.getDataType(),
            like.getDevice());
      }
      case LAPLACE -> unitLaplace(like).muli(Scalars.of(like, parameter));
      case POISSON -> throw new IllegalArgumentException("Poisson noise is not additive");
    };
  }

  /**
   * Additive noise of {@code like}'s shape, unit draws scaled by {@code parameter} (one value per
   * packed point, shaped to broadcast against {@code like}).
   */
  public static NDArray additive(NoiseKind kind, NDArray like, NDArray parameter) {
    NDManager m = like.getManager();
    return switch (kind) {
      case GAUSSIAN -> m.randomNormal(0f, 1f, like.getShape(), like.getDataType(),
          like.getDevice()).muli(parameter);
      case UNIFORM -> m.randomUniform(-0.5f, 0.5f, like.getShape(), like.getDataType(),
          like.getDevice()).muli(parameter);
      case LAPLACE -> unitLaplace(like).muli(parameter);
      case POISSON -> throw new IllegalArgumentException("Poisson noise is not additive");
    };
  }

  /** Standard Laplace draws of {@code like}'s shape: ln(1 - U1) - ln(1 - U2). */
  private static NDArray unitLaplace(NDArray like) {
    NDArray l1 = logOfOneMinusUniform(like);
    try (NDArray l2 = logOfOneMinusUniform(like)) {
      return l1.subi(l2);
    }
  }

  /** {@code ln(1 - U)} with U uniform on [0, 1): 1 - U lies in (0, 1], so it is finite. */
  private static NDArray logOfOneMinusUniform(NDArray like) {
    try (NDArray u = like.getManager().randomUniform(0f, 1f, like.getShape(),
        like.getDataType(), like.getDevice())) {
      return u.negi().addi(Scalars.of(like, 1)).log();
    }
  }

  /** A standard normal draw (Box-Muller; SplittableRandom has no nextGaussian on Java 17). */
  public static double standardNormal(SplittableRandom r) {
    double u = 1.0 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  /** A Laplace draw of scale {@code b}: b (ln(1 - u1) - ln(1 - u2)). */
  public static double laplace(double b, SplittableRandom r) {
    return b * (Math.log(1.0 - r.nextDouble()) - Math.log(1.0 - r.nextDouble()));
  }

  /** A draw uniform on [-w/2, w/2). */
  public static double uniform(double w, SplittableRandom r) {
    return (r.nextDouble() - 0.5) * w;
  }

  /** One shot-noise draw: sign(x) Poisson(|x| scale) / scale, with scale = p k; 0 stays 0. */
  public static double shot(double x, double scale, SplittableRandom random) {
    if (x == 0) {
      return 0;
    }
    return Math.signum(x) * PoissonSampler.sample(Math.abs(x) * scale, random) / scale;
  }
}
