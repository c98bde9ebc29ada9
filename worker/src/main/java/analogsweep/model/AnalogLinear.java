package analogsweep.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import analogsweep.analog.AnalogChain;

/** A fully connected layer inside the analog chain; input (batch, features). */
public final class AnalogLinear extends AnalogLayer {
  public AnalogLinear(int units, AnalogChain chain, boolean in, boolean out, boolean weights,
      long seed) {
    super(units, chain, in, out, weights, seed);
  }

  @Override
  protected Shape weightShape(Shape input) {
    return new Shape(outputs, input.get(input.dimension() - 1));
  }

  @Override
  protected NDArray compute(NDArray x, NDArray w, NDArray b) {
    return Linear.linear(x, w, b).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), outputs)};
  }

  @Override
  public String toString() {
    String in = isInitialized() ? String.valueOf(getInputShapes()[0].get(1)) : "?";
    return "AnalogLinear(" + in + " -> " + outputs + "; " + chainDescription() + ")";
  }
}
