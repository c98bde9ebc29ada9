package analogsweep.grid;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The network of a grid point: its kind and the options that kind reads. For the linear model the
 * hidden sizes are authoritative, {@code convDepth} is 0 and {@code linearDepth} counts its Linear
 * layers; for the ConvNet the two depths are authoritative and {@code hiddenSizes} is the kept
 * prefix of its FC widths (512, 256). VGG-A and ResNet-18 have fixed depths, which these fields
 * record; the ViT's depth is {@code vitDepth} (null for every other model), and ResNet-18's stem
 * is {@code resnetStem} (null for every other model). The point's recipe and whether its
 * classifier is followed by the activation are repeated here (from {@link RecipeSection}) because
 * they shape the network: the ConvNet's layout follows the recipe, and a classifier followed by a
 * gated activation is twice as wide; so every reader of a network's layout or cost, and every
 * pack of points (which share one section), sees them. Each model checks its own options
 * ({@link ModelRules}).
 */
public record ModelSection(ModelKind kind, List<Integer> hiddenSizes, int convDepth,
    int linearDepth, Integer vitDepth, ResNetStem resnetStem, Recipe recipe,
    boolean classifierActivation) implements Serializable {

  public ModelSection(ModelKind kind, List<Integer> hiddenSizes, int convDepth,
      int linearDepth, Integer vitDepth, ResNetStem resnetStem, Recipe recipe,
      boolean classifierActivation) {
    this.kind = Objects.requireNonNull(kind, "model");
    this.recipe = Objects.requireNonNull(recipe, "recipe");
    this.classifierActivation = classifierActivation;
    this.hiddenSizes = List.copyOf(Objects.requireNonNull(hiddenSizes, "hidden_sizes"));
    this.convDepth = convDepth;
    this.linearDepth = linearDepth;
    this.vitDepth = vitDepth;
    this.resnetStem = resnetStem;
    for (int width : this.hiddenSizes) {
      Rules.check(FieldRange.of(GridField.HIDDEN_SIZES).contains(width), "hidden_sizes",
          hiddenSizes, "every width must be in " + FieldRange.of(GridField.HIDDEN_SIZES).text());
    }
    checkOwned(GridField.VIT_DEPTH, vitDepth);
    checkOwned(GridField.RESNET_STEM, resnetStem);
    kind.rules().check(this); // after every field is set: the model reads them
  }

  /** Refuses an option that only other models take, naming them. */
  private void checkOwned(GridField option, Object value) {
    if (value == null || kind.rules().options().contains(option)) {
      return;
    }
    List<String> owners = new ArrayList<>();
    for (ModelKind k : ModelKind.values()) {
      if (k.rules().options().contains(option)) {
        owners.add(k.id());
      }
    }
    Rules.check(false, option.column(), value, "applies to model " + String.join(" or ", owners)
        + " only (model is " + kind.id() + "); leave it out");
  }

  static ModelSection from(FieldValues values) {
    ModelKind kind = values.get(GridField.MODEL);
    return kind.rules().complete(kind, values);
  }
}
