package analogsweep.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import analogsweep.layer.ActivationBlock;
import analogsweep.layer.AnalogConv2d;
import analogsweep.layer.AnalogLinear;
import java.util.List;

/**
 * Assembles the DJL blocks of a layout, each weight layer with the chain, the next seed and the
 * laws its architecture starts it from.
 */
final class SequentialLayout {
  private SequentialLayout() {}

  static SequentialBlock assemble(List<LayerSpec> layout, SequentialArchitecture architecture,
      NetworkParts parts) {
    SequentialBlock net = new SequentialBlock();
    for (LayerSpec step : layout) {
      if (step instanceof LayerSpec.Conv c) {
        net.add(new AnalogConv2d(c.channels(), c.kernel(), 1, c.padding(), parts.chain(),
            parts.sites(), parts.nextSeed()).withInit(architecture.initOf(step, parts.init())));
      } else if (step instanceof LayerSpec.Dense d) {
        net.add(new AnalogLinear(d.units(), parts.chain(), parts.sites(), parts.nextSeed())
            .withInit(architecture.initOf(step, parts.init())));
      } else if (step instanceof LayerSpec.Activate a) {
        net.add(a.channels() ? ActivationBlock.channels(parts.activation())
            : ActivationBlock.dense(parts.activation()));
      } else if (step instanceof LayerSpec.MaxPool) {
        net.add(Pool.maxPool2dBlock(new Shape(2, 2)));
      } else if (step instanceof LayerSpec.Dropout d) {
        net.add(parts.dropout(d.rate()));
      } else {
        net.add(Blocks.batchFlattenBlock());
      }
    }
    return net;
  }
}
