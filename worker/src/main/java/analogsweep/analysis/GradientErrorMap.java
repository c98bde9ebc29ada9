package analogsweep.analysis;

import analogsweep.activation.InterpolatedActivation;
import analogsweep.analog.ErrorProbability;
import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * The paper's functional analysis: inputs x and weights w on a grid over [-1, 1] each pass
 * Noise, Clamp, ReducePrecision; their product passes the same chain again; the error is
 * {@code |I'(noisy product) - I'(exact product)|} over the (x, w) plane. Summaries cover the
 * whole plane and the region |x|, |w| <= 0.25 near zero, where ReLU's derivative jumps.
 * Plain Java doubles: the plane is small, and the closed-form derivative is tested against
 * autograd elsewhere.
 */
public final class GradientErrorMap {
  /** The half-width of the region near zero that the paper's comparison uses. */
  public static final double NEAR_ZERO = 0.25;

  private GradientErrorMap() {}

  /** Summaries and a max-pooled map of {@code mapSize x mapSize} cells (row = x, column = w). */
  public record Result(GradientErrorPoint point, String taskId, double maxError, double meanError,
      double maxErrorNearZero, double meanErrorNearZero, double noiseSigma, int planePoints,
      double[] map, long millis) implements Serializable {}

  public static Result compute(GradientErrorPoint p) {
    long t0 = System.nanoTime();
    InterpolatedActivation act =
        new InterpolatedActivation(p.family(), p.interpolation(), p.gateScale(), p.leak());
    double sigma = ErrorProbability.sigma(p.errorProbability(), p.precision());
    SplittableRandom random = new SplittableRandom(p.seed());
    int n = 2 * p.planePrecision() + 1;
    double[] axis = new double[n];
    double[] xNoisy = new double[n];
    double[] wNoisy = new double[n];
    for (int k = 0; k < n; k++) {
      axis[k] = -1.0 + (double) k / p.planePrecision();
      xNoisy[k] = chain(axis[k], p.precision(), sigma, random);
      wNoisy[k] = chain(axis[k], p.precision(), sigma, random);
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
        double noisy = chain(xNoisy[i] * wNoisy[j], p.precision(), sigma, random);
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
    return new Result(p, p.taskId(), max, sum / ((double) n * n), maxNear, sumNear / near, sigma,
        n, map, (System.nanoTime() - t0) / 1_000_000);
  }

  /** Noise, then clamp to [-1, 1], then reduce precision (ties towards zero). */
  static double chain(double v, int p, double sigma, SplittableRandom random) {
    double noisy = sigma == 0 ? v : v + sigma * gaussian(random);
    double clamped = Math.max(-1.0, Math.min(1.0, noisy));
    return Math.signum(clamped) * Math.ceil(Math.abs(clamped * p) - 0.5) / p;
  }

  /** A standard normal draw (Box-Muller; SplittableRandom has no nextGaussian on Java 17). */
  private static double gaussian(SplittableRandom r) {
    double u = 1.0 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
