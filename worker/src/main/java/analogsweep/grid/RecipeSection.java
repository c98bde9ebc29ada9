package analogsweep.grid;

import java.io.Serializable;
import java.util.Objects;

/**
 * How a grid point's network starts and ends, and which defaults it was completed with: the
 * recipe (whose other choices its model applies: layout, stop rules, data pipeline, the chain's
 * weight-gradient rule), the initialization, and whether the classifier is followed by the
 * chain's analog-to-digital end and the activation.
 */
public record RecipeSection(Recipe recipe, Initialization init, boolean classifierActivation)
    implements Serializable {

  public RecipeSection {
    Objects.requireNonNull(recipe, "recipe");
    Objects.requireNonNull(init, "init");
  }

  /** The section of {@code v} for {@code model}, whose own initialization decides "authors". */
  static RecipeSection from(FieldValues v, ModelRules model) {
    Initialization init = v.get(GridField.INIT);
    return new RecipeSection(v.get(GridField.RECIPE),
        init == Initialization.AUTHORS && !model.authorsInitialize() ? Initialization.UNIFORM
            : init, v.get(GridField.CLASSIFIER_ACTIVATION));
  }
}
