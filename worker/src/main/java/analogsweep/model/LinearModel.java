package analogsweep.model;

import analogsweep.grid.FieldRange;
import analogsweep.grid.FieldValues;
import analogsweep.grid.GridField;
import analogsweep.grid.ModelKind;
import analogsweep.grid.ModelSection;
import analogsweep.grid.Placement;
import analogsweep.grid.Rules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * AnalogVNN's fully connected model: flatten, then per hidden width an AnalogLinear and the
 * activation, then an AnalogLinear to the classes (followed by the activation only where the
 * point asks for classifier_activation; AnalogVNN's model has none there). With a
 * gated family every layer followed by the activation has twice the width, which it halves. It
 * is set by its hidden sizes (default 256, 128; at most 16 layers), its linear depth is their
 * number + 1, and the chain sits on every boundary.
 */
final class LinearModel extends SequentialArchitecture {
  static final List<Integer> DEFAULT_HIDDEN = List.of(256, 128);
  static final int MAX_HIDDEN_LAYERS = 16;

  LinearModel() {
    super("linear", Placement.EVERY_BOUNDARY);
  }

  @Override
  public String summary() {
    return "linear (AnalogVNN's fully connected model)";
  }

  @Override
  public List<GridField> options() {
    return List.of(GridField.HIDDEN_SIZES);
  }

  @Override
  public Map<GridField, FieldRange> ranges() {
    return Map.of(GridField.LINEAR_DEPTH, FieldRange.closed(1, MAX_HIDDEN_LAYERS + 1, "layers"));
  }

  @Override
  public ModelSection complete(ModelKind kind, FieldValues v) {
    List<Integer> hidden = v.has(GridField.HIDDEN_SIZES) ? v.get(GridField.HIDDEN_SIZES)
        : DEFAULT_HIDDEN;
    int conv = v.has(GridField.CONV_DEPTH) ? v.<Integer>get(GridField.CONV_DEPTH) : 0;
    int linear = v.has(GridField.LINEAR_DEPTH) ? v.<Integer>get(GridField.LINEAR_DEPTH)
        : hidden.size() + 1;
    return new ModelSection(kind, hidden, conv, linear, v.get(GridField.VIT_DEPTH),
        v.get(GridField.RESNET_STEM), v.get(GridField.RECIPE),
        v.get(GridField.CLASSIFIER_ACTIVATION));
  }

  @Override
  public void check(ModelSection s) {
    Rules.check(s.hiddenSizes().size() <= MAX_HIDDEN_LAYERS, "hidden_sizes", s.hiddenSizes(),
        "at most " + MAX_HIDDEN_LAYERS + " hidden layers");
    Rules.check(s.convDepth() == 0, "conv_depth", s.convDepth(),
        "the linear model has no conv layers");
    Rules.check(s.linearDepth() == s.hiddenSizes().size() + 1, "linear_depth",
        s.linearDepth(), "the linear model with hidden sizes " + s.hiddenSizes() + " has "
            + (s.hiddenSizes().size() + 1) + " linear layers");
  }

  @Override
  public List<LayerSpec> layout(ModelSection model, int widen, int classes) {
    List<LayerSpec> steps = new ArrayList<>();
    steps.add(new LayerSpec.Flatten());
    for (int width : model.hiddenSizes()) {
      steps.add(new LayerSpec.Dense(width * widen));
      steps.add(new LayerSpec.Activate(false, widen == 2));
    }
    LayerSpec.classifier(steps, model, widen, classes);
    return steps;
  }

  @Override
  public boolean convolutional() {
    return false;
  }

  /**
   * AnalogVNN's runs of this model: batch 128, 10 epochs, PyTorch's default initialization, no
   * activation after the classifier; of the stop rules only the near-chance one (which cannot
   * stop a 10-epoch run early).
   */
  @Override
  protected TrainingDefaults authors() {
    return TrainingDefaults.ANALOGSWEEP_1.withSchedule(128, 10, true, false);
  }
}
