package analogsweep.packed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import analogsweep.grid.ActivationFamily;
import analogsweep.grid.ActivationSection;
import analogsweep.grid.DerivativeAtZero;
import analogsweep.tensor.Scalars;
import java.util.List;

/**
 * {@code I(x) = R(x) + i (F(x) - R(x))} for a pack of grid points sharing the family, each with
 * its own interpolation factor i, gate scale s and leak a broadcast along the pack axis; the
 * same operations in the same order as {@code InterpolatedActivation}. The gated family returns
 * {@code u * I(v)} over the halves of a feature axis. Each point has its own derivative of the
 * rectified part at exactly 0 (a or 1); a pack whose points all take a compares as the
 * single-point form does, to the bit.
 */
final class PackedActivation {
  private static final double SQRT2 = Math.sqrt(2.0);
  private final ActivationFamily family;
  private final float[] interpolation;
  private final float[] leak;
  /** s / sqrt 2 for the GELU end, s for the SiLU end, as the single-point form computes it. */
  private final float[] gate;
  /** 1 where the point's R'(0) is 1, 0 where it is a. */
  private final float[] oneAtZero;

  private PackedActivation(ActivationFamily family, float[] interpolation, float[] leak,
      float[] gate, float[] oneAtZero) {
    this.family = family;
    this.interpolation = interpolation;
    this.leak = leak;
    this.gate = gate;
    this.oneAtZero = oneAtZero;
  }

  static PackedActivation of(List<ActivationSection> sections) {
    int k = sections.size();
    ActivationFamily family = sections.get(0).family();
    float[] i = new float[k];
    float[] a = new float[k];
    float[] g = new float[k];
    float[] one = new float[k];
    for (int j = 0; j < k; j++) {
      ActivationSection s = sections.get(j);
      i[j] = (float) s.interpolation();
      a[j] = (float) s.leak();
      g[j] = (float) (family.gelu() ? s.gateScale() / SQRT2 : s.gateScale());
      one[j] = s.reluDerivativeAtZero() == DerivativeAtZero.ONE ? 1 : 0;
    }
    return new PackedActivation(family, i, a, g, one);
  }

  PackedActivation select(int[] keep) {
    return new PackedActivation(family, PerPoint.select(interpolation, keep),
        PerPoint.select(leak, keep), PerPoint.select(gate, keep),
        PerPoint.select(oneAtZero, keep));
  }

  boolean gated() {
    return family.gated();
  }

  /** The activation of x (pack axis {@code packAxis}), gated over {@code featureAxis}. */
  NDArray apply(NDArray x, int packAxis, int featureAxis) {
    if (!family.gated()) {
      return interpolate(x, packAxis);
    }
    NDList halves = x.split(2, featureAxis);
    return halves.get(0).mul(interpolate(halves.get(1), packAxis));
  }

  private NDArray interpolate(NDArray x, int packAxis) {
    NDArray r = NDArrays.where(positive(x, packAxis), x, x.mul(PerPoint.of(x, leak, packAxis)));
    return r.add(smooth(x, packAxis).sub(r).mul(PerPoint.of(x, interpolation, packAxis)));
  }

  /**
   * Where R takes its positive branch (and so autograd gives it derivative 1): x > 0, or x >= 0
   * for the points whose R'(0) is 1.
   */
  private NDArray positive(NDArray x, int packAxis) {
    int ones = 0;
    for (float v : oneAtZero) {
      ones += v == 1 ? 1 : 0;
    }
    if (ones == 0) {
      return x.gt(Scalars.of(x, 0));
    }
    if (ones == oneAtZero.length) {
      return x.gte(Scalars.of(x, 0));
    }
    NDArray atZero = x.eq(Scalars.of(x, 0))
        .logicalAnd(PerPoint.of(x, oneAtZero, packAxis).gt(Scalars.of(x, 0)));
    return x.gt(Scalars.of(x, 0)).logicalOr(atZero);
  }

  private NDArray smooth(NDArray x, int packAxis) {
    NDArray g = PerPoint.of(x, gate, packAxis);
    if (family.gelu()) {
      return x.mul(g).erf().add(Scalars.of(x, 1)).mul(x).mul(Scalars.of(x, 0.5));
    }
    return x.mul(Activation.sigmoid(x.mul(g)));
  }
}
