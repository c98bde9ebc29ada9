package analogsweep.layer;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import analogsweep.analog.AnalogChain;

/**
 * The input image passing the digital-to-analog side of the chain once (Clamp, ReducePrecision,
 * Noise), as the ViT's placement has it: the network after it is digital.
 */
public final class AnalogInput extends AbstractBlock {
  private final AnalogChain chain;

  public AnalogInput(AnalogChain chain) {
    this.chain = chain;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(chain.toAnalog(inputs.singletonOrThrow()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  public String toString() {
    return "AnalogInput(image: " + chain.describeToAnalog() + ")";
  }
}
