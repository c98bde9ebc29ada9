package analogsweep.grid;

/**
 * Where a model puts the analog chain. Each model kind has its own ({@link ModelKind#placement()});
 * a grid point may name another one. The switches {@code analog_inputs}, {@code analog_outputs}
 * and {@code analog_weights} then turn parts of it off ({@link ChainSites}).
 */
public enum Placement {
  /** The model's own placement (the default). */
  MODEL("model", false, false, false, false),
  /** Before and after every weight layer, and on its weights: the linear model and ConvNet. */
  EVERY_BOUNDARY("every-boundary", false, true, true, true),
  /** Before every weight layer (shortcut convolutions included), and on its weights: VGG-A, ResNet-18. */
  BEFORE_LAYERS("before-layers", false, true, false, true),
  /** The input image only; the network itself is digital: the ViT. */
  INPUT_ONLY("input-only", true, false, false, false),
  /**
   * No chain anywhere: no clamp, no quantization, no noise. The digital control, which
   * {@code precision: none} is not (it still clamps every boundary to [-1, 1]).
   */
  DIGITAL("digital", false, false, false, false);

  private final String id;
  private final boolean inputImage;
  private final boolean before;
  private final boolean after;
  private final boolean weights;

  Placement(String id, boolean inputImage, boolean before, boolean after, boolean weights) {
    this.id = id;
    this.inputImage = inputImage;
    this.before = before;
    this.after = after;
    this.weights = weights;
  }

  public String id() {
    return id;
  }

  /** This placement's sites before the switches; {@link #MODEL} must be resolved first. */
  ChainSites sites() {
    if (this == MODEL) {
      throw new IllegalStateException("resolve the model's own placement first");
    }
    return new ChainSites(inputImage, before, after, weights);
  }

  public static Placement parse(String field, String text) {
    return Names.byName(field, text, values(), "placement");
  }

  @Override
  public String toString() {
    return id;
  }
}
