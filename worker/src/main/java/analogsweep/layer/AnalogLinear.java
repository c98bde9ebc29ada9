package analogsweep.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import analogsweep.analog.AnalogChain;
import analogsweep.grid.ChainSites;

/** A fully connected layer over the last axis, at any rank, inside the analog chain. */
public final class AnalogLinear extends AnalogLayer {
  public AnalogLinear(int units, AnalogChain chain, ChainSites sites, long seed) {
    super(units, chain, sites, seed);
  }

  /** A layer with or without a bias (the ViT's query-key-value projection has none). */
  public AnalogLinear(int units, boolean withBias, AnalogChain chain, ChainSites sites,
      long seed) {
    super(units, withBias, chain, sites, seed);
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
    long[] dims = inputShapes[0].getShape().clone();
    dims[dims.length - 1] = outputs;
    return new Shape[] {new Shape(dims)};
  }

  /** This layer, starting from {@code layerInit}'s laws; call before initialisation. */
  public AnalogLinear withInit(LayerInit layerInit) {
    setInit(layerInit);
    return this;
  }

  @Override
  public String toString() {
    return "AnalogLinear(" + inputSize(-1) + " -> " + outputs + "; " + chainDescription() + ")";
  }
}
