package analogsweep.model;

import ai.djl.nn.SequentialBlock;
import analogsweep.grid.ActivationFamily;
import analogsweep.grid.Augmentation;
import analogsweep.grid.DataSection;
import analogsweep.grid.FieldValues;
import analogsweep.grid.GridField;
import analogsweep.grid.ModelKind;
import analogsweep.grid.ModelRules;
import analogsweep.grid.ModelSection;
import analogsweep.grid.Placement;
import analogsweep.grid.Recipe;
import analogsweep.grid.RecipeSection;
import analogsweep.grid.ResNetStem;
import analogsweep.grid.Rules;
import java.util.List;
import java.util.Map;

/**
 * One network of the study and everything about it, in one place: its name, the options it is
 * set by with their defaults, ranges and checks ({@link ModelRules}, which the grid asks through
 * its {@link ModelKind}), where it puts the analog chain, the training defaults it is trained
 * with, how it is built, its parameters and cost on any input shape without building it, and
 * whether a pack of its grid points can train as one network. Adding a model is one subclass
 * and one line in {@link Architectures}.
 */
public abstract class Architecture implements ModelRules {
  private final String id;
  private final Placement placement;

  protected Architecture(String id, Placement placement) {
    this.id = id;
    this.placement = placement;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final Placement placement() {
    return placement;
  }

  /** The kind that names this architecture in grid points. */
  public final ModelKind kind() {
    return new ModelKind(id);
  }

  /**
   * The network, uninitialised; it takes (batch, channels, height, width) images. The analog
   * chain is already placed in the parts ({@link NetworkParts#sites()}): the architecture puts
   * weight layers where it has them and hands each the chain; {@link AnalogNetworks} adds the
   * input-image chain in front where the placement asks for it.
   */
  public abstract SequentialBlock build(NetworkParts parts);

  /**
   * Parameters and multiply-adds per image of the network for {@code model}, the gated widening
   * {@code widen} (1 or 2) and {@code classes}, on (channels, height, width) images, worked out
   * without building it.
   */
  public abstract ModelCost cost(ModelSection model, int widen, int channels, int height,
      int width, int classes);

  /**
   * Whether grid points of this model can train as one packed network: a feed-forward layout
   * ({@link SequentialArchitecture}) can, since the packed network is made from its layout.
   */
  public final boolean packs() {
    return this instanceof SequentialArchitecture;
  }

  /**
   * The batch size, stop rules, data pipeline, initialization and classifier activation this
   * model trains with under {@code recipe}: the catalogue's under analogsweep-1, the model's
   * {@link #authors()} under authors.
   */
  public final TrainingDefaults training(Recipe recipe) {
    return recipe == Recipe.ANALOGSWEEP_1 ? TrainingDefaults.ANALOGSWEEP_1 : authors();
  }

  /** What the authors' code for this model trains with, each value traceable to it. */
  protected abstract TrainingDefaults authors();

  @Override
  public final Map<GridField, Object> trainingDefaults(Recipe recipe) {
    return training(recipe).fields();
  }

  /**
   * Refuses an activation after the classifier where the model has no chain's end there to put
   * it after (every model but the linear model and the ConvNet).
   */
  @Override
  public void checkRecipe(RecipeSection recipe) {
    Rules.check(!recipe.classifierActivation() || this instanceof SequentialArchitecture,
        "classifier_activation", true, id + " has no activation after its classifier (linear "
            + "and convnet can take one)");
  }

  /**
   * Refuses augmentation imagenet-style (training images cropped to 224, test images resized to
   * 256) where the network's size is fixed by its input: every model but one that pools
   * globally before its classifier ({@link #takesAnyImageSize}).
   */
  @Override
  public void checkData(DataSection data) {
    Rules.check(data.augmentation() != Augmentation.IMAGENET_STYLE || takesAnyImageSize(),
        "augmentation", Augmentation.IMAGENET_STYLE.id(), id + " takes images of one size; "
            + "imagenet-style resizes them to 224 (training) and 256 (test), which only "
            + "resnet-18 takes");
  }

  /** Whether the network takes images of any size (a global pool before its classifier). */
  protected boolean takesAnyImageSize() {
    return false;
  }

  /**
   * The section of a model whose depths are fixed, with this model's ViT depth and ResNet stem
   * where the point leaves them out (or says none); given values are kept for check to judge.
   */
  protected static ModelSection fixedDepth(ModelKind kind, FieldValues v, List<Integer> hidden,
      int conv, int linear, Integer vitDepth, ResNetStem stem) {
    Integer givenDepth = v.get(GridField.VIT_DEPTH);
    ResNetStem givenStem = v.get(GridField.RESNET_STEM);
    return new ModelSection(kind,
        v.has(GridField.HIDDEN_SIZES) ? v.get(GridField.HIDDEN_SIZES) : hidden,
        v.has(GridField.CONV_DEPTH) ? v.<Integer>get(GridField.CONV_DEPTH) : conv,
        v.has(GridField.LINEAR_DEPTH) ? v.<Integer>get(GridField.LINEAR_DEPTH) : linear,
        givenDepth != null ? givenDepth : vitDepth, givenStem != null ? givenStem : stem,
        v.get(GridField.RECIPE), v.get(GridField.CLASSIFIER_ACTIVATION));
  }

  /** Refuses depths and hidden sizes other than the fixed ones of a fixed architecture. */
  protected final void checkFixedDepth(ModelSection s, List<Integer> hidden, int conv,
      int linear) {
    checkFixedDepth(s, hidden, conv, linear, " (a fixed architecture)", linear + " FC layers");
  }

  /** As above, with this model's note on its depth and its words for its FC layers. */
  protected final void checkFixedDepth(ModelSection s, List<Integer> hidden, int conv,
      int linear, String depthNote, String fcLayers) {
    Rules.check(s.convDepth() == conv, "conv_depth", s.convDepth(),
        id + " has " + conv + " conv layers" + depthNote);
    Rules.check(s.linearDepth() == linear, "linear_depth", s.linearDepth(),
        id + " has " + fcLayers + depthNote);
    Rules.check(s.hiddenSizes().equals(hidden), "hidden_sizes", s.hiddenSizes(),
        id + " has hidden sizes " + hidden + depthNote);
  }

  /** Refuses the gated family, which halves the features after each layer. */
  protected final void refuseGated(ActivationFamily family) {
    Rules.check(!family.gated(), "family", family, id + " takes relu-gelu or relu-silu "
        + "(the gated family is for vit, linear and convnet)");
  }

  @Override
  public String toString() {
    return id;
  }
}
