package analogsweep.analog;

import org.apache.commons.math3.special.Erf;

/**
 * The mapping between the error probability EP of one analog boundary and the standard deviation
 * of its Gaussian noise, at precision p (levels per unit): EP is the probability that a value
 * quantized to step 1/p lands on another level after the noise,
 * {@code EP = 1 - erf(1 / (2 sqrt(2) sigma p))}, so
 * {@code sigma = 1 / (2 sqrt(2) p erfinv(1 - EP))}. AnalogVNN calls EP "leakage".
 */
public final class ErrorProbability {
  private ErrorProbability() {}

  /** Noise standard deviation for error probability {@code ep} in [0, 1) at precision p; 0 for EP 0. */
  public static double sigma(double ep, int precision) {
    if (!(ep >= 0 && ep < 1)) {
      throw new IllegalArgumentException("error probability must be in [0, 1), found " + ep);
    }
    if (precision < 1) {
      throw new IllegalArgumentException("precision must be >= 1, found " + precision);
    }
    if (ep == 0) {
      return 0;
    }
    return 1.0 / (2.0 * Math.sqrt(2.0) * precision * Erf.erfInv(1.0 - ep));
  }

  /** The error probability that noise of standard deviation {@code sigma} causes at precision p. */
  public static double fromSigma(double sigma, int precision) {
    if (!(sigma >= 0) || precision < 1) {
      throw new IllegalArgumentException("need sigma >= 0 and precision >= 1");
    }
    if (sigma == 0) {
      return 0;
    }
    return 1.0 - Erf.erf(1.0 / (2.0 * Math.sqrt(2.0) * sigma * precision));
  }
}
