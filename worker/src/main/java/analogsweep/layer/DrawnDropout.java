package analogsweep.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import analogsweep.seed.EngineDraws;
import analogsweep.tensor.Scalars;

/**
 * Dropout at a rate while training, identity in evaluation, with its masks drawn from the
 * training's own {@link EngineDraws} rather than the engine's shared generator: each value is
 * kept with probability 1 - rate and scaled by 1 / (1 - rate), the law of PyTorch's
 * {@code nn.Dropout}. Prints as DJL's dropout did.
 */
public final class DrawnDropout extends AbstractBlock {
  private final float rate;
  private final EngineDraws draws;

  public DrawnDropout(float rate, EngineDraws draws) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("dropout rate must lie in [0, 1): " + rate);
    }
    this.rate = rate;
    this.draws = draws;
  }

  /**
   * {@code x} with each value kept with probability 1 - rate (a uniform draw at or above the
   * rate) and scaled by 1 / (1 - rate); the gradient flows through the kept values.
   */
  public static NDArray drop(NDArray x, float rate, EngineDraws draws) {
    if (rate == 0) {
      return x;
    }
    NDArray keep;
    try (NDArray u = draws.uniform(x, 0f, 1f); NDArray kept = u.gte(rate)) {
      keep = kept.toType(x.getDataType(), false).muli(Scalars.of(x, 1.0 / (1 - rate)));
    }
    try (keep) {
      return x.mul(keep);
    }
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    return new NDList(training ? drop(x, rate, draws) : x);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  public String toString() {
    return "Dropout";
  }
}
