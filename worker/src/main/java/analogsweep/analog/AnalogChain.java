package analogsweep.analog;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import analogsweep.grid.AnalogSection;
import analogsweep.grid.NoiseKind;
import analogsweep.grid.Rounding;
import analogsweep.seed.EngineDraws;
import analogsweep.tensor.Scalars;
import java.util.SplittableRandom;

/**
 * The simulated analog/digital boundary of PAPER.md, built from three layers: clamp to [-1, 1]
 * (gradient masked outside), reduce precision to step 1/p (straight-through gradient) and noise
 * ({@link NoiseModel}: Gaussian by default; identity gradient). {@link #toAnalog} is the
 * digital-to-analog side placed before a layer (and applied to its weights), {@link #toDigital}
 * the analog-to-digital side after it. Without a precision there is no quantization and no noise;
 * with EP 0 no noise. Each side exists for tensors (inside networks) and for single values (the
 * gradient-error map), from the same definitions. On weights ({@link #toAnalog(NDArray,
 * NDManager)}) the clamp's mask is this project's first rule (analogsweep-1); AnalogVNN's
 * parametrization, which the authors trained with, passes the weight gradient unchanged
 * ({@link #weightGradientPassesClamp()}). Activations keep the mask under both. Every draw comes
 * from the chain's own {@link ChainDraws}, seeded when the chain is made, so a training's noise
 * depends on its seed alone, whatever else its JVM trains.
 *
 * <p>New arrays, scalar operands included ({@link Scalars}), are created in the manager of the array
 * passed in, so a caller that feeds the chain arrays of a per-batch manager frees everything the
 * chain made when it closes that manager.
 */
public final class AnalogChain {
  /**
   * With the system property {@code analogsweep.chain=stepwise} when a chain is made, each layer
   * of the chain runs on its own as the paper composes them (clamp, then reduce precision with
   * its straight-through step, then noise): the reference the fused path is tested and
   * benchmarked against.
   */
  private final boolean stepwise = "stepwise".equals(System.getProperty("analogsweep.chain"));

  private final Integer precision;
  private final Rounding rounding;
  private final NoiseModel noise;
  /** The chain's draws, engine and host, seeded by the chain; one chain serves one training. */
  private final ChainDraws draws;
  private final boolean weightGradientPassesClamp;
  /** The chain on parameters where the weights have their own precision or EP, else this. */
  private final AnalogChain weightSide;

  public AnalogChain(Integer precision, NoiseModel noise, Rounding rounding, long seed) {
    this(precision, noise, rounding, seed, false);
  }

  /**
   * A chain whose weight side passes the gradient unchanged where {@code
   * weightGradientPassesClamp}, else masks it where |w| > 1 as the clamp does. Its draws follow
   * from {@code seed} alone ({@link ChainDraws#of}).
   */
  public AnalogChain(Integer precision, NoiseModel noise, Rounding rounding, long seed,
      boolean weightGradientPassesClamp) {
    this.precision = precision;
    this.rounding = rounding;
    this.noise = precision == null ? new NoiseModel.None(noise.kind()) : noise;
    this.draws = ChainDraws.of(seed);
    this.weightGradientPassesClamp = weightGradientPassesClamp;
    this.weightSide = this;
  }

  /** This chain on activations, with {@code weightSide} on weights and biases. */
  private AnalogChain(AnalogChain activations, AnalogChain weightSide) {
    this.precision = activations.precision;
    this.rounding = activations.rounding;
    this.noise = activations.noise;
    this.draws = activations.draws;
    this.weightGradientPassesClamp = activations.weightGradientPassesClamp;
    this.weightSide = weightSide;
  }

  /** Gaussian noise at error probability {@code errorProbability}: the paper's chain. */
  public AnalogChain(Integer precision, double errorProbability, Rounding rounding) {
    this(precision, NoiseModel.of(NoiseKind.GAUSSIAN, errorProbability, precision), rounding, 0);
  }

  /** The chain of an analog section; {@code seed} seeds its draws. */
  public static AnalogChain of(AnalogSection analog, long seed) {
    return of(analog, seed, false);
  }

  /** As {@link #of(AnalogSection, long)}, with the given rule for weight gradients. */
  public static AnalogChain of(AnalogSection analog, long seed,
      boolean weightGradientPassesClamp) {
    AnalogChain chain = new AnalogChain(analog.precision(),
        NoiseModel.of(analog.noise(), analog.errorProbability(), analog.precision()),
        analog.rounding(), seed, weightGradientPassesClamp);
    if (analog.weightsAsActivations()) {
      return chain;
    }
    AnalogSection w = analog.weightSide();
    // the weights' draws get a stream of their own
    AnalogChain weights = new AnalogChain(w.precision(),
        NoiseModel.of(w.noise(), w.errorProbability(), w.precision()), w.rounding(),
        new SplittableRandom(seed).split().nextLong(), weightGradientPassesClamp);
    return new AnalogChain(chain, weights);
  }

  /** The chain on weights and biases: this one unless the weights have settings of their own. */
  public AnalogChain weightSide() {
    return weightSide;
  }

  /**
   * Whether the weight side passes the gradient unchanged (AnalogVNN's parametrization), rather
   * than masking it where the clamp cuts.
   */
  public boolean weightGradientPassesClamp() {
    return weightGradientPassesClamp;
  }

  public NoiseModel noise() {
    return noise;
  }

  /** The standard deviation of the noise on a value of magnitude 1 (0 without noise). */
  public double sigma() {
    return noise.standardDeviation();
  }

  public Integer precision() {
    return precision;
  }

  /**
   * Digital to analog: Clamp, then ReducePrecision, then Noise. The gradient is the clamp's
   * (the rest is straight through), so the three layers are computed on a detached copy and
   * joined to the clamp with one straight-through step; without gradients (evaluation, or an
   * input that needs none) there is no such step, and the work is done in place on arrays this
   * chain made. Values are those of the three layers applied one by one, to the bit.
   */
  public NDArray toAnalog(NDArray x) {
    if (stepwise) {
      return noise(reducePrecision(clamp(x)));
    }
    return afterClamp(clamp(x));
  }

  /**
   * Digital to analog for an array of another manager (a parameter): the clamped copy, and so
   * everything made after it, belongs to {@code owner}, and no other copy of {@code x} is made.
   */
  public NDArray toAnalog(NDArray x, NDManager owner) {
    if (weightSide != this) {
      return weightSide.toAnalog(x, owner);
    }
    if (weightGradientPassesClamp && ChainOps.tracked()) {
      return toAnalogPassingGradient(x, owner);
    }
    NDArray clamped = clamp(x);
    clamped.attach(owner);
    return stepwise ? noise(reducePrecision(clamped)) : afterClamp(clamped);
  }

  /**
   * The values of {@link #toAnalog(NDArray, NDManager)} with the gradient of x unchanged: the
   * chain runs on a detached copy and joins x with one straight-through step.
   */
  private NDArray toAnalogPassingGradient(NDArray x, NDManager owner) {
    NDArray clamped;
    try (NDArray view = x.stopGradient()) {
      clamped = clamp(view);
    }
    clamped.attach(owner);
    NDArray q;
    if (stepwise) {
      q = noise(reducePrecision(clamped)); // intermediates belong to the owner
    } else {
      q = precision == null && noise.isNone() ? clamped
          : noise.addInPlace(reduceInPlace(clamped), draws);
    }
    NDArray out = ChainOps.joinStraightThrough(x, q);
    out.attach(owner);
    return out;
  }

  private NDArray afterClamp(NDArray c) {
    if (precision == null && noise.isNone()) {
      return c;
    }
    if (!ChainOps.tracked()) {
      return noise.addInPlace(reduceInPlace(c), draws);
    }
    return replacing(c, ChainOps.joinStraightThrough(c,
        noise.addInPlace(reduceDetached(c), draws)));
  }

  /** Analog to digital: Noise, then Clamp, then ReducePrecision (fused as {@link #toAnalog}). */
  public NDArray toDigital(NDArray x) {
    if (stepwise) {
      return reducePrecision(clamp(noise(x)));
    }
    if (precision == null && noise.isNone()) {
      return clamp(x);
    }
    NDArray noisy = noise.apply(x, draws);
    NDArray c = noisy == x ? clamp(x) : replacing(noisy, clamp(noisy));
    if (precision == null) {
      return c;
    }
    if (!ChainOps.tracked()) {
      return reduceInPlace(c);
    }
    return replacing(c, ChainOps.joinStraightThrough(c, reduceDetached(c)));
  }

  /** The levels of c's values, without gradient, in a new array (c is left as it is). */
  private NDArray reduceDetached(NDArray c) {
    if (precision == null) {
      return ChainOps.detachedCopy(c);
    }
    return ChainOps.reduceDetached(c, Scalars.of(c, precision), rounding, draws.engine());
  }

  /** Reduce precision of an array the chain owns (see {@link ChainOps#reduceInPlace}). */
  private NDArray reduceInPlace(NDArray y) {
    return precision == null ? y
        : ChainOps.reduceInPlace(y, Scalars.of(y, precision), rounding, draws.engine());
  }

  /**
   * {@code next}, after closing {@code previous} where {@code next} replaced it. Intermediate
   * arrays are freed as soon as the next step exists, not when the batch ends: the weights of a
   * large layer (VGG-A's first FC layer has 103M) would otherwise hold a dozen copies at once.
   * Closing is safe under autograd, which keeps its own reference to every tensor it saves.
   */
  static NDArray replacing(NDArray previous, NDArray next) {
    if (next != previous) {
      previous.close();
    }
    return next;
  }

  /** Analog to digital for one value: noise from {@code random}, clamp, deterministic RP. */
  public double toDigital(double v, SplittableRandom random) {
    double clamped = Math.max(-1.0, Math.min(1.0, noise.apply(v, random)));
    return precision == null ? clamped : level(clamped, precision);
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
          ? stochasticLevels(detached, precision, draws.engine())
          : deterministicLevels(detached, precision);
    }
    return straightThrough(x, q);
  }

  /** This chain's noise, identity gradient; identity without noise. */
  public NDArray noise(NDArray x) {
    return noise.apply(x, draws);
  }

  /** {@code sign(v) * ceil(|v p| - 0.5) / p}: the nearest level of step 1/p, ties towards zero. */
  public static double level(double v, int p) {
    return Math.signum(v) * Math.ceil(Math.abs(v * p) - 0.5) / p;
  }

  /**
   * {@code sign(x) * ceil(|x p| - 0.5) / p}: nearest level of step 1/p, ties towards zero.
   * No gradient (the caller wraps it straight-through).
   */
  public static NDArray deterministicLevels(NDArray x, int p) {
    // in place where the engine can: v is this method's own array
    NDArray v = x.abs().muli(Scalars.of(x, p)).subi(Scalars.of(x, 0.5));
    v = replacing(v, v.ceil());
    try (NDArray sign = x.sign()) {
      return v.muli(sign).divi(Scalars.of(x, p));
    }
  }

  /**
   * {@code |x p|} rounded up with probability frac(|x p|), else down, keeping the sign: unbiased.
   * The uniform draws come from {@code engine}.
   */
  public static NDArray stochasticLevels(NDArray x, int p, EngineDraws engine) {
    return ChainOps.stochasticLevels(x, Scalars.of(x, p), engine);
  }

  /**
   * Value of {@code q}, gradient of {@code x}: {@code q' + (x - x')} with ' meaning no gradient.
   * The difference is exactly zero in the forward pass, so the output equals q to the bit. Closes
   * {@code q}, which only this step uses.
   */
  public static NDArray straightThrough(NDArray x, NDArray q) {
    try (NDArray detachedX = x.stopGradient(); NDArray zero = x.sub(detachedX);
        NDArray detachedQ = q.stopGradient()) {
      NDArray out = zero.add(detachedQ);
      q.close();
      return out;
    }
  }

  /** The digital-to-analog side in words, for printed models: "clamp>RP(p=16)>noise(sigma=0.0116)". */
  public String describeToAnalog() {
    return String.join(">", "clamp", describeRp(), noise.describe()).replaceAll(">+$", "")
        .replace(">>", ">");
  }

  /** The analog-to-digital side in words: "noise(sigma=0.0116)>clamp>RP(p=16)". */
  public String describeToDigital() {
    return String.join(">", noise.describe(), "clamp", describeRp()).replaceAll("^>+|>+$", "")
        .replace(">>", ">");
  }

  private String describeRp() {
    if (precision == null) {
      return "";
    }
    return "RP(p=" + precision + (rounding == Rounding.STOCHASTIC ? ", stochastic" : "") + ")";
  }

  @Override
  public String toString() {
    return describeToAnalog();
  }
}
