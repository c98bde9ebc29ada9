package analogsweep.model;

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
}
