package analogsweep.grid;

import java.io.Serializable;
import java.util.Objects;

/**
 * The activation of a grid point: the family, the interpolation factor i from the rectified end
 * (0) to the smooth end (1), the gate scale s of the smooth end, the leak a of the rectified end
 * and the rectified end's derivative at exactly 0 (a or 1).
 */
public record ActivationSection(ActivationFamily family, double interpolation, double gateScale,
    double leak, DerivativeAtZero reluDerivativeAtZero) implements Serializable {

  public ActivationSection {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(reluDerivativeAtZero, "relu_derivative_at_zero");
    FieldRange.check(GridField.INTERPOLATION, interpolation);
    FieldRange.check(GridField.GATE_SCALE, gateScale);
    FieldRange.check(GridField.LEAK, leak);
    // -0.0 and 0.0 are one grid point
    interpolation += 0.0;
    gateScale += 0.0;
    leak += 0.0;
  }

  static ActivationSection from(FieldValues v) {
    return new ActivationSection(v.get(GridField.FAMILY), v.get(GridField.INTERPOLATION),
        v.get(GridField.GATE_SCALE), v.get(GridField.LEAK),
        v.get(GridField.RELU_DERIVATIVE_AT_ZERO));
  }

  /** Gradient step discontinuity {@code I'(0+) - I'(0-) = (1 - a)(1 - i)}. */
  public double gsd() {
    return (1 - leak) * (1 - interpolation);
  }

  /**
   * The activation that computes the same values and gradients with every setting it cannot see
   * at its interpolation put to one value: at i = 0 only the rectified part acts, so the smooth
   * end (relu-gelu or relu-silu, not the gated family's form) and its gate scale are not seen; at
   * i = 1 only the smooth part acts, so the leak and the derivative at zero are not seen.
   */
  public ActivationSection effective() {
    if (interpolation == 0) {
      return new ActivationSection(family.gated() ? family : ActivationFamily.RELU_GELU, 0.0,
          1.0, leak, reluDerivativeAtZero);
    }
    if (interpolation == 1) {
      return new ActivationSection(family, 1.0, gateScale, 0.0, DerivativeAtZero.LEAK);
    }
    return this;
  }
}
