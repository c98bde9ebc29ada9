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
      return new ModelSection(this, hidden, conv, linear, v.get(GridField.VIT_DEPTH),
          v.get(GridField.RESNET_STEM));
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
      return new ModelSection(this, hidden, conv, linear, v.get(GridField.VIT_DEPTH),
          v.get(GridField.RESNET_STEM));
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
  },

  /**
   * VGG-A (configuration A of Simonyan and Zisserman): eight 3x3 convolutions 64, M, 128, M, 256,
   * 256, M, 512, 512, M, 512, 512, M, adaptive average pool to 7x7, FC 4096, 4096, classes with
   * dropout 0.5, no batch norm. Its depths are fixed: 8 conv layers, 3 FC layers.
   */
  VGG_A("vgg-a", Placement.BEFORE_LAYERS) {
    @Override
    ModelSection complete(FieldValues v) {
      return fixedDepth(this, v, VGG_FC_WIDTHS, 8, 3, null, null);
    }

    @Override
    void check(ModelSection s) {
      checkFixedDepth(s, VGG_FC_WIDTHS, 8, 3);
    }

    @Override
    void checkFamily(ActivationFamily family) {
      ungated(this, family);
    }
  },

  /**
   * ResNet-18: a stem, BasicBlocks 2, 2, 2, 2 of widths 64, 128, 256, 512 with batch norm and
   * 1x1 shortcut convolutions where the shape changes, global average pool, FC classes. Its depths
   * are fixed: 17 conv layers on the main path (3 shortcut convolutions besides), 1 FC layer.
   */
  RESNET_18("resnet-18", Placement.BEFORE_LAYERS) {
    @Override
    ModelSection complete(FieldValues v) {
      return fixedDepth(this, v, List.of(), 17, 1, null, ResNetStem.CIFAR);
    }

    @Override
    void check(ModelSection s) {
      checkFixedDepth(s, List.of(), 17, 1);
      Rules.check(s.resnetStem() != null, "resnet_stem", null, "resnet-18 needs a stem");
    }

    @Override
    void checkFamily(ActivationFamily family) {
      ungated(this, family);
    }
  },

  /**
   * The Vision Transformer of the authors: patches of 4x4, width 512, vit_depth pre-norm blocks of
   * 8 heads of 64 and an MLP of 512 (the gated family halves it to 256), dropout 0.5, a class
   * token, LayerNorm and FC classes. Only the input image is analog by default.
   */
  VIT("vit", Placement.INPUT_ONLY) {
    @Override
    ModelSection complete(FieldValues v) {
      return fixedDepth(this, v, List.of(), 0, 0, DEFAULT_VIT_DEPTH, null);
    }

    @Override
    void check(ModelSection s) {
      checkFixedDepth(s, List.of(), 0, 0);
      Rules.check(s.vitDepth() != null && s.vitDepth() >= 1 && s.vitDepth() <= MAX_VIT_DEPTH,
          "vit_depth", s.vitDepth(), "must be in [1, " + MAX_VIT_DEPTH + "]");
    }
  };

  /** The ConvNet's convolution widths, layer by layer (PAPER.md). */
  public static final List<Integer> CONVNET_CONV_WIDTHS = List.of(48, 48, 96, 96, 192, 192);

  /** The ConvNet's fully connected widths before the classifier (PAPER.md). */
  public static final List<Integer> CONVNET_FC_WIDTHS = List.of(512, 256);

  public static final int MAX_CONV_DEPTH = 6;

  /** VGG-A's fully connected widths before the classifier. */
  public static final List<Integer> VGG_FC_WIDTHS = List.of(4096, 4096);

  public static final int MAX_VIT_DEPTH = 6;

  /** The ViT depth of the paper's figures, used where a point does not set one. */
  public static final int DEFAULT_VIT_DEPTH = 4;

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

  /** Refuses an activation family this kind cannot place, naming the field. */
  void checkFamily(ActivationFamily family) {}

  /**
   * The section of a model whose depths are fixed, with this kind's ViT depth and ResNet stem
   * where the point leaves them out (or says none); given values are kept for check to judge.
   */
  private static ModelSection fixedDepth(ModelKind kind, FieldValues v, List<Integer> hidden,
      int conv, int linear, Integer vitDepth, ResNetStem stem) {
    Integer givenDepth = v.get(GridField.VIT_DEPTH);
    ResNetStem givenStem = v.get(GridField.RESNET_STEM);
    return new ModelSection(kind,
        v.has(GridField.HIDDEN_SIZES) ? v.get(GridField.HIDDEN_SIZES) : hidden,
        v.has(GridField.CONV_DEPTH) ? v.<Integer>get(GridField.CONV_DEPTH) : conv,
        v.has(GridField.LINEAR_DEPTH) ? v.<Integer>get(GridField.LINEAR_DEPTH) : linear,
        givenDepth != null ? givenDepth : vitDepth, givenStem != null ? givenStem : stem);
  }

  private static void checkFixedDepth(ModelSection s, List<Integer> hidden, int conv,
      int linear) {
    String kind = s.kind().id();
    String depth = s.kind() == VIT ? "; its depth is vit_depth" : " (a fixed architecture)";
    Rules.check(s.convDepth() == conv, "conv_depth", s.convDepth(),
        kind + " has " + conv + " conv layers" + depth);
    Rules.check(s.linearDepth() == linear, "linear_depth", s.linearDepth(),
        kind + " has " + (s.kind() == VIT ? "no FC layers outside its blocks (0)"
            : linear + " FC layers") + depth);
    Rules.check(s.hiddenSizes().equals(hidden), "hidden_sizes", s.hiddenSizes(),
        kind + " has hidden sizes " + hidden + depth);
  }

  /** The gated family halves the features after each layer, which VGG and ResNet do not allow. */
  private static void ungated(ModelKind kind, ActivationFamily family) {
    Rules.check(!family.gated(), "family", family, kind.id() + " takes relu-gelu or relu-silu "
        + "(the gated family is for vit, linear and convnet)");
  }

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
