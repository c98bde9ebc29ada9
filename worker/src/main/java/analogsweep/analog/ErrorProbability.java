package analogsweep.analog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;

/**
 * The error probability EP of one analog boundary and the parameter of each noise distribution
 * at precision p (levels per unit): EP is the probability that noise moves a value quantized to
 * step 1/p by more than half a step, so that it lands on another level. AnalogVNN calls EP
 * "leakage". Gaussian: {@code sigma = 1 / (2 sqrt(2) p erfinv(1 - EP))}; Laplace:
 * {@code b = -1 / (2 p ln EP)}; uniform on [-w/2, w/2]: {@code w = 1 / ((1 - EP) p)}; Poisson
 * (shot noise {@code Poisson(|x| p k) / (p k)}): k such that the largest error probability over
 * the levels is EP, found by bisection (as closely as the discrete law allows).
 */
public final class ErrorProbability {
  /** Levels examined for Poisson noise; above this only the largest (the noisiest) are. */
  static final int POISSON_LEVELS = 4096;

  private static final Map<String, Double> POISSON_K = new ConcurrentHashMap<>();

  private ErrorProbability() {}

  private static void check(double ep, int precision) {
    if (!(ep >= 0 && ep < 1)) {
      throw new IllegalArgumentException("error probability must be in [0, 1), found " + ep);
    }
    if (precision < 1) {
      throw new IllegalArgumentException("precision must be >= 1, found " + precision);
    }
  }

  /** Gaussian standard deviation for error probability {@code ep} in [0, 1) at precision p; 0 for EP 0. */
  public static double sigma(double ep, int precision) {
    check(ep, precision);
    if (ep == 0) {
      return 0;
    }
    return 1.0 / (2.0 * Math.sqrt(2.0) * precision * Erf.erfInv(1.0 - ep));
  }

  /** The error probability that Gaussian noise of standard deviation {@code sigma} causes at precision p. */
  public static double fromSigma(double sigma, int precision) {
    if (!(sigma >= 0) || precision < 1) {
      throw new IllegalArgumentException("need sigma >= 0 and precision >= 1");
    }
    if (sigma == 0) {
      return 0;
    }
    return 1.0 - Erf.erf(1.0 / (2.0 * Math.sqrt(2.0) * sigma * precision));
  }

  /** Laplace scale b: {@code P(|n| > 1/(2p)) = exp(-1/(2 p b)) = EP}; 0 for EP 0. */
  public static double laplaceScale(double ep, int precision) {
    check(ep, precision);
    return ep == 0 ? 0 : -1.0 / (2.0 * precision * Math.log(ep));
  }

  /** Uniform width w: {@code P(|n| > 1/(2p)) = 1 - 1/(w p) = EP}; 0 (no noise) for EP 0. */
  public static double uniformWidth(double ep, int precision) {
    check(ep, precision);
    return ep == 0 ? 0 : 1.0 / ((1.0 - ep) * precision);
  }

  /**
   * The probability that shot noise with parameter k moves level m/p (m > 0) to another level:
   * with N ~ Poisson(m k), the noisy value N / (p k) keeps the level when
   * {@code (m - 1/2) k < N <= (m + 1/2) k} (reduce precision rounds ties towards zero).
   */
  public static double poissonLevelError(double k, int level) {
    double mean = level * k;
    if (mean == 0) {
      return 0;
    }
    double low = Math.floor((level - 0.5) * k); // N <= low moves down
    double high = Math.floor((level + 0.5) * k); // N > high moves up
    double below = low < 0 ? 0 : Gamma.regularizedGammaQ(low + 1, mean);
    double above = Gamma.regularizedGammaP(high + 1, mean);
    return Math.min(1.0, below + above);
  }

  /** The largest error probability of shot noise with parameter k over the levels 1/p .. p/p. */
  public static double poissonErrorProbability(double k, int precision) {
    double worst = 0;
    for (int m = Math.max(1, precision - POISSON_LEVELS + 1); m <= precision; m++) {
      worst = Math.max(worst, poissonLevelError(k, m));
    }
    return worst;
  }

  /**
   * The k of shot noise whose largest error probability over the levels is EP; 0 for EP 0. The
   * law is discrete, so that probability jumps where a level's bounds (m +- 1/2) k cross a whole
   * count: EP is met exactly where it falls between jumps, else as closely as the law allows (the
   * nearer side of the jump), and k is kept a hair (1e-6) off the jump so that no count sits on a
   * rounding tie.
   */
  public static double poissonK(double ep, int precision) {
    check(ep, precision);
    if (ep == 0) {
      return 0;
    }
    return POISSON_K.computeIfAbsent(ep + "@" + precision, key -> {
      // the error falls as k grows: bisect on log k, keeping EP(lo) > ep >= EP(hi)
      double lo = Math.log(1e-9);
      double hi = Math.log(1e12);
      for (int it = 0; it < 100; it++) {
        double mid = (lo + hi) / 2;
        if (poissonErrorProbability(Math.exp(mid), precision) > ep) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      // either side of the jump, a hair off it: the one whose error is closer to EP
      double right = Math.exp(hi) * (1 + 1e-6);
      double left = Math.exp(lo) * (1 - 1e-6);
      return Math.abs(poissonErrorProbability(left, precision) - ep)
          < Math.abs(poissonErrorProbability(right, precision) - ep) ? left : right;
    });
  }
}
