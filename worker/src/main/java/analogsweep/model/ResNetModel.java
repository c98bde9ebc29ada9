package analogsweep.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import analogsweep.grid.ActivationFamily;
import analogsweep.grid.FieldValues;
import analogsweep.grid.GridField;
import analogsweep.grid.Initialization;
import analogsweep.grid.ModelKind;
import analogsweep.grid.ModelSection;
import analogsweep.grid.Placement;
import analogsweep.grid.ResNetStem;
import analogsweep.grid.Rules;
import analogsweep.layer.ActivationBlock;
import analogsweep.layer.AnalogConv2d;
import analogsweep.layer.AnalogLinear;
import analogsweep.layer.LayerInit;
import analogsweep.layer.NamedSequence;
import analogsweep.layer.Residual;
import analogsweep.layer.ShapeOp;
import java.util.List;

/**
 * ResNet-18 as torchvision's and the authors': a stem ({@link ResNetStem}), four stages of two
 * BasicBlocks of widths 64, 128, 256, 512 (stride 2 at the start of stages 2 to 4), global
 * average pool and FC classes. A BasicBlock is conv3x3-BN-activation-conv3x3-BN plus a shortcut
 * (a 1x1 strided conv and BN where the shape changes, else the identity), then the activation.
 * Convolutions have no bias (batch norm follows each). The analog chain comes with each
 * convolution, so the placement reaches shortcut convolutions as well. Batch norm uses batch
 * statistics in training and its running statistics in evaluation (momentum 0.1, eps 1e-5, as
 * PyTorch). 11,220,132 parameters on 32x32x3 with 100 classes (cifar stem). Its depths are fixed
 * (17 conv layers on the main path, 1 FC layer), it is set by its stem (default cifar), takes no
 * gated family, and the chain sits before every layer and on weights.
 */
final class ResNetModel extends Architecture {
  static final int[] WIDTHS = {64, 128, 256, 512};
  static final int BLOCKS_PER_STAGE = 2;
  /** The side torchvision's ImageNet stem expects, and the authors resized CIFAR to. */
  static final int IMAGENET_SIZE = 224;
  /** Convolutions on the main path: the stem's and two per BasicBlock. */
  static final int MAIN_PATH_CONVS = 1 + 2 * BLOCKS_PER_STAGE * WIDTHS.length;

  ResNetModel() {
    super("resnet-18", Placement.BEFORE_LAYERS);
  }

  @Override
  public List<GridField> options() {
    return List.of(GridField.RESNET_STEM);
  }

  @Override
  public ModelSection complete(ModelKind kind, FieldValues v) {
    return fixedDepth(kind, v, List.of(), MAIN_PATH_CONVS, 1, null, ResNetStem.CIFAR);
  }

  @Override
  public void check(ModelSection s) {
    checkFixedDepth(s, List.of(), MAIN_PATH_CONVS, 1);
    Rules.check(s.resnetStem() != null, "resnet_stem", null, "resnet-18 needs a stem");
  }

  @Override
  public void checkFamily(ActivationFamily family) {
    refuseGated(family);
  }

  /** Batch norm trains a scale and a shift per channel (its running statistics are state). */
  @Override
  public ModelCost cost(ModelSection model, int widen, int channels, int height, int width,
      int classes) {
    ModelCost.Tally t = new ModelCost.Tally();
    long h = height;
    long w = width;
    if (model.resnetStem() == ResNetStem.IMAGENET) {
      h = conv(IMAGENET_SIZE, 7, 2); // 7x7 stride 2, padding 3
      w = h;
      t.conv(64, channels, 7, false, h * w).parameters(2 * 64);
      h = (h + 2 - 3) / 2 + 1; // max-pool 3x3 stride 2, padding 1
      w = h;
    } else {
      t.conv(64, channels, 3, false, h * w).parameters(2 * 64);
    }
    long in = 64;
    for (int stage = 0; stage < WIDTHS.length; stage++) {
      long out = WIDTHS[stage];
      for (int k = 0; k < BLOCKS_PER_STAGE; k++) {
        int stride = stage > 0 && k == 0 ? 2 : 1;
        long oh = conv(h, 3, stride);
        long ow = conv(w, 3, stride);
        t.conv(out, in, 3, false, oh * ow).parameters(2 * out);
        t.conv(out, out, 3, false, oh * ow).parameters(2 * out);
        if (stride != 1 || in != out) {
          t.conv(out, in, 1, false, conv(h, 1, stride) * conv(w, 1, stride)).parameters(2 * out);
        }
        h = oh;
        w = ow;
        in = out;
      }
    }
    return t.dense(classes, in, true, 1).total();
  }

  /** The output side of a convolution with "same" padding (kernel / 2) and a stride. */
  private static long conv(long side, int kernel, int stride) {
    return (side + 2L * (kernel / 2) - kernel) / stride + 1;
  }

  @Override
  public SequentialBlock build(NetworkParts parts) {
    SequentialBlock net = new SequentialBlock();
    if (parts.model().resnetStem() == ResNetStem.IMAGENET) {
      net.add(ShapeOp.resizeTo(IMAGENET_SIZE));
      net.add(conv(parts, 64, 7, 2));
      net.add(BatchNorm.builder().build());
      net.add(ActivationBlock.channels(parts.activation()));
      net.add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
    } else {
      net.add(conv(parts, 64, 3, 1));
      net.add(BatchNorm.builder().build());
      net.add(ActivationBlock.channels(parts.activation()));
    }
    int in = 64;
    for (int stage = 0; stage < WIDTHS.length; stage++) {
      int width = WIDTHS[stage];
      NamedSequence blocks = new NamedSequence("stage " + (stage + 1) + ": " + BLOCKS_PER_STAGE
          + " BasicBlocks of " + width);
      for (int k = 0; k < BLOCKS_PER_STAGE; k++) {
        int stride = stage > 0 && k == 0 ? 2 : 1;
        blocks.add(basicBlock(parts, in, width, stride));
        in = width;
      }
      net.add(blocks);
    }
    net.add(Pool.globalAvgPool2dBlock());
    net.add(new AnalogLinear(parts.classes(), parts.chain(), parts.sites(), parts.nextSeed()));
    return net;
  }

  private static Residual basicBlock(NetworkParts parts, int in, int width, int stride) {
    SequentialBlock main = new SequentialBlock();
    main.add(conv(parts, width, 3, stride));
    main.add(BatchNorm.builder().build());
    main.add(ActivationBlock.channels(parts.activation()));
    main.add(conv(parts, width, 3, 1));
    main.add(BatchNorm.builder().build());
    SequentialBlock shortcut = null;
    if (stride != 1 || in != width) {
      shortcut = new SequentialBlock();
      shortcut.add(conv(parts, width, 1, stride));
      shortcut.add(BatchNorm.builder().build());
    }
    String label = "BasicBlock(" + in + " -> " + width + (stride == 1 ? "" : ", stride " + stride)
        + ")";
    return new Residual(label, main, shortcut, ActivationBlock.channels(parts.activation()));
  }

  /** A bias-free convolution with "same" padding for odd kernels (PyTorch's k/2). */
  private static AnalogConv2d conv(NetworkParts parts, int width, int kernel, int stride) {
    return new AnalogConv2d(width, kernel, stride, kernel / 2, false, parts.chain(),
        parts.sites(), parts.nextSeed())
        .withInit(parts.init(LayerInit.KAIMING_NORMAL_FAN_OUT_WEIGHT));
  }

  /**
   * run_resnet.py: batch 384, up to 100 epochs, the near-chance stop rule only (no 5-point-drop
   * rule), Kaiming-normal (fan-out) convolutions.
   */
  @Override
  public boolean authorsInitialize() {
    return true;
  }

  @Override
  protected TrainingDefaults authors() {
    return TrainingDefaults.ANALOGSWEEP_1.withSchedule(384, 100, true, false)
        .withNetwork(Initialization.AUTHORS, false);
  }
}
