package analogsweep.model;

import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import analogsweep.layer.ActivationBlock;
import analogsweep.layer.AnalogLinear;

/**
 * AnalogVNN's fully connected model: flatten, then per hidden width an AnalogLinear and the
 * activation, then an AnalogLinear to the classes (no activation after the last layer). With a
 * gated family every layer followed by the activation has twice the width, which it halves.
 */
final class LinearModel implements ModelBuilder {
  @Override
  public SequentialBlock build(NetworkParts parts) {
    SequentialBlock net = new SequentialBlock();
    net.add(Blocks.batchFlattenBlock());
    for (int width : parts.model().hiddenSizes()) {
      net.add(new AnalogLinear(width * parts.widen(), parts.chain(), parts.sites(),
          parts.nextSeed()));
      net.add(ActivationBlock.dense(parts.activation()));
    }
    net.add(new AnalogLinear(parts.classes(), parts.chain(), parts.sites(), parts.nextSeed()));
    return net;
  }
}
