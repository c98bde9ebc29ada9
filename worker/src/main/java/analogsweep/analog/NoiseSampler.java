package analogsweep.analog;

import ai.djl.ndarray.NDArray;
import analogsweep.grid.NoiseKind;
import analogsweep.seed.EngineDraws;
import analogsweep.tensor.Scalars;
import java.util.SplittableRandom;

/**
 * The one place the chain's noise is drawn, for one network ({@link NoiseModel}: a scalar
 * parameter) and for a pack of networks (the packed chain: one parameter per point, broadcast
 * along the pack axis), on tensors and on single values. Additive noise comes from the training's
 * {@link EngineDraws}; shot (Poisson) noise from a host generator. Each draw keeps the operations
 * each chain had before they shared this class.
 */
public final class NoiseSampler {
  private NoiseSampler() {}

  /**
   * Additive noise of {@code like}'s shape with one parameter (sigma, scale b or width w), drawn
   * by {@code engine}: Gaussian and uniform noise at that spread directly.
   */
  public static NDArray additive(NoiseKind kind, NDArray like, double parameter,
      EngineDraws engine) {
    return switch (kind) {
      case GAUSSIAN -> engine.normal(like, 0f, (float) parameter);
      case UNIFORM -> {
        float half = (float) (parameter / 2);
        yield engine.uniform(like, -half, half);
      }
      case LAPLACE -> unitLaplace(like, engine).muli(Scalars.of(like, parameter));
      case POISSON -> throw new IllegalArgumentException("Poisson noise is not additive");
    };
  }

  /**
   * Additive noise of {@code like}'s shape, unit draws scaled by {@code parameter} (one value per
   * packed point, shaped to broadcast against {@code like}), drawn by {@code engine}.
   */
  public static NDArray additive(NoiseKind kind, NDArray like, NDArray parameter,
      EngineDraws engine) {
    return switch (kind) {
      case GAUSSIAN -> engine.normal(like, 0f, 1f).muli(parameter);
      case UNIFORM -> engine.uniform(like, -0.5f, 0.5f).muli(parameter);
      case LAPLACE -> unitLaplace(like, engine).muli(parameter);
      case POISSON -> throw new IllegalArgumentException("Poisson noise is not additive");
    };
  }

  /** Standard Laplace draws of {@code like}'s shape: ln(1 - U1) - ln(1 - U2). */
  private static NDArray unitLaplace(NDArray like, EngineDraws engine) {
    NDArray l1 = logOfOneMinusUniform(like, engine);
    try (NDArray l2 = logOfOneMinusUniform(like, engine)) {
      return l1.subi(l2);
    }
  }

  /** {@code ln(1 - U)} with U uniform on [0, 1): 1 - U lies in (0, 1], so it is finite. */
  private static NDArray logOfOneMinusUniform(NDArray like, EngineDraws engine) {
    try (NDArray u = engine.uniform(like, 0f, 1f)) {
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
