package analogsweep.analog;

import java.util.SplittableRandom;
import org.apache.commons.math3.special.Gamma;

/**
 * Poisson variates for any mean: sequential inversion below a mean of 10, and Hormann's
 * transformed rejection with squeeze (PTRS, "The transformed rejection method for generating
 * Poisson random variables", 1993) above, which needs a constant expected number of uniforms.
 */
final class PoissonSampler {
  private PoissonSampler() {}

  static long sample(double mean, SplittableRandom r) {
    if (!(mean >= 0) || Double.isInfinite(mean)) {
      throw new IllegalArgumentException("Poisson mean must be finite and >= 0, found " + mean);
    }
    if (mean == 0) {
      return 0;
    }
    return mean < 10 ? inversion(mean, r) : transformedRejection(mean, r);
  }

  private static long inversion(double mean, SplittableRandom r) {
    double u = r.nextDouble();
    double p = Math.exp(-mean);
    double cumulative = p;
    long n = 0;
    while (u > cumulative && n < 1000) {
      n++;
      p *= mean / n;
      cumulative += p;
    }
    return n;
  }

  private static long transformedRejection(double mean, SplittableRandom r) {
    double logMean = Math.log(mean);
    double b = 0.931 + 2.53 * Math.sqrt(mean);
    double a = -0.059 + 0.02483 * b;
    double inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2);
    while (true) {
      double u = r.nextDouble() - 0.5;
      double v = r.nextDouble();
      double us = 0.5 - Math.abs(u);
      long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) {
        return k;
      }
      if (k < 0 || (us < 0.013 && v > us)) {
        continue;
      }
      if (Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (us * us) + b)
          <= -mean + k * logMean - Gamma.logGamma(k + 1.0)) {
        return k;
      }
    }
  }
}
