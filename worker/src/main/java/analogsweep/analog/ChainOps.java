package analogsweep.analog;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.JniUtils;
import analogsweep.grid.Rounding;
import analogsweep.seed.EngineDraws;
import analogsweep.tensor.Scalars;

/**
 * The tensor operations of the fused analog chain, shared by the chain of one network
 * ({@link AnalogChain}, precision a 0-d array) and that of a pack of networks (precision an array
 * with one value per packed grid point, broadcast along the pack axis). The operations and their
 * order are those of {@link AnalogChain#deterministicLevels} and
 * {@link AnalogChain#stochasticLevels}, so the values are the same to the bit.
 */
public final class ChainOps {
  private ChainOps() {}

  /**
   * Whether gradients may flow: the engine records them (training). DJL cannot tell whether one
   * array requires a gradient ({@code hasGradient} reports an attached gradient buffer, which
   * intermediates never have), so in training every chain keeps its straight-through step.
   */
  public static boolean tracked() {
    return JniUtils.isGradMode();
  }

  /** A copy of x's values that records no gradient and that the caller may overwrite. */
  public static NDArray detachedCopy(NDArray x) {
    try (NDArray view = x.stopGradient()) {
      return view.duplicate();
    }
  }

  /** {@code (c - c') + q}: the value of q (c - c' is exactly zero), the gradient of c; closes q. */
  public static NDArray joinStraightThrough(NDArray c, NDArray q) {
    NDArray view = c.stopGradient();
    NDArray out = c.sub(view);
    view.close();
    out.addi(q);
    q.close();
    return out;
  }

  /**
   * Reduce precision of an array the caller owns and that records no gradient, to levels of step
   * 1/p ({@code p} broadcasts against y), overwriting y where it can; returns the levels.
   */
  public static NDArray reduceInPlace(NDArray y, NDArray p, Rounding rounding,
      EngineDraws engine) {
    if (rounding == Rounding.STOCHASTIC) {
      NDArray q = stochasticLevels(y, p, engine);
      y.close();
      return q;
    }
    NDArray sign = y.sign();
    y.muli(sign); // |y|
    y.muli(p).subi(Scalars.of(y, 0.5));
    NDArray q = y.ceil();
    y.close();
    q.muli(sign).divi(p);
    sign.close();
    return q;
  }

  /**
   * The levels of c's values in a new array that records no gradient, c left as it is: the first
   * product with p makes the new array (one pass fewer than copying first).
   */
  public static NDArray reduceDetached(NDArray c, NDArray p, Rounding rounding,
      EngineDraws engine) {
    try (NDArray view = c.stopGradient()) {
      if (rounding == Rounding.STOCHASTIC) {
        return stochasticLevels(view, p, engine);
      }
      NDArray y = view.mul(p);
      NDArray sign = y.sign();
      y.muli(sign).subi(Scalars.of(y, 0.5)); // |x p| - 0.5, as |x| p - 0.5 to the bit
      NDArray q = y.ceil();
      y.close();
      q.muli(sign).divi(p);
      sign.close();
      return q;
    }
  }

  /**
   * {@code |x p|} rounded up with probability frac(|x p|), else down, keeping the sign; the
   * uniform draws come from {@code engine}.
   */
  public static NDArray stochasticLevels(NDArray x, NDArray p, EngineDraws engine) {
    NDArray scaled = x.abs().mul(p);
    NDArray floor = scaled.floor();
    NDArray frac = scaled.sub(floor);
    NDArray u = engine.uniform(x, 0f, 1f);
    NDArray up = u.lt(frac).toType(x.getDataType(), false);
    return floor.add(up).mul(x.sign()).div(p);
  }
}
