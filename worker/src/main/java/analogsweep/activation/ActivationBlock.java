package analogsweep.activation;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** A parameter-free block that applies an {@link InterpolatedActivation}; prints as its formula. */
public final class ActivationBlock extends AbstractBlock {
  private final InterpolatedActivation activation;

  public ActivationBlock(InterpolatedActivation activation) {
    this.activation = activation;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(activation.apply(inputs.singletonOrThrow()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    if (!activation.family().gated()) {
      return new Shape[] {in};
    }
    long[] dims = in.getShape();
    dims[1] /= 2;
    return new Shape[] {new Shape(dims)};
  }

  @Override
  public String toString() {
    return "Activation " + activation;
  }
}
