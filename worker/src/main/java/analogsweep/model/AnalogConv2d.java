package analogsweep.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import analogsweep.analog.AnalogChain;

/** A square-kernel, stride-1 2-D convolution inside the analog chain; input (batch, C, H, W). */
public final class AnalogConv2d extends AnalogLayer {
  private final int kernel;
  private final int padding;

  public AnalogConv2d(int channels, int kernel, int padding, AnalogChain chain, boolean in,
      boolean out, boolean weights, long seed) {
    super(channels, chain, in, out, weights, seed);
    this.kernel = kernel;
    this.padding = padding;
  }

  @Override
  protected Shape weightShape(Shape input) {
    return new Shape(outputs, input.get(1), kernel, kernel);
  }

  @Override
  protected NDArray compute(NDArray x, NDArray w, NDArray b) {
    return Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(padding, padding), new Shape(1, 1))
        .singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    long h = in.get(2) + 2L * padding - kernel + 1;
    long w = in.get(3) + 2L * padding - kernel + 1;
    return new Shape[] {new Shape(in.get(0), outputs, h, w)};
  }

  @Override
  public String toString() {
    String in = isInitialized() ? String.valueOf(getInputShapes()[0].get(1)) : "?";
    return "AnalogConv2d(" + in + " -> " + outputs + ", " + kernel + "x" + kernel + ", pad "
        + padding + "; " + chainDescription() + ")";
  }
}
