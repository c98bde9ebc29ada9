package analogsweep.analog;

import ai.djl.ndarray.NDArray;
import analogsweep.grid.NoiseKind;
import java.io.Serializable;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One noise distribution of the analog chain, set by the error probability EP and the precision p
 * ({@link ErrorProbability}): the same definition acts on tensors (the chain inside a network,
 * identity gradient) and on single values (the gradient-error map). Tensor draws come from the
 * chain's {@link ChainDraws}: the engine's where the engine can draw the distribution, else the
 * host generator.
 */
public sealed interface NoiseModel extends Serializable
    permits NoiseModel.None, GaussianNoise, LaplaceNoise, UniformNoise, PoissonNoise {

  /** The noise of kind {@code kind} at error probability {@code ep} and precision p; none for EP 0. */
  static NoiseModel of(NoiseKind kind, double ep, Integer precision) {
    if (precision == null || ep == 0) {
      return new None(kind);
    }
    return switch (kind) {
      case GAUSSIAN -> new GaussianNoise(ErrorProbability.sigma(ep, precision));
      case LAPLACE -> new LaplaceNoise(ErrorProbability.laplaceScale(ep, precision));
      case UNIFORM -> new UniformNoise(ErrorProbability.uniformWidth(ep, precision));
      case POISSON -> new PoissonNoise(ErrorProbability.poissonK(ep, precision), precision);
    };
  }

  NoiseKind kind();

  /** The distribution's own parameter: sigma, scale b, width w or k (0 without noise). */
  double parameter();

  /**
   * The standard deviation of the noise on a value of magnitude 1, the same quantity for every
   * kind (for Poisson noise it grows with the signal, as sqrt(|x| / (p k))).
   */
  double standardDeviation();

  /** Whether this adds nothing. */
  default boolean isNone() {
    return false;
  }

  /** {@code x} with noise, identity gradient; arrays are made in x's manager. */
  NDArray apply(NDArray x, ChainDraws draws);

  /**
   * {@code owned} with noise, where the caller owns {@code owned}, records no gradient on it and
   * no longer needs it: additive noise is added in place; other noise returns a new array and
   * closes {@code owned}.
   */
  default NDArray addInPlace(NDArray owned, ChainDraws draws) {
    NDArray out = apply(owned, draws);
    if (out != owned) {
      owned.close();
    }
    return out;
  }

  /** One value with noise, drawn from {@code random}. */
  double apply(double x, SplittableRandom random);

  /** "noise(sigma=0.0116)", "laplace(scale=0.009)", ... for printed models; "" for none. */
  String describe();

  /** No noise: EP 0, or no precision. */
  record None(NoiseKind kind) implements NoiseModel {
    @Override
    public double parameter() {
      return 0;
    }

    @Override
    public double standardDeviation() {
      return 0;
    }

    @Override
    public boolean isNone() {
      return true;
    }

    @Override
    public NDArray apply(NDArray x, ChainDraws draws) {
      return x;
    }

    @Override
    public double apply(double x, SplittableRandom random) {
      return x;
    }

    @Override
    public String describe() {
      return "";
    }
  }

  /** "%.4g" of a parameter, as printed models show it. */
  static String format(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
