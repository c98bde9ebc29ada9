package analogsweep.model;

import analogsweep.grid.ModelSection;
import java.util.ArrayList;
import java.util.List;

/**
 * AnalogVNN's fully connected model: flatten, then per hidden width an AnalogLinear and the
 * activation, then an AnalogLinear to the classes (no activation after the last layer). With a
 * gated family every layer followed by the activation has twice the width, which it halves.
 */
final class LinearModel implements ModelBuilder {
  /** The layout for hidden widths, the gated widening and the classes. */
  static List<LayerSpec> layout(ModelSection model, int widen, int classes) {
    List<LayerSpec> steps = new ArrayList<>();
    steps.add(new LayerSpec.Flatten());
    for (int width : model.hiddenSizes()) {
      steps.add(new LayerSpec.Dense(width * widen));
      steps.add(new LayerSpec.Activate(false, widen == 2));
    }
    steps.add(new LayerSpec.Dense(classes));
    return steps;
  }

  @Override
  public ai.djl.nn.SequentialBlock build(NetworkParts parts) {
    return SequentialLayout.assemble(layout(parts.model(), parts.widen(), parts.classes()), parts);
  }
}
