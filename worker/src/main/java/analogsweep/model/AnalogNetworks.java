package analogsweep.model;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import analogsweep.activation.InterpolatedActivation;
import analogsweep.analog.AnalogChain;
import analogsweep.grid.AdamEpsilon;
import analogsweep.grid.ChainSites;
import analogsweep.grid.DerivativeAtZero;
import analogsweep.grid.GridPoint;
import analogsweep.grid.Initialization;
import analogsweep.grid.ModelKind;
import analogsweep.grid.Placement;
import analogsweep.grid.Recipe;
import analogsweep.grid.RecipeSection;
import analogsweep.layer.ActivationBlock;
import analogsweep.layer.AnalogBatchNorm;
import analogsweep.layer.AnalogInput;
import analogsweep.layer.AnalogLayer;
import analogsweep.layer.AnalogLinear;
import analogsweep.layer.DigitalToAnalog;
import analogsweep.layer.DrawnDropout;
import analogsweep.layer.NamedSequence;
import analogsweep.layer.Residual;
import analogsweep.layer.SelfAttention;
import analogsweep.layer.ShapeOp;
import analogsweep.layer.TokenEmbedding;
import analogsweep.seed.PointSeeds;
import java.util.Map;

/**
 * The networks of PAPER.md with the analog chain where each model puts it: the point's
 * {@link Architecture} builds it, the chain and activation made from the grid point,
 * the input-image chain in front where the placement asks for it, and a printout that shows the
 * placement layer by layer.
 */
public final class AnalogNetworks {
  /** What init authors means, for the models whose authors chose their own laws. */
  private static final Map<String, String> AUTHORS_INIT = Map.of(
      "convnet", "kaiming-uniform FC weights; conv weights, all biases PyTorch's default",
      "vgg-a", "kaiming-normal fan_out conv weights, fan_in FC weights; zero biases",
      "resnet-18", "kaiming-normal fan_out conv weights; batch norm 1 and 0; FC PyTorch's default");

  private AnalogNetworks() {}

  /** The network for a grid point and a given number of classes. */
  public static SequentialBlock build(GridPoint point, int classes) {
    Architecture architecture = Architectures.of(point.model().kind());
    ChainSites sites = point.chainSites();
    AnalogChain chain = chain(point);
    NetworkParts parts = new NetworkParts(point.model(),
        InterpolatedActivation.of(point.activation()), chain, sites, classes,
        point.recipe().init(), PointSeeds.of(point.seed()).initialization(),
        point.recipe().recipe(), PointSeeds.of(point.seed()).dropout());
    SequentialBlock net = architecture.build(parts);
    if (!sites.inputImage()) {
      return net;
    }
    SequentialBlock withInput = new SequentialBlock();
    withInput.add(new AnalogInput(chain));
    withInput.addAll(net.getChildren().values());
    return withInput;
  }

  /**
   * The point's analog chain, with its recipe's rule for weight gradients; its draws (engine and
   * host) follow the point's seed.
   */
  public static AnalogChain chain(GridPoint point) {
    return AnalogChain.of(point.analog(), PointSeeds.of(point.seed()).chain(),
        point.recipe().recipe().weightGradientPassesClamp());
  }

  /**
   * A header naming the placement, then one line per block with its own description (the chain
   * on each side of every weight layer) and output shape (after initialisation).
   */
  public static String describe(GridPoint point, SequentialBlock net) {
    ModelKind kind = point.model().kind();
    String placement = point.analog().placementFor(kind).id()
        + (point.analog().placement() == Placement.MODEL
            ? " (the " + kind.id() + " model's own)" : " (chosen; the " + kind.id()
                + " model's own is " + kind.placement().id() + ")");
    return "placement: " + placement + "; chain acts: " + point.chainSites().describe() + "\n"
        + describe(net);
  }

  /**
   * The choices the point's recipe made, in one line: the recipe, the initialization (and the
   * laws it means for this model), the layout, whether the activation follows the classifier,
   * the rectified part's derivative at exactly 0, the rule for weight gradients and where Adam
   * adds its epsilon.
   */
  public static String describeRecipe(GridPoint point) {
    RecipeSection r = point.recipe();
    ModelKind kind = point.model().kind();
    String init = r.init().id() + (r.init() == Initialization.AUTHORS
        ? " (" + AUTHORS_INIT.getOrDefault(kind.id(), "as PyTorch's default") + ")"
        : " (PyTorch's default: U(+-1/sqrt(fan_in)) weights and biases)");
    String layout = kind.id().equals("convnet") ? (point.model().recipe() == Recipe.AUTHORS
        ? "the authors' ConvModel (dropout before conv 3 and after pools 2 and 3; FC 256 from "
            + "linear_depth 2, 512 at 3)"
        : "analogsweep-1 (dropout after pools 1 and 2; FC 512, 256 as a prefix)") : "the model's";
    double leak = point.activation().leak();
    return "recipe: " + r.recipe().id() + "; init: " + init + "; layout: " + layout
        + "; classifier activation: " + (r.classifierActivation() ? "yes" : "no")
        + "; R'(0) = " + point.activation().reluDerivativeAtZero().id()
        + (point.activation().reluDerivativeAtZero() == DerivativeAtZero.LEAK
            ? " (= " + leak + ")" : "")
        + "; weight gradient: " + (r.recipe().weightGradientPassesClamp()
            ? "passes the clamp (AnalogVNN's parametrization)" : "masked where |w| > 1")
        + "; Adam epsilon: " + point.training().adamEpsilon().id()
        + (point.training().adamEpsilon() == AdamEpsilon.TORCH ? " (torch.optim.Adam's)"
            : " (DJL's, before the bias correction)");
  }

  /**
   * One line per block with its own description and output shape (after initialisation); the
   * parts of nested blocks (stages, residual blocks, attention) follow their block, indented.
   */
  public static String describe(SequentialBlock net) {
    StringBuilder sb = new StringBuilder();
    for (Pair<String, Block> child : net.getChildren()) {
      describe(child.getValue(), child.getKey(), "", sb);
    }
    return sb.toString();
  }

  private static void describe(Block b, String key, String indent, StringBuilder sb) {
    sb.append(indent).append(label(b, key));
    if (b.isInitialized()) {
      sb.append(" -> ").append(b.getOutputShapes(b.getInputShapes())[0].slice(1));
    }
    sb.append('\n');
    String inner = indent + "  ";
    if (b instanceof Residual r) {
      for (Map.Entry<String, Block> part : r.parts()) {
        sb.append(inner).append(part.getKey()).append(":\n");
        describeChildren(part.getValue(), inner + "  ", sb);
      }
    } else if (b instanceof SelfAttention a) {
      for (AnalogLinear projection : a.projections()) {
        describe(projection, "", inner, sb);
      }
    } else if (b instanceof SequentialBlock) {
      for (Pair<String, Block> child : b.getChildren()) {
        describe(child.getValue(), child.getKey(), inner, sb);
      }
    }
  }

  /** The children of a sequence, or the block itself where it is not one. */
  private static void describeChildren(Block b, String indent, StringBuilder sb) {
    if (!(b instanceof SequentialBlock) || b instanceof NamedSequence) {
      describe(b, "", indent, sb);
      return;
    }
    for (Pair<String, Block> child : b.getChildren()) {
      describe(child.getValue(), child.getKey(), indent, sb);
    }
  }

  /** Own description for this project's blocks, DJL's block name (less its index) otherwise. */
  private static String label(Block b, String key) {
    if (b instanceof AnalogLayer || b instanceof ActivationBlock || b instanceof AnalogInput
        || b instanceof ShapeOp || b instanceof Residual || b instanceof SelfAttention
        || b instanceof TokenEmbedding || b instanceof NamedSequence
        || b instanceof DigitalToAnalog || b instanceof AnalogBatchNorm
        || b instanceof DrawnDropout) {
      return b.toString();
    }
    String name = key.length() > 2 ? key.substring(2) : key;
    return Blocks.describe(b, name, 1).replaceAll("\\(.*", "");
  }

  /**
   * The number of trained values: every parameter with a gradient, as PyTorch counts
   * {@code parameters()} (batch norm's running statistics are state, not parameters).
   */
  public static long parameterCount(Block net) {
    long total = 0;
    for (Pair<String, Parameter> p : net.getParameters()) {
      if (p.getValue().requiresGradient()) {
        total += p.getValue().getArray().size();
      }
    }
    return total;
  }
}
