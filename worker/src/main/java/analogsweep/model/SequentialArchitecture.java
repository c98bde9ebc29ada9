package analogsweep.model;

import ai.djl.nn.SequentialBlock;
import analogsweep.grid.Initialization;
import analogsweep.grid.ModelSection;
import analogsweep.grid.Placement;
import analogsweep.layer.LayerInit;
import java.util.List;

/**
 * An architecture that is a plain feed-forward stack of {@link LayerSpec} steps (the linear model,
 * the ConvNet): one layout gives its network, its cost and the packed network of many of its grid
 * points, so these models pack.
 */
public abstract class SequentialArchitecture extends Architecture {
  protected SequentialArchitecture(String id, Placement placement) {
    super(id, placement);
  }

  /** The steps for a model section, the gated widening (1 or 2) and the number of classes. */
  public abstract List<LayerSpec> layout(ModelSection model, int widen, int classes);

  /**
   * Whether the packed network keeps its input as images (a convolutional stack, even with no
   * convolution left) rather than flattening it first.
   */
  public abstract boolean convolutional();

  /**
   * The laws a weight layer of the layout ({@link LayerSpec.Conv} or {@link LayerSpec.Dense})
   * starts from under {@code init}: PyTorch's default unless the model's authors chose others.
   * The single network and the packed one both ask here, so a point starts alike in either.
   */
  public LayerInit initOf(LayerSpec step, Initialization init) {
    return LayerInit.PYTORCH;
  }

  @Override
  public SequentialBlock build(NetworkParts parts) {
    return SequentialLayout.assemble(layout(parts.model(), parts.widen(), parts.classes()),
        this, parts);
  }

  @Override
  public ModelCost cost(ModelSection model, int widen, int channels, int height, int width,
      int classes) {
    return LayoutCost.of(layout(model, widen, classes), channels, height, width);
  }
}
