package analogsweep.layer;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import analogsweep.activation.InterpolatedActivation;

/**
 * A parameter-free block that applies an {@link InterpolatedActivation}; the gated family halves
 * the feature axis: the last axis of dense features ({@link #dense}), the channel axis (1) of
 * convolutional ones ({@link #channels}). Prints as its formula.
 */
public final class ActivationBlock extends AbstractBlock {
  private final InterpolatedActivation activation;
  private final int axis;

  private ActivationBlock(InterpolatedActivation activation, int axis) {
    this.activation = activation;
    this.axis = axis;
  }

  /** Features on the last axis: (batch, features) or (batch, tokens, features). */
  public static ActivationBlock dense(InterpolatedActivation activation) {
    return new ActivationBlock(activation, -1);
  }

  /** Features on the channel axis: (batch, channels, height, width). */
  public static ActivationBlock channels(InterpolatedActivation activation) {
    return new ActivationBlock(activation, 1);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(activation.apply(inputs.singletonOrThrow(), axis));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    if (!activation.family().gated()) {
      return new Shape[] {in};
    }
    long[] dims = in.getShape().clone(); // never halve the caller's shape in place
    int a = axis < 0 ? dims.length + axis : axis;
    dims[a] /= 2;
    return new Shape[] {new Shape(dims)};
  }

  @Override
  public String toString() {
    return "Activation " + activation;
  }
}
