package analogsweep.model;

import analogsweep.grid.FieldRange;
import analogsweep.grid.FieldValues;
import analogsweep.grid.GridField;
import analogsweep.grid.Initialization;
import analogsweep.grid.ModelKind;
import analogsweep.grid.ModelSection;
import analogsweep.grid.Placement;
import analogsweep.grid.Recipe;
import analogsweep.grid.Rules;
import analogsweep.layer.LayerInit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The paper's ConvNet: up to six 3x3 convs of widths 48, 48, 96, 96, 192, 192 (padding 1 on the
 * first of each pair, none on the second), max-pool 2 after each pair; flatten; FC layers (each
 * followed by dropout 0.5) as linear_depth keeps them, then FC classes. conv_depth 6 and
 * linear_depth 3 give the paper's network, with 1,172,410 parameters on 32x32x3. A gated family
 * doubles each layer before an activation (channels for convolutions, features for FC layers),
 * which the activation halves. Set by conv_depth (0 to 6, default 6) and linear_depth (1 to 3,
 * default 3); its hidden sizes and dropout follow from them and the recipe:
 * <ul>
 *   <li>authors (ConvModel at GeLUReLUInterpolation 5bd8b46): dropout 0.25 before the third conv
 *   and after the second and third max-pool; FC 512 only at linear_depth 3, FC 256 from
 *   linear_depth 2 (so linear_depth 2 keeps [256]);
 *   <li>analogsweep-1: dropout 0.25 after the first two max-pools; the FC widths 512, 256 as a
 *   prefix (linear_depth 2 keeps [512]).
 * </ul>
 * At every commit of that repository run_conv_model.py leaves num_conv_layer out of the
 * arguments it builds ConvModel with, so the authors' conv-depth runs all trained six conv
 * layers: conv_depth below 6 here is this project's reading of the paper, not their runs.
 */
final class ConvNetModel extends SequentialArchitecture {
  /** The convolution widths, layer by layer (PAPER.md). */
  static final List<Integer> CONV_WIDTHS = List.of(48, 48, 96, 96, 192, 192);
  /** The fully connected widths before the classifier (PAPER.md). */
  static final List<Integer> FC_WIDTHS = List.of(512, 256);
  /** Dropout after a max-pool (and, in the authors' layout, before the third conv). */
  private static final float CONV_DROPOUT = 0.25f;
  /** Dropout after each hidden FC layer. */
  private static final float FC_DROPOUT = 0.5f;
  static final FieldRange CONV_DEPTH = FieldRange.closed(0, CONV_WIDTHS.size(), "layers");
  static final FieldRange LINEAR_DEPTH = FieldRange.closed(1, FC_WIDTHS.size() + 1, "layers");

  ConvNetModel() {
    super("convnet", Placement.EVERY_BOUNDARY);
  }

  @Override
  public String summary() {
    return "convnet (the paper's)";
  }

  @Override
  public List<GridField> options() {
    return List.of(GridField.CONV_DEPTH, GridField.LINEAR_DEPTH);
  }

  @Override
  public Map<GridField, FieldRange> ranges() {
    return Map.of(GridField.CONV_DEPTH, CONV_DEPTH, GridField.LINEAR_DEPTH, LINEAR_DEPTH);
  }

  @Override
  public ModelSection complete(ModelKind kind, FieldValues v) {
    int conv = v.has(GridField.CONV_DEPTH) ? v.<Integer>get(GridField.CONV_DEPTH)
        : CONV_WIDTHS.size();
    int linear = v.has(GridField.LINEAR_DEPTH) ? v.<Integer>get(GridField.LINEAR_DEPTH)
        : FC_WIDTHS.size() + 1;
    Recipe recipe = v.get(GridField.RECIPE);
    List<Integer> hidden = v.has(GridField.HIDDEN_SIZES) ? v.get(GridField.HIDDEN_SIZES)
        : hidden(recipe, linear);
    return new ModelSection(kind, hidden, conv, linear, v.get(GridField.VIT_DEPTH),
        v.get(GridField.RESNET_STEM), recipe, v.get(GridField.CLASSIFIER_ACTIVATION));
  }

  @Override
  public void check(ModelSection s) {
    Rules.check(CONV_DEPTH.contains(s.convDepth()), "conv_depth", s.convDepth(),
        "must be in " + CONV_DEPTH.text());
    Rules.check(LINEAR_DEPTH.contains(s.linearDepth()), "linear_depth", s.linearDepth(),
        "must be in " + LINEAR_DEPTH.text());
    List<Integer> expected = hidden(s.recipe(), s.linearDepth());
    Rules.check(s.hiddenSizes().equals(expected), "hidden_sizes", s.hiddenSizes(),
        "the ConvNet with linear_depth " + s.linearDepth() + " under recipe " + s.recipe()
            + " has hidden sizes " + expected);
  }

  /**
   * The FC widths kept at a linear depth: the authors' keep the last ones (256 from depth 2, 512
   * only at depth 3), analogsweep-1 a prefix (512 from depth 2).
   */
  static List<Integer> hidden(Recipe recipe, int linearDepth) {
    int kept = Math.max(0, Math.min(linearDepth - 1, FC_WIDTHS.size()));
    return recipe == Recipe.AUTHORS ? FC_WIDTHS.subList(FC_WIDTHS.size() - kept, FC_WIDTHS.size())
        : FC_WIDTHS.subList(0, kept);
  }

  @Override
  public List<LayerSpec> layout(ModelSection model, int widen, int classes) {
    boolean authors = model.recipe() == Recipe.AUTHORS;
    List<LayerSpec> steps = new ArrayList<>();
    for (int k = 1; k <= model.convDepth(); k++) {
      if (authors && k == 3) {
        steps.add(new LayerSpec.Dropout(CONV_DROPOUT));
      }
      steps.add(new LayerSpec.Conv(CONV_WIDTHS.get(k - 1) * widen, 3, k % 2 == 1 ? 1 : 0));
      steps.add(new LayerSpec.Activate(true, widen == 2));
      if (k % 2 == 0) {
        steps.add(new LayerSpec.MaxPool());
        if (authors ? k >= 4 : k <= 4) {
          steps.add(new LayerSpec.Dropout(CONV_DROPOUT));
        }
      }
    }
    steps.add(new LayerSpec.Flatten());
    for (int width : model.hiddenSizes()) {
      steps.add(new LayerSpec.Dense(width * widen));
      steps.add(new LayerSpec.Activate(false, widen == 2));
      steps.add(new LayerSpec.Dropout(FC_DROPOUT));
    }
    LayerSpec.classifier(steps, model, widen, classes);
    return steps;
  }

  @Override
  public boolean convolutional() {
    return true;
  }

  /** The authors' ConvModel draws its Linear weights Kaiming-uniform; the rest as PyTorch does. */
  @Override
  public LayerInit initOf(LayerSpec step, Initialization init) {
    return init == Initialization.AUTHORS && step instanceof LayerSpec.Dense
        ? LayerInit.KAIMING_UNIFORM_WEIGHT : LayerInit.PYTORCH;
  }

  /**
   * GeLUReLUInterpolation at the arXiv figures (5bd8b46): run_conv_model.py trains with batch 512
   * for up to 200 epochs and stops only when training accuracy is below 1.25 x chance from the
   * 10th epoch (no 5-point-drop rule); ConvModel calls kaiming_uniform_ on its Linear weights and
   * appends the chain's analog-to-digital end and the activation after every layer, the
   * classifier included.
   */
  @Override
  public boolean authorsInitialize() {
    return true;
  }

  @Override
  protected TrainingDefaults authors() {
    return TrainingDefaults.ANALOGSWEEP_1.withSchedule(512, 200, true, false)
        .withNetwork(Initialization.AUTHORS, true);
  }
}
