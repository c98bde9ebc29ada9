package analogsweep.model;

import analogsweep.grid.ModelSection;
import java.util.List;

/**
 * One step of a plain feed-forward architecture, as its builder lays it out: the single
 * description from which the network of one grid point ({@link SequentialArchitecture}), its
 * cost ({@link LayoutCost}) and a pack of them ({@code analogsweep.packed.PackedNetwork}) are made.
 * Widths already include the doubling that a gated activation halves again.
 */
public sealed interface LayerSpec {
  /** A square convolution inside the analog chain. */
  record Conv(int channels, int kernel, int padding) implements LayerSpec {}

  /** A fully connected layer inside the analog chain. */
  record Dense(int units) implements LayerSpec {}

  /**
   * The activation: over channels after a convolution, over features after a dense layer;
   * {@code halves} where it is gated (u * I(v) over halves of that axis).
   */
  record Activate(boolean channels, boolean halves) implements LayerSpec {}

  /** Max-pooling 2 x 2, stride 2. */
  record MaxPool() implements LayerSpec {}

  /** Dropout at {@code rate} while training. */
  record Dropout(float rate) implements LayerSpec {}

  /** Images or feature maps to feature vectors. */
  record Flatten() implements LayerSpec {}

  /**
   * Appends the classifier: a dense layer to {@code classes}, and where the model section asks
   * for it the activation after it (the chain's analog-to-digital end already follows every
   * weight layer), so the logits are clamped, quantized and passed through I(x); a gated
   * activation halves a classifier twice as wide.
   */
  static void classifier(List<LayerSpec> steps, ModelSection model, int widen, int classes) {
    if (!model.classifierActivation()) {
      steps.add(new Dense(classes));
      return;
    }
    steps.add(new Dense(classes * widen));
    steps.add(new Activate(false, widen == 2));
  }
}
