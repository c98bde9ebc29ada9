package analogsweep.analog;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import analogsweep.grid.GridPoint;
import analogsweep.grid.Rounding;
import analogsweep.tensor.Scalars;

/**
 * The simulated analog/digital boundary of PAPER.md, built from three layers: clamp to [-1, 1]
 * (gradient masked outside), reduce precision to step 1/p (straight-through gradient) and
 * additive Gaussian noise (identity gradient). {@link #toAnalog} is the digital-to-analog side
 * placed before a layer (and applied to its weights), {@link #toDigital} the analog-to-digital
 * side after it. Without a precision there is no quantization and no noise; with EP 0 no noise.
 *
 * <p>New arrays, scalar operands included ({@link Scalars}), are created in the manager of the array
 * passed in, so a caller that feeds the chain arrays of a per-batch manager frees everything the
 * chain made when it closes that manager.
 */
public final class AnalogChain {
  private final Integer precision;
  private final double sigma;
  private final Rounding rounding;

  public AnalogChain(Integer precision, double errorProbability, Rounding rounding) {
    this.precision = precision;
    this.rounding = rounding;
    this.sigma = precision == null ? 0 : ErrorProbability.sigma(errorProbability, precision);
  }

  public static AnalogChain of(GridPoint point) {
    return new AnalogChain(point.precision(), point.errorProbability(), point.rounding());
  }

  public double sigma() {
    return sigma;
  }

  public Integer precision() {
    return precision;
  }

  /** Digital to analog: Clamp, then ReducePrecision, then Noise. */
  public NDArray toAnalog(NDArray x) {
    return noise(reducePrecision(clamp(x)));
  }

  /** Analog to digital: Noise, then Clamp, then ReducePrecision. */
  public NDArray toDigital(NDArray x) {
    return reducePrecision(clamp(noise(x)));
  }

  /** Clamp to [-1, 1]; PyTorch's clamp passes the gradient where -1 <= x <= 1 and zeroes it elsewhere. */
  public static NDArray clamp(NDArray x) {
    return x.clip(-1f, 1f);
  }

  /** Reduce precision with this chain's rounding, straight-through gradient; identity without p. */
  public NDArray reducePrecision(NDArray x) {
    if (precision == null) {
      return x;
    }
    NDArray q;
    try (NDArray detached = x.stopGradient()) {
      q = rounding == Rounding.STOCHASTIC
          ? stochasticLevels(detached, precision)
          : deterministicLevels(detached, precision);
    }
    return straightThrough(x, q);
  }

  /** Adds N(0, sigma^2) drawn on x's device; identity gradient. */
  public NDArray noise(NDArray x) {
    if (sigma == 0) {
      return x;
    }
    NDManager m = x.getManager();
    NDArray n = m.randomNormal(0f, (float) sigma, x.getShape(), x.getDataType(), x.getDevice());
    return x.add(n);
  }

  /**
   * {@code sign(x) * ceil(|x p| - 0.5) / p}: nearest level of step 1/p, ties towards zero.
   * No gradient (the caller wraps it straight-through).
   */
  public static NDArray deterministicLevels(NDArray x, int p) {
    return x.abs().mul(Scalars.of(x, p)).sub(Scalars.of(x, 0.5)).ceil().mul(x.sign())
        .div(Scalars.of(x, p));
  }

  /** {@code |x p|} rounded up with probability frac(|x p|), else down, keeping the sign: unbiased. */
  public static NDArray stochasticLevels(NDArray x, int p) {
    NDArray scaled = x.abs().mul(Scalars.of(x, p));
    NDArray floor = scaled.floor();
    NDArray frac = scaled.sub(floor);
    NDArray u = x.getManager().randomUniform(0f, 1f, x.getShape(), x.getDataType(), x.getDevice());
    NDArray up = u.lt(frac).toType(x.getDataType(), false);
    return floor.add(up).mul(x.sign()).div(Scalars.of(x, p));
  }

  /**
   * Value of {@code q}, gradient of {@code x}: {@code q' + (x - x')} with ' meaning no gradient.
   * The difference is exactly zero in the forward pass, so the output equals q to the bit.
   */
  public static NDArray straightThrough(NDArray x, NDArray q) {
    return x.sub(x.stopGradient()).add(q.stopGradient());
  }

  /** The digital-to-analog side in words, for printed models: "clamp>RP(p=16)>noise(sigma=0.0116)". */
  public String describeToAnalog() {
    return String.join(">", "clamp", describeRp(), describeNoise()).replaceAll(">+$", "")
        .replace(">>", ">");
  }

  /** The analog-to-digital side in words: "noise(sigma=0.0116)>clamp>RP(p=16)". */
  public String describeToDigital() {
    return String.join(">", describeNoise(), "clamp", describeRp()).replaceAll("^>+|>+$", "")
        .replace(">>", ">");
  }

  private String describeRp() {
    if (precision == null) {
      return "";
    }
    return "RP(p=" + precision + (rounding == Rounding.STOCHASTIC ? ", stochastic" : "") + ")";
  }

  private String describeNoise() {
    return sigma == 0 ? "" : "noise(sigma=" + String.format(java.util.Locale.ROOT, "%.4g", sigma) + ")";
  }

  @Override
  public String toString() {
    return describeToAnalog();
  }
}
