package analogsweep.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import analogsweep.grid.ActivationFamily;
import analogsweep.grid.Augmentation;
import analogsweep.grid.FieldValues;
import analogsweep.grid.GridField;
import analogsweep.grid.Initialization;
import analogsweep.grid.LearningRateSchedule;
import analogsweep.grid.ModelKind;
import analogsweep.grid.ModelSection;
import analogsweep.grid.Normalization;
import analogsweep.grid.Placement;
import analogsweep.layer.ActivationBlock;
import analogsweep.layer.AnalogConv2d;
import analogsweep.layer.AnalogLinear;
import analogsweep.layer.LayerInit;
import analogsweep.layer.ShapeOp;
import java.util.List;

/**
 * VGG-A as torchvision's {@code vgg11} and the authors' VGG script: 3x3 convolutions (padding 1)
 * of 64, M, 128, M, 256, 256, M, 512, 512, M, 512, 512, M (M a 2x2 max-pool), each followed by
 * the activation, no batch norm; adaptive average pool to 7x7; FC 4096, FC 4096 (each followed by
 * the activation and dropout 0.5) and FC classes. Five pools need at least 32x32 input, so
 * smaller images (Fashion-MNIST's 28x28) are zero-padded to 32x32 first, inside the network: the
 * chain before the first convolution sees the padded image, as if the data had been padded.
 * 129,176,036 parameters on 32x32x3 with 100 classes, nearly all in the first FC layer (the 7x7
 * pool repeats the 1x1 map of a 32x32 image 49 times). Its depths are fixed (8 conv layers, 3 FC
 * layers), it takes no gated family, and the chain sits before every layer and on weights.
 */
final class VggModel extends Architecture {
  /** Configuration A: widths, 0 for a max-pool. */
  static final int[] CONFIG_A = {64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0};

  /** The smallest image side five 2x2 pools divide down to at least 1. */
  static final int MIN_SIZE = 32;

  /** The fully connected widths before the classifier. */
  static final List<Integer> FC_WIDTHS = List.of(4096, 4096);

  /** The side of the adaptive average pool's output. */
  static final int POOLED = 7;

  VggModel() {
    super("vgg-a", Placement.BEFORE_LAYERS);
  }

  @Override
  public List<GridField> options() {
    return List.of();
  }

  @Override
  public ModelSection complete(ModelKind kind, FieldValues v) {
    return fixedDepth(kind, v, FC_WIDTHS, convLayers(), FC_WIDTHS.size() + 1, null, null);
  }

  @Override
  public void check(ModelSection s) {
    checkFixedDepth(s, FC_WIDTHS, convLayers(), FC_WIDTHS.size() + 1);
  }

  @Override
  public void checkFamily(ActivationFamily family) {
    refuseGated(family);
  }

  private static int convLayers() {
    int n = 0;
    for (int width : CONFIG_A) {
      n += width == 0 ? 0 : 1;
    }
    return n;
  }

  @Override
  public ModelCost cost(ModelSection model, int widen, int channels, int height, int width,
      int classes) {
    ModelCost.Tally t = new ModelCost.Tally();
    long h = Math.max(MIN_SIZE, height);
    long w = Math.max(MIN_SIZE, width);
    long in = channels;
    for (int out : CONFIG_A) {
      if (out == 0) {
        h /= 2;
        w /= 2;
      } else {
        t.conv(out, in, 3, true, h * w);
        in = out;
      }
    }
    long features = in * POOLED * POOLED;
    for (int out : FC_WIDTHS) {
      t.dense(out, features, true, 1);
      features = out;
    }
    return t.dense(classes, features, true, 1).total();
  }

  @Override
  public SequentialBlock build(NetworkParts parts) {
    SequentialBlock net = new SequentialBlock();
    net.add(ShapeOp.padTo(MIN_SIZE));
    for (int width : CONFIG_A) {
      if (width == 0) {
        net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
      } else {
        net.add(new AnalogConv2d(width, 3, 1, 1, parts.chain(), parts.sites(), parts.nextSeed())
            .withInit(parts.init(LayerInit.KAIMING_NORMAL_FAN_OUT_ZERO_BIAS)));
        net.add(ActivationBlock.channels(parts.activation()));
      }
    }
    net.add(ShapeOp.adaptiveAvgPool(POOLED));
    net.add(Blocks.batchFlattenBlock());
    for (int width : FC_WIDTHS) {
      net.add(new AnalogLinear(width, parts.chain(), parts.sites(), parts.nextSeed())
          .withInit(parts.init(LayerInit.KAIMING_NORMAL_FAN_IN_ZERO_BIAS)));
      net.add(ActivationBlock.dense(parts.activation()));
      net.add(parts.dropout(0.5f));
    }
    net.add(new AnalogLinear(parts.classes(), parts.chain(), parts.sites(), parts.nextSeed())
        .withInit(parts.init(LayerInit.KAIMING_NORMAL_FAN_IN_ZERO_BIAS)));
    return net;
  }

  /**
   * run_vgg.py (GeLUReLUInterpolation commit a7933d5): batch 500, up to 200 epochs, Adam with
   * weight decay 1e-4, both stop rules (near chance from the 10th epoch, and a 5-point drop from
   * the best test accuracy), Kaiming-normal initialization with zero biases, and its transforms:
   * random crop with reflect padding 4, a horizontal flip and a rotation up to 15 degrees
   * ({@link Augmentation#CROP_FLIP_ROTATE}), then CIFAR-10's fixed mean and deviation, on
   * CIFAR-100 too ({@link Normalization#CIFAR_10_CONSTANTS}; a grayscale data set is refused
   * with them, so VGG-A on Fashion-MNIST under this recipe names {@code normalization}).
   */
  @Override
  public boolean authorsInitialize() {
    return true;
  }

  @Override
  protected TrainingDefaults authors() {
    return TrainingDefaults.ANALOGSWEEP_1.withSchedule(500, 200, true, true)
        .withOptimizer(1e-4, LearningRateSchedule.FIXED)
        .withData(Augmentation.CROP_FLIP_ROTATE, Normalization.CIFAR_10_CONSTANTS)
        .withNetwork(Initialization.AUTHORS, false);
  }
}
