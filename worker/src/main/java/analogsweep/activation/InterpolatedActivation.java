package analogsweep.activation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import analogsweep.grid.ActivationFamily;
import analogsweep.grid.ActivationSection;
import analogsweep.grid.DerivativeAtZero;
import analogsweep.tensor.Scalars;
import java.util.Objects;
import org.apache.commons.math3.special.Erf;

/**
 * {@code I(x) = R(x) + i (F(x) - R(x))}: leaky ReLU {@code R(x) = x} for x > 0, {@code a x} else,
 * interpolated towards the smooth end F with gate scale s, {@code F(x) = x Phi(s x)} (GELU) or
 * {@code x sigmoid(s x)} (SiLU). The gated family returns {@code u * I(v)} where (u, v) are the
 * two halves of the feature axis given (the last axis of dense features, the channel axis of
 * convolutional ones). R's derivative at exactly 0 is a or 1 ({@link DerivativeAtZero}): the
 * analog chain rounds many pre-activations to exactly 0, where this convention decides whether
 * the rectified part passes gradient; only that gradient changes, never a value.
 *
 * <p>The tensor form is differentiated by the engine's autograd (its scalar operands come from
 * {@link Scalars}, which keeps them alive until the backward pass); the scalar closed forms here
 * ({@link #value}, {@link #derivative}) exist to test it and to compute the gradient step
 * discontinuity {@link #gsd()}.
 */
public record InterpolatedActivation(ActivationFamily family, double i, double s, double a,
    DerivativeAtZero atZero) {
  private static final double SQRT2 = Math.sqrt(2.0);

  public InterpolatedActivation {
    Objects.requireNonNull(atZero, "relu_derivative_at_zero");
  }

  /** The activation with R'(0) = a, the left derivative. */
  public InterpolatedActivation(ActivationFamily family, double i, double s, double a) {
    this(family, i, s, a, DerivativeAtZero.LEAK);
  }

  public static InterpolatedActivation of(ActivationSection a) {
    return new InterpolatedActivation(a.family(), a.interpolation(), a.gateScale(), a.leak(),
        a.reluDerivativeAtZero());
  }

  /** Applies the activation element-wise, or gated over the last axis. */
  public NDArray apply(NDArray x) {
    return apply(x, -1);
  }

  /** Applies the activation element-wise, or gated over {@code axis} (negative: from the end). */
  public NDArray apply(NDArray x, int axis) {
    if (!family.gated()) {
      return interpolate(x);
    }
    NDList halves = x.split(2, axis < 0 ? x.getShape().dimension() + axis : axis);
    return halves.get(0).mul(interpolate(halves.get(1)));
  }

  private NDArray interpolate(NDArray x) {
    if (i == 1.0) {
      return smooth(x);
    }
    // where x takes the first branch autograd gives R'(x) = 1, else a: at 0 the comparison decides
    NDArray positive = atZero == DerivativeAtZero.LEAK ? x.gt(Scalars.of(x, 0))
        : x.gte(Scalars.of(x, 0));
    NDArray r = NDArrays.where(positive, x, x.mul(Scalars.of(x, a)));
    if (i == 0.0) {
      return r;
    }
    return r.add(smooth(x).sub(r).mul(Scalars.of(x, i)));
  }

  private NDArray smooth(NDArray x) {
    if (family.gelu()) {
      return x.mul(Scalars.of(x, s / SQRT2)).erf().add(Scalars.of(x, 1)).mul(x)
          .mul(Scalars.of(x, 0.5));
    }
    return x.mul(Activation.sigmoid(x.mul(Scalars.of(x, s))));
  }

  /** Closed-form I(x) of the element-wise part (for the gated family: I applied to the gate). */
  public double value(double x) {
    double r = x > 0 ? x : a * x;
    return r + i * (smoothValue(x) - r);
  }

  /** Closed-form I'(x), with R'(0) = a or 1 as {@link #atZero} says. */
  public double derivative(double x) {
    double r = x > 0 ? 1 : x < 0 ? a : atZero.value(a);
    return r + i * (smoothDerivative(x) - r);
  }

  private double smoothValue(double x) {
    if (family.gelu()) {
      return 0.5 * x * (1 + Erf.erf(s * x / SQRT2));
    }
    return x / (1 + Math.exp(-s * x));
  }

  private double smoothDerivative(double x) {
    double sx = s * x;
    if (family.gelu()) {
      return 0.5 * (1 + Erf.erf(sx / SQRT2)) + sx / Math.sqrt(2 * Math.PI) * Math.exp(-sx * sx / 2);
    }
    double sig = 1 / (1 + Math.exp(-sx));
    return sig + sx * sig * (1 - sig);
  }

  /**
   * Gradient step discontinuity {@code I'(0+) - I'(0-) = (1 - a)(1 - i)}: the smooth end's
   * derivative is continuous at 0, so only the rectified part jumps.
   */
  public double gsd() {
    return (1 - a) * (1 - i);
  }

  @Override
  public String toString() {
    return family.id() + "(i=" + i + (s != 1 ? ", s=" + s : "") + (a != 0 ? ", a=" + a : "")
        + (atZero == DerivativeAtZero.ONE ? ", R'(0)=1" : "") + ")";
  }
}
