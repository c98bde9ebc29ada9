package analogsweep.grid;

import java.util.List;

/**
 * The networks a grid point can train, each with its own options, their defaults and rules, and
 * where it puts the analog chain. A builder per kind (package {@code analogsweep.model}) makes the
 * network; what a grid point may say about it is decided here, before anything is built.
 */
public enum ModelKind {
  /** AnalogVNN's fully connected model: flatten, hidden layers, classes. */
  LINEAR("linear", Placement.EVERY_BOUNDARY) {
    @Override
    ModelSection complete(FieldValues v) {
      List<Integer> hidden = v.has(GridField.HIDDEN_SIZES) ? v.get(GridField.HIDDEN_SIZES)
          : List.of(256, 128);
      int conv = v.has(GridField.CONV_DEPTH) ? v.<Integer>get(GridField.CONV_DEPTH) : 0;
      int linear = v.has(GridField.LINEAR_DEPTH) ? v.<Integer>get(GridField.LINEAR_DEPTH)
          : hidden.size() + 1;
      return new ModelSection(this, hidden, conv, linear);
    }

    @Override
    void check(ModelSection s) {
      Rules.check(s.hiddenSizes().size() <= 16, "hidden_sizes", s.hiddenSizes(),
          "at most 16 hidden layers");
      Rules.check(s.convDepth() == 0, "conv_depth", s.convDepth(),
          "the linear model has no conv layers");
      Rules.check(s.linearDepth() == s.hiddenSizes().size() + 1, "linear_depth",
          s.linearDepth(), "the linear model with hidden sizes " + s.hiddenSizes() + " has "
              + (s.hiddenSizes().size() + 1) + " linear layers");
    }
  },

  /** The paper's ConvNet: up to six 3x3 convolutions, then up to three FC layers. */
  CONVNET("convnet", Placement.EVERY_BOUNDARY) {
    @Override
    ModelSection complete(FieldValues v) {
      int conv = v.has(GridField.CONV_DEPTH) ? v.<Integer>get(GridField.CONV_DEPTH)
          : MAX_CONV_DEPTH;
      int linear = v.has(GridField.LINEAR_DEPTH) ? v.<Integer>get(GridField.LINEAR_DEPTH) : 3;
      List<Integer> hidden = v.has(GridField.HIDDEN_SIZES) ? v.get(GridField.HIDDEN_SIZES)
          : convnetHidden(linear);
      return new ModelSection(this, hidden, conv, linear);
    }

    @Override
    void check(ModelSection s) {
      Rules.check(s.convDepth() >= 0 && s.convDepth() <= MAX_CONV_DEPTH, "conv_depth",
          s.convDepth(), "must be in [0, " + MAX_CONV_DEPTH + "]");
      Rules.check(s.linearDepth() >= 1 && s.linearDepth() <= 3, "linear_depth",
          s.linearDepth(), "must be in [1, 3]");
      Rules.check(s.hiddenSizes().equals(convnetHidden(s.linearDepth())), "hidden_sizes",
          s.hiddenSizes(), "the ConvNet with linear_depth " + s.linearDepth()
              + " has hidden sizes " + convnetHidden(s.linearDepth()));
    }
  };

  /** The ConvNet's convolution widths, layer by layer (PAPER.md). */
  public static final List<Integer> CONVNET_CONV_WIDTHS = List.of(48, 48, 96, 96, 192, 192);

  /** The ConvNet's fully connected widths before the classifier (PAPER.md). */
  public static final List<Integer> CONVNET_FC_WIDTHS = List.of(512, 256);

  public static final int MAX_CONV_DEPTH = 6;

  private final String id;
  private final Placement placement;

  ModelKind(String id, Placement placement) {
    this.id = id;
    this.placement = placement;
  }

  public String id() {
    return id;
  }

  /** Where this model puts the analog chain unless a grid point names another placement. */
  public Placement placement() {
    return placement;
  }

  /** The model section from the values a grid point sets, with this kind's derived defaults. */
  abstract ModelSection complete(FieldValues values);

  /** Refuses options this kind cannot build, naming the field. */
  abstract void check(ModelSection section);

  static List<Integer> convnetHidden(int linearDepth) {
    return CONVNET_FC_WIDTHS.subList(0, Math.max(0, Math.min(linearDepth - 1, 2)));
  }

  public static ModelKind parse(String field, String text) {
    return ActivationFamily.byName(field, text, values(), "model");
  }

  @Override
  public String toString() {
    return id;
  }
}
