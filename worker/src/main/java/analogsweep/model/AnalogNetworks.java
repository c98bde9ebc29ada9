package analogsweep.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.util.Pair;
import analogsweep.activation.ActivationBlock;
import analogsweep.activation.InterpolatedActivation;
import analogsweep.analog.AnalogChain;
import analogsweep.grid.GridPoint;
import analogsweep.grid.ModelKind;
import java.util.SplittableRandom;

/**
 * Builds the networks of PAPER.md with the analog chain around every weight layer.
 *
 * <ul>
 *   <li>Linear: flatten, then per hidden width an AnalogLinear and the activation, then an
 *       AnalogLinear to the classes (no activation after the last layer).
 *   <li>ConvNet: up to six 3x3 convs of widths 48, 48, 96, 96, 192, 192 (padding 1 on the first of
 *       each pair, none on the second), max-pool 2 after each pair, dropout 0.25 after the first
 *       two pools; flatten; FC 512 and FC 256 (each followed by dropout 0.5) as linear_depth keeps
 *       them, then FC classes. conv_depth 6 and linear_depth 3 give the paper's network, with
 *       about 1.2M parameters on 32x32x3.
 * </ul>
 *
 * <p>With a gated family every layer followed by an activation has twice the width, and the
 * activation halves it again.
 */
public final class AnalogNetworks {
  static final int[] CONV_WIDTHS = {48, 48, 96, 96, 192, 192};

  private AnalogNetworks() {}

  /** The network for a grid point and a given number of classes. */
  public static SequentialBlock build(GridPoint point, int classes) {
    AnalogChain chain = AnalogChain.of(point);
    InterpolatedActivation activation = InterpolatedActivation.of(point);
    int widen = point.family().gated() ? 2 : 1;
    SplittableRandom seeds = new SplittableRandom(point.seed());
    SequentialBlock net = new SequentialBlock();
    if (point.model() == ModelKind.CONVNET) {
      for (int k = 1; k <= point.convDepth(); k++) {
        int padding = k % 2 == 1 ? 1 : 0;
        net.add(new AnalogConv2d(CONV_WIDTHS[k - 1] * widen, 3, padding, chain,
            point.analogInputs(), point.analogOutputs(), point.analogWeights(), seeds.nextLong()));
        net.add(new ActivationBlock(activation));
        if (k % 2 == 0) {
          net.add(Pool.maxPool2dBlock(new Shape(2, 2)));
          if (k <= 4) {
            net.add(Dropout.builder().optRate(0.25f).build());
          }
        }
      }
    }
    net.add(Blocks.batchFlattenBlock());
    boolean dropout = point.model() == ModelKind.CONVNET;
    for (int width : point.hiddenSizes()) {
      net.add(new AnalogLinear(width * widen, chain, point.analogInputs(), point.analogOutputs(),
          point.analogWeights(), seeds.nextLong()));
      net.add(new ActivationBlock(activation));
      if (dropout) {
        net.add(Dropout.builder().optRate(0.5f).build());
      }
    }
    net.add(new AnalogLinear(classes, chain, point.analogInputs(), point.analogOutputs(),
        point.analogWeights(), seeds.nextLong()));
    return net;
  }

  /** One line per block with its own description and output shape (after initialisation). */
  public static String describe(SequentialBlock net) {
    StringBuilder sb = new StringBuilder();
    ai.djl.nn.BlockList children = net.getChildren();
    for (Pair<String, Block> child : children) {
      Block b = child.getValue();
      String name = b instanceof AnalogLayer || b instanceof ActivationBlock
          ? b.toString()
          : Blocks.describe(b, child.getKey().substring(2), 1).replaceAll("\\(.*", "");
      if (b instanceof Dropout) {
        name = "Dropout";
      }
      sb.append(name);
      if (b.isInitialized()) {
        sb.append(" -> ").append(b.getOutputShapes(b.getInputShapes())[0].slice(1));
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
