package analogsweep.model;

import analogsweep.grid.FieldValues;
import analogsweep.grid.GridField;
import analogsweep.grid.ModelKind;
import analogsweep.grid.ModelSection;
import analogsweep.grid.Placement;
import analogsweep.grid.Rules;
import java.util.List;

/**
 * A test-only model, to show that a model is one file plus one registration line: flatten, one
 * hidden layer (hidden_sizes, default [32]) and the activation, then the classes; the chain before
 * each layer and on weights; batch size 64 unless a point says otherwise. It packs, as the
 * linear model does, because it is a layout.
 */
public final class ToyModel extends SequentialArchitecture {
  public static final String ID = "toy";

  public ToyModel() {
    super(ID, Placement.BEFORE_LAYERS);
  }

  @Override
  public List<GridField> options() {
    return List.of(GridField.HIDDEN_SIZES);
  }

  @Override
  public ModelSection complete(ModelKind kind, FieldValues v) {
    return fixedDepth(kind, v, List.of(32), 0, 2, null, null);
  }

  @Override
  public void check(ModelSection s) {
    Rules.check(s.hiddenSizes().size() == 1, "hidden_sizes", s.hiddenSizes(),
        "the toy model has one hidden layer");
    Rules.check(s.convDepth() == 0 && s.linearDepth() == 2, "linear_depth", s.linearDepth(),
        "the toy model has 2 linear layers and no conv layer");
  }

  @Override
  protected TrainingDefaults authors() {
    TrainingDefaults d = TrainingDefaults.ANALOGSWEEP_1;
    return d.withSchedule(64, d.maxEpochs(), d.earlyStopping(), false);
  }

  @Override
  public List<LayerSpec> layout(ModelSection model, int widen, int classes) {
    return List.of(new LayerSpec.Flatten(), new LayerSpec.Dense(model.hiddenSizes().get(0) * widen),
        new LayerSpec.Activate(false, widen == 2), new LayerSpec.Dense(classes));
  }

  @Override
  public boolean convolutional() {
    return false;
  }
}
