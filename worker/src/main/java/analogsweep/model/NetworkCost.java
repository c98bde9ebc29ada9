package analogsweep.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import analogsweep.layer.AnalogConv2d;
import analogsweep.layer.AnalogLinear;

/**
 * Multiply-add work of an initialised network: the FLOPs (2 per multiply-add) of its weight
 * layers for one sample's forward pass. Training costs about three forward passes (forward, and
 * the two products of the backward pass). Element-wise work (the chain, activations) is left
 * out: it is what the chain's overhead is measured against.
 */
public final class NetworkCost {
  private NetworkCost() {}

  /** Forward FLOPs per sample of every weight layer in {@code block} and its children. */
  public static long forwardFlopsPerSample(Block block) {
    if (block instanceof AnalogLinear || block instanceof AnalogConv2d) {
      Shape out = block.getOutputShapes(block.getInputShapes())[0];
      long weights = 0;
      for (Pair<String, Parameter> p : block.getDirectParameters()) {
        if (p.getValue().getType() == Parameter.Type.WEIGHT) {
          weights += p.getValue().getArray().getShape().size();
        }
      }
      // each weight is used once per output position (conv) or per leading index (linear)
      long positions = block instanceof AnalogConv2d ? out.get(2) * out.get(3)
          : out.size() / out.get(0) / out.get(out.dimension() - 1);
      return 2L * weights * positions;
    }
    long total = 0;
    for (Pair<String, Block> child : block.getChildren()) {
      total += forwardFlopsPerSample(child.getValue());
    }
    return total;
  }
}
