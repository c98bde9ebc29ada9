package analogsweep.grid;

import java.util.List;
import java.util.Objects;

/**
 * The network of a grid point: its kind and the options that kind reads. For the linear model the
 * hidden sizes are authoritative, {@code convDepth} is 0 and {@code linearDepth} counts its Linear
 * layers; for the ConvNet the two depths are authoritative and {@code hiddenSizes} is the kept
 * prefix of its FC widths (512, 256). VGG-A and ResNet-18 have fixed depths, which these fields
 * record; the ViT's depth is {@code vitDepth} (null for every other model), and ResNet-18's stem
 * is {@code resnetStem} (null for every other model). Each kind checks its own options
 * ({@link ModelKind}).
 */
public record ModelSection(ModelKind kind, List<Integer> hiddenSizes, int convDepth,
    int linearDepth, Integer vitDepth, ResNetStem resnetStem) implements java.io.Serializable {

  public ModelSection(ModelKind kind, List<Integer> hiddenSizes, int convDepth,
      int linearDepth, Integer vitDepth, ResNetStem resnetStem) {
    this.kind = Objects.requireNonNull(kind, "model");
    this.hiddenSizes = List.copyOf(Objects.requireNonNull(hiddenSizes, "hidden_sizes"));
    this.convDepth = convDepth;
    this.linearDepth = linearDepth;
    this.vitDepth = vitDepth;
    this.resnetStem = resnetStem;
    for (int width : this.hiddenSizes) {
      Rules.check(FieldRange.of(GridField.HIDDEN_SIZES).contains(width), "hidden_sizes",
          hiddenSizes, "every width must be in " + FieldRange.of(GridField.HIDDEN_SIZES).text());
    }
    Rules.check(vitDepth == null || kind == ModelKind.VIT, "vit_depth", vitDepth,
        "applies to model vit only (model is " + kind.id() + "); leave it out");
    Rules.check(resnetStem == null || kind == ModelKind.RESNET_18, "resnet_stem", resnetStem,
        "applies to model resnet-18 only (model is " + kind.id() + "); leave it out");
    kind.check(this); // after every field is set: the kind reads them
  }

  static ModelSection from(FieldValues values) {
    return values.<ModelKind>get(GridField.MODEL).complete(values);
  }
}
