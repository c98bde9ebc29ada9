package analogsweep.packed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import analogsweep.analog.ChainDraws;
import analogsweep.analog.ChainOps;
import analogsweep.analog.NoiseModel;
import analogsweep.analog.NoiseSampler;
import analogsweep.grid.AnalogSection;
import analogsweep.grid.NoiseKind;
import analogsweep.grid.Rounding;
import java.util.List;

/**
 * The analog chain of a pack of grid points: the same clamp, reduce precision and noise as
 * {@code AnalogChain}'s fused path, with each point's own precision and noise parameter broadcast
 * along the pack axis of the tensor it acts on. The points of a pack share the noise distribution
 * and rounding (and have a precision all, or none); EP, and so the noise parameter, is the
 * point's own (0 where a point has no noise). Tensors come laid out with the pack axis explicit.
 */
final class PackedChain {
  private final float[] precision; // null: no quantization and no noise
  private final float[] parameter; // sigma, scale, width or k, per point
  private final NoiseKind noise;
  private final Rounding rounding;
  private final ChainDraws draws;

  private PackedChain(float[] precision, float[] parameter, NoiseKind noise, Rounding rounding,
      ChainDraws draws) {
    this.precision = precision;
    this.parameter = parameter;
    this.noise = noise;
    this.rounding = rounding;
    this.draws = draws;
  }

  static PackedChain of(List<AnalogSection> analog, long seed) {
    AnalogSection first = analog.get(0);
    int k = analog.size();
    float[] precision = first.precision() == null ? null : new float[k];
    float[] parameter = new float[k];
    for (int j = 0; j < k; j++) {
      AnalogSection a = analog.get(j);
      if (precision != null) {
        precision[j] = a.precision();
      }
      parameter[j] = (float) NoiseModel.of(a.noise(), a.errorProbability(), a.precision())
          .parameter();
    }
    return new PackedChain(precision, parameter, first.noise(), first.rounding(),
        ChainDraws.of(seed));
  }

  /** The chain of the points at {@code keep}, going on with this one's draws. */
  PackedChain select(int[] keep) {
    return new PackedChain(precision == null ? null : PerPoint.select(precision, keep),
        PerPoint.select(parameter, keep), noise, rounding, draws);
  }

  private boolean noiseless() {
    for (float v : parameter) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }

  /** Digital to analog: Clamp, ReducePrecision, Noise; one straight-through step in training. */
  NDArray toAnalog(NDArray x, int packAxis) {
    NDArray c = x.clip(-1f, 1f);
    if (precision == null) {
      return c;
    }
    if (!ChainOps.tracked()) {
      return addNoise(reduce(c, packAxis), packAxis);
    }
    return ChainOps.joinStraightThrough(c, addNoise(ChainOps.reduceDetached(c,
        PerPoint.of(c, precision, packAxis), rounding, draws.engine()), packAxis));
  }

  /**
   * Digital to analog on weights: the values of {@link #toAnalog}; the gradient is the clamp's
   * there, or passes unchanged where {@code passGradient} (AnalogVNN's parametrization).
   */
  NDArray toAnalogWeights(NDArray w, int packAxis, boolean passGradient) {
    if (!passGradient || !ChainOps.tracked()) {
      return toAnalog(w, packAxis);
    }
    NDArray c;
    try (NDArray view = w.stopGradient()) {
      c = view.clip(-1f, 1f);
    }
    NDArray q = precision == null ? c : addNoise(reduce(c, packAxis), packAxis);
    return ChainOps.joinStraightThrough(w, q);
  }

  /** Analog to digital: Noise (identity gradient), Clamp, ReducePrecision. */
  NDArray toDigital(NDArray x, int packAxis) {
    if (precision == null) {
      return x.clip(-1f, 1f);
    }
    NDArray noisy = noiseless() ? x : withNoise(x, packAxis);
    NDArray c = noisy.clip(-1f, 1f);
    if (noisy != x && !ChainOps.tracked()) {
      noisy.close();
    }
    if (!ChainOps.tracked()) {
      return reduce(c, packAxis);
    }
    return ChainOps.joinStraightThrough(c, ChainOps.reduceDetached(c,
        PerPoint.of(c, precision, packAxis), rounding, draws.engine()));
  }

  private NDArray reduce(NDArray owned, int packAxis) {
    return ChainOps.reduceInPlace(owned, PerPoint.of(owned, precision, packAxis), rounding,
        draws.engine());
  }

  /** x plus noise, identity gradient (x may record one). */
  private NDArray withNoise(NDArray x, int packAxis) {
    if (noise == NoiseKind.POISSON) {
      try (NDArray detached = ChainOps.detachedCopy(x)) {
        NDArray noisy = poisson(detached, packAxis);
        return ChainOps.tracked() ? ChainOps.joinStraightThrough(x, noisy) : noisy;
      }
    }
    try (NDArray n = draw(x, packAxis)) {
      return x.add(n);
    }
  }

  /** The owned array plus noise, in place where the noise is additive. */
  private NDArray addNoise(NDArray owned, int packAxis) {
    if (noiseless()) {
      return owned;
    }
    if (noise == NoiseKind.POISSON) {
      NDArray noisy = poisson(owned, packAxis);
      owned.close();
      return noisy;
    }
    try (NDArray n = draw(owned, packAxis)) {
      return owned.addi(n);
    }
  }

  /** Additive noise of x's shape, each point's scaled by its parameter. */
  private NDArray draw(NDArray like, int packAxis) {
    return NoiseSampler.additive(noise, like, PerPoint.of(like, parameter, packAxis),
        draws.engine());
  }

  /** Shot noise drawn on the host: sign(x) Poisson(|x| p k) / (p k), per point's p and k. */
  private NDArray poisson(NDArray x, int packAxis) {
    float[] v = x.toType(DataType.FLOAT32, false).toFloatArray();
    long[] dims = x.getShape().getShape();
    long inner = 1;
    for (int d = packAxis + 1; d < dims.length; d++) {
      inner *= dims[d];
    }
    int k = parameter.length;
    for (int j = 0; j < v.length; j++) {
      int point = (int) ((j / inner) % k);
      double scale = (double) precision[point] * parameter[point];
      if (scale > 0 && v[j] != 0) {
        v[j] = (float) NoiseSampler.shot(v[j], scale, draws.host());
      }
    }
    return x.getManager().create(v, x.getShape()).toType(x.getDataType(), false);
  }
}
