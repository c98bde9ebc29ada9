package analogsweep.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import analogsweep.grid.ModelKind;
import analogsweep.layer.ActivationBlock;
import analogsweep.layer.AnalogConv2d;
import analogsweep.layer.AnalogLinear;
import analogsweep.layer.ShapeOp;

/**
 * VGG-A as torchvision's {@code vgg11} and the authors' VGG script: 3x3 convolutions (padding 1)
 * of 64, M, 128, M, 256, 256, M, 512, 512, M, 512, 512, M (M a 2x2 max-pool), each followed by
 * the activation, no batch norm; adaptive average pool to 7x7; FC 4096, FC 4096 (each followed by
 * the activation and dropout 0.5) and FC classes. Five pools need at least 32x32 input, so
 * smaller images (Fashion-MNIST's 28x28) are zero-padded to 32x32 first, inside the network: the
 * chain before the first convolution sees the padded image, as if the data had been padded.
 * 129,176,036 parameters on 32x32x3 with 100 classes, nearly all in the first FC layer (the 7x7
 * pool repeats the 1x1 map of a 32x32 image 49 times).
 */
final class VggModel implements ModelBuilder {
  /** Configuration A: widths, 0 for a max-pool. */
  static final int[] CONFIG_A = {64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0};

  /** The smallest image side five 2x2 pools divide down to at least 1. */
  static final int MIN_SIZE = 32;

  @Override
  public SequentialBlock build(NetworkParts parts) {
    SequentialBlock net = new SequentialBlock();
    net.add(ShapeOp.padTo(MIN_SIZE));
    for (int width : CONFIG_A) {
      if (width == 0) {
        net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
      } else {
        net.add(new AnalogConv2d(width, 3, 1, 1, parts.chain(), parts.sites(), parts.nextSeed()));
        net.add(ActivationBlock.channels(parts.activation()));
      }
    }
    net.add(ShapeOp.adaptiveAvgPool(7));
    net.add(Blocks.batchFlattenBlock());
    for (int width : ModelKind.VGG_FC_WIDTHS) {
      net.add(new AnalogLinear(width, parts.chain(), parts.sites(), parts.nextSeed()));
      net.add(ActivationBlock.dense(parts.activation()));
      net.add(Dropout.builder().optRate(0.5f).build());
    }
    net.add(new AnalogLinear(parts.classes(), parts.chain(), parts.sites(), parts.nextSeed()));
    return net;
  }
}
