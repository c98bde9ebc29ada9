package analogsweep.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import analogsweep.grid.ActivationFamily;
import analogsweep.grid.Augmentation;
import analogsweep.grid.FieldValues;
import analogsweep.grid.GridField;
import analogsweep.grid.Initialization;
import analogsweep.grid.ModelKind;
import analogsweep.grid.ModelSection;
import analogsweep.grid.Normalization;
import analogsweep.grid.Placement;
import analogsweep.grid.Recipe;
import analogsweep.grid.ResNetStem;
import analogsweep.grid.Rules;
import analogsweep.layer.ActivationBlock;
import analogsweep.layer.AnalogBatchNorm;
import analogsweep.layer.AnalogConv2d;
import analogsweep.layer.AnalogLinear;
import analogsweep.layer.DigitalToAnalog;
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
 * (17 conv layers on the main path, 1 FC layer), it is set by its stem (default cifar; under the
 * recipe authors imagenet-pipeline), takes no gated family, and the chain sits before every layer
 * and on weights.
 *
 * <p>Under the recipe authors the network is GeLUReLUInterpolation's {@code src/nn/ResNet.py}
 * (commit a7933d5) in two more respects: a BasicBlock without a downsample has the chain's
 * digital-to-analog end as its shortcut ({@link DigitalToAnalog}), where the chain acts before
 * layers; and batch norm's scale and shift pass the chain's weight path ({@link AnalogBatchNorm}),
 * where it acts on weights, as AnalogVNN's parametrization in run_resnet.py reaches them. Under
 * analogsweep-1 identity shortcuts are plain and batch norm is clean, as before.
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
    ResNetStem stem = v.get(GridField.RECIPE) == Recipe.AUTHORS ? ResNetStem.IMAGENET_PIPELINE
        : ResNetStem.CIFAR;
    return fixedDepth(kind, v, List.of(), MAIN_PATH_CONVS, 1, null, stem);
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

  /** A global average pool before the classifier: any image size (the authors' pipeline). */
  @Override
  protected boolean takesAnyImageSize() {
    return true;
  }

  /** Batch norm trains a scale and a shift per channel (its running statistics are state). */
  @Override
  public ModelCost cost(ModelSection model, int widen, int channels, int height, int width,
      int classes) {
    ModelCost.Tally t = new ModelCost.Tally();
    long h = height;
    long w = width;
    if (model.resnetStem() != ResNetStem.CIFAR) {
      // imagenet-pipeline is costed on the 224x224 training crops of its pipeline
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
    if (parts.model().resnetStem() != ResNetStem.CIFAR) {
      if (parts.model().resnetStem() == ResNetStem.IMAGENET) {
        net.add(ShapeOp.resizeTo(IMAGENET_SIZE));
      }
      net.add(conv(parts, 64, 7, 2));
      net.add(norm(parts));
      net.add(ActivationBlock.channels(parts.activation()));
      net.add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
    } else {
      net.add(conv(parts, 64, 3, 1));
      net.add(norm(parts));
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
    main.add(norm(parts));
    main.add(ActivationBlock.channels(parts.activation()));
    main.add(conv(parts, width, 3, 1));
    main.add(norm(parts));
    SequentialBlock shortcut = null;
    if (stride != 1 || in != width) {
      shortcut = new SequentialBlock();
      shortcut.add(conv(parts, width, 1, stride));
      shortcut.add(norm(parts));
    } else if (authors(parts) && parts.sites().beforeLayers()) {
      // ResNet.py: a block without a downsample takes a digital-to-analog layer as its shortcut
      shortcut = new SequentialBlock();
      shortcut.add(new DigitalToAnalog("identity shortcut", parts.chain()));
    }
    String label = "BasicBlock(" + in + " -> " + width + (stride == 1 ? "" : ", stride " + stride)
        + ")";
    return new Residual(label, main, shortcut, ActivationBlock.channels(parts.activation()));
  }

  private static boolean authors(NetworkParts parts) {
    return parts.recipe() == Recipe.AUTHORS;
  }

  /**
   * Batch norm: its scale and shift through the chain's weight path under the recipe authors
   * where the chain acts on weights (AnalogVNN's parametrization reaches them), else DJL's own.
   */
  private static Block norm(NetworkParts parts) {
    return authors(parts) && parts.sites().weights() ? new AnalogBatchNorm(parts.chain())
        : BatchNorm.builder().build();
  }

  /** A bias-free convolution with "same" padding for odd kernels (PyTorch's k/2). */
  private static AnalogConv2d conv(NetworkParts parts, int width, int kernel, int stride) {
    return new AnalogConv2d(width, kernel, stride, kernel / 2, false, parts.chain(),
        parts.sites(), parts.nextSeed())
        .withInit(parts.init(LayerInit.KAIMING_NORMAL_FAN_OUT_WEIGHT));
  }

  /**
   * run_resnet.py (GeLUReLUInterpolation commit a7933d5): batch 384, up to 100 epochs, the
   * near-chance stop rule only (no 5-point-drop rule), Kaiming-normal (fan-out) convolutions,
   * and its data transforms: {@link Augmentation#IMAGENET_STYLE} (resize 256, flips, rotation up
   * to 45 degrees, colour jitter 0.5, centre crop 224; test images resized to 256) and
   * {@link Normalization#IMAGENET_CONSTANTS}, on the stem {@link ResNetStem#IMAGENET_PIPELINE}.
   */
  @Override
  public boolean authorsInitialize() {
    return true;
  }

  @Override
  protected TrainingDefaults authors() {
    return TrainingDefaults.ANALOGSWEEP_1.withSchedule(384, 100, true, false)
        .withData(Augmentation.IMAGENET_STYLE, Normalization.IMAGENET_CONSTANTS)
        .withNetwork(Initialization.AUTHORS, false);
  }
}
