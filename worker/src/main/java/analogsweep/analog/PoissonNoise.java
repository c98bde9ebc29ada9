package analogsweep.analog;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import analogsweep.grid.NoiseKind;
import java.util.SplittableRandom;

/**
 * Shot noise: a value x becomes {@code sign(x) Poisson(|x| p k) / (p k)}, unbiased, with standard
 * deviation {@code sqrt(|x| / (p k))} growing with the signal; k is chosen so that the largest
 * error probability over the levels equals EP ({@link ErrorProbability#poissonK}). The engine
 * cannot draw Poisson variates through DJL, so tensors are drawn on the host from the generator
 * passed in (one per grid point), with a straight-through (identity) gradient.
 */
public record PoissonNoise(double k, int precision) implements NoiseModel {
  @Override
  public NoiseKind kind() {
    return NoiseKind.POISSON;
  }

  @Override
  public double parameter() {
    return k;
  }

  @Override
  public double standardDeviation() {
    return Math.sqrt(1.0 / (precision * k));
  }

  @Override
  public NDArray apply(NDArray x, ChainDraws draws) {
    float[] values;
    try (NDArray detached = x.stopGradient();
        NDArray asFloat = detached.toType(DataType.FLOAT32, false)) {
      values = asFloat.toFloatArray();
    }
    double scale = precision * k;
    for (int j = 0; j < values.length; j++) {
      values[j] = (float) NoiseSampler.shot(values[j], scale, draws.host());
    }
    NDArray noisy = x.getManager().create(values, x.getShape()).toType(x.getDataType(), false);
    return AnalogChain.straightThrough(x, noisy);
  }

  @Override
  public double apply(double x, SplittableRandom random) {
    return NoiseSampler.shot(x, precision * k, random);
  }

  @Override
  public String describe() {
    return "poisson(k=" + NoiseModel.format(k) + ")";
  }
}
