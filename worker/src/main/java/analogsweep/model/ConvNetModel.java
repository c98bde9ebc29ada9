package analogsweep.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import analogsweep.layer.ActivationBlock;
import analogsweep.layer.AnalogConv2d;
import analogsweep.layer.AnalogLinear;

/**
 * The paper's ConvNet: up to six 3x3 convs of widths 48, 48, 96, 96, 192, 192 (padding 1 on the
 * first of each pair, none on the second), max-pool 2 after each pair, dropout 0.25 after the
 * first two pools; flatten; FC 512 and FC 256 (each followed by dropout 0.5) as linear_depth keeps
 * them, then FC classes. conv_depth 6 and linear_depth 3 give the paper's network, with 1,172,410
 * parameters on 32x32x3. A gated family doubles each layer before an activation (channels for
 * convolutions, features for FC layers), which the activation halves.
 */
final class ConvNetModel implements ModelBuilder {
  static final int[] CONV_WIDTHS = {48, 48, 96, 96, 192, 192};

  @Override
  public SequentialBlock build(NetworkParts parts) {
    SequentialBlock net = new SequentialBlock();
    for (int k = 1; k <= parts.model().convDepth(); k++) {
      int padding = k % 2 == 1 ? 1 : 0;
      net.add(new AnalogConv2d(CONV_WIDTHS[k - 1] * parts.widen(), 3, 1, padding, parts.chain(),
          parts.sites(), parts.nextSeed()));
      net.add(ActivationBlock.channels(parts.activation()));
      if (k % 2 == 0) {
        net.add(Pool.maxPool2dBlock(new Shape(2, 2)));
        if (k <= 4) {
          net.add(Dropout.builder().optRate(0.25f).build());
        }
      }
    }
    net.add(Blocks.batchFlattenBlock());
    for (int width : parts.model().hiddenSizes()) {
      net.add(new AnalogLinear(width * parts.widen(), parts.chain(), parts.sites(),
          parts.nextSeed()));
      net.add(ActivationBlock.dense(parts.activation()));
      net.add(Dropout.builder().optRate(0.5f).build());
    }
    net.add(new AnalogLinear(parts.classes(), parts.chain(), parts.sites(), parts.nextSeed()));
    return net;
  }
}
