package analogsweep.analysis;

import analogsweep.activation.InterpolatedActivation;
import analogsweep.analog.AnalogChain;
import analogsweep.analog.NoiseModel;
import analogsweep.grid.Rounding;
import analogsweep.seed.PointSeeds;
import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * The paper's functional analysis: inputs x and weights w on a grid over [-1, 1] each pass
 * Noise, Clamp, ReducePrecision (the analog-to-digital side of {@link AnalogChain}, with the
 * point's noise distribution); their product passes the same chain again; the error is
 * {@code |I'(noisy product) - I'(exact product)|} over the (x, w) plane. Summaries cover the
 * whole plane and the region |x|, |w| <= 0.25 near zero, where ReLU's derivative jumps.
 * Plain Java doubles: the plane is small, and the closed-form derivative is tested against
 * autograd elsewhere. {@code noiseSigma} is the noise's standard deviation on a value of
 * magnitude 1, {@code noiseParameter} the distribution's own parameter.
 */
public final class GradientErrorMap {
  /** The half-width of the region near zero that the paper's comparison uses. */
  public static final double NEAR_ZERO = 0.25;

  private GradientErrorMap() {}

  /** Summaries and a max-pooled map of {@code mapSize x mapSize} cells (row = x, column = w). */
  public record Result(GradientErrorPoint point, String taskId, double maxError, double meanError,
      double maxErrorNearZero, double meanErrorNearZero, double noiseSigma,
      double noiseParameter, int planePoints,
      double[] map, long millis) implements Serializable {}

  public static Result compute(GradientErrorPoint p) {
    long t0 = System.nanoTime();
    InterpolatedActivation act =
        new InterpolatedActivation(p.family(), p.interpolation(), p.gateScale(), p.leak());
    NoiseModel noise = NoiseModel.of(p.noise(), p.errorProbability(), p.precision());
    PointSeeds seeds = PointSeeds.of(p.seed());
    AnalogChain chain = new AnalogChain(p.precision(), noise, Rounding.DETERMINISTIC,
        seeds.gradientMapChain());
    SplittableRandom random = seeds.gradientMapValues();
    int n = 2 * p.planePrecision() + 1;
    double[] axis = new double[n];
    double[] xNoisy = new double[n];
    double[] wNoisy = new double[n];
    for (int k = 0; k < n; k++) {
      axis[k] = -1.0 + (double) k / p.planePrecision();
      xNoisy[k] = chain.toDigital(axis[k], random);
      wNoisy[k] = chain.toDigital(axis[k], random);
    }
    int m = p.mapSize();
    double[] map = new double[m * m];
    double max = 0;
    double sum = 0;
    double maxNear = 0;
    double sumNear = 0;
    long near = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double exact = axis[i] * axis[j];
        double noisy = chain.toDigital(xNoisy[i] * wNoisy[j], random);
        double err = Math.abs(act.derivative(noisy) - act.derivative(exact));
        max = Math.max(max, err);
        sum += err;
        if (Math.abs(axis[i]) <= NEAR_ZERO + 1e-12 && Math.abs(axis[j]) <= NEAR_ZERO + 1e-12) {
          maxNear = Math.max(maxNear, err);
          sumNear += err;
          near++;
        }
        int cell = (int) ((long) i * m / n) * m + (int) ((long) j * m / n);
        map[cell] = Math.max(map[cell], err);
      }
    }
    return new Result(p, p.taskId(), max, sum / ((double) n * n), maxNear, sumNear / near,
        noise.standardDeviation(), noise.parameter(), n, map, (System.nanoTime() - t0) / 1_000_000);
  }
}
