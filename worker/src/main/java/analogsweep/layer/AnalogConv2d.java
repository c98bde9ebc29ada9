package analogsweep.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import analogsweep.analog.AnalogChain;
import analogsweep.grid.ChainSites;

/** A square-kernel 2-D convolution inside the analog chain; input (batch, C, H, W). */
public final class AnalogConv2d extends AnalogLayer {
  private final int kernel;
  private final int stride;
  private final int padding;

  public AnalogConv2d(int channels, int kernel, int stride, int padding, AnalogChain chain,
      ChainSites sites, long seed) {
    this(channels, kernel, stride, padding, true, chain, sites, seed);
  }

  /** A convolution with or without a bias (ResNet's, followed by batch norm, have none). */
  public AnalogConv2d(int channels, int kernel, int stride, int padding, boolean withBias,
      AnalogChain chain, ChainSites sites, long seed) {
    super(channels, withBias, chain, sites, seed);
    if (kernel < 1 || stride < 1 || padding < 0) {
      throw new IllegalArgumentException("kernel " + kernel + ", stride " + stride
          + ", padding " + padding);
    }
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
  }

  @Override
  protected Shape weightShape(Shape input) {
    return new Shape(outputs, input.get(1), kernel, kernel);
  }

  @Override
  protected NDArray compute(NDArray x, NDArray w, NDArray b) {
    return Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(padding, padding),
        new Shape(1, 1)).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    long h = (in.get(2) + 2L * padding - kernel) / stride + 1;
    long w = (in.get(3) + 2L * padding - kernel) / stride + 1;
    return new Shape[] {new Shape(in.get(0), outputs, h, w)};
  }

  /** This layer, starting from {@code layerInit}'s laws; call before initialisation. */
  public AnalogConv2d withInit(LayerInit layerInit) {
    setInit(layerInit);
    return this;
  }

  @Override
  public String toString() {
    return "AnalogConv2d(" + inputSize(1) + " -> " + outputs + ", " + kernel + "x" + kernel
        + (stride == 1 ? "" : ", stride " + stride) + ", pad " + padding + "; "
        + chainDescription() + ")";
  }
}
