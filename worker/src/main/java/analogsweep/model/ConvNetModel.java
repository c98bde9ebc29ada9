package analogsweep.model;

import analogsweep.grid.ModelKind;
import analogsweep.grid.ModelSection;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's ConvNet: up to six 3x3 convs of widths 48, 48, 96, 96, 192, 192 (padding 1 on the
 * first of each pair, none on the second), max-pool 2 after each pair, dropout 0.25 after the
 * first two pools; flatten; FC 512 and FC 256 (each followed by dropout 0.5) as linear_depth keeps
 * them, then FC classes. conv_depth 6 and linear_depth 3 give the paper's network, with 1,172,410
 * parameters on 32x32x3. A gated family doubles each layer before an activation (channels for
 * convolutions, features for FC layers), which the activation halves.
 */
final class ConvNetModel implements ModelBuilder {
  /** The layout for the depths, the gated widening and the classes. */
  static List<LayerSpec> layout(ModelSection model, int widen, int classes) {
    List<LayerSpec> steps = new ArrayList<>();
    for (int k = 1; k <= model.convDepth(); k++) {
      steps.add(new LayerSpec.Conv(ModelKind.CONVNET_CONV_WIDTHS.get(k - 1) * widen, 3,
          k % 2 == 1 ? 1 : 0));
      steps.add(new LayerSpec.Activate(true, widen == 2));
      if (k % 2 == 0) {
        steps.add(new LayerSpec.MaxPool());
        if (k <= 4) {
          steps.add(new LayerSpec.Dropout(0.25f));
        }
      }
    }
    steps.add(new LayerSpec.Flatten());
    for (int width : model.hiddenSizes()) {
      steps.add(new LayerSpec.Dense(width * widen));
      steps.add(new LayerSpec.Activate(false, widen == 2));
      steps.add(new LayerSpec.Dropout(0.5f));
    }
    steps.add(new LayerSpec.Dense(classes));
    return steps;
  }

  @Override
  public ai.djl.nn.SequentialBlock build(NetworkParts parts) {
    return SequentialLayout.assemble(layout(parts.model(), parts.widen(), parts.classes()), parts);
  }
}
