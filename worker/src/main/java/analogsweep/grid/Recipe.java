package analogsweep.grid;

import java.util.EnumMap;
import java.util.Map;

/**
 * Which set of defaults trains a grid point where it leaves a choice open. {@link #AUTHORS} is
 * what the authors' code behind the paper's figures does, model by model (the architectures say
 * how: initialization, layout, batch size, epochs, stop rules, data pipeline, where the chain
 * sits, the weight-gradient rule); {@link #ANALOGSWEEP_1} is what this project did before it
 * followed them, kept so that every result stored then keeps its meaning and id. A folder keeps
 * the recipe it was created with: sweep files run into a folder made before recipes existed
 * expand under {@link #ANALOGSWEEP_1}.
 */
public enum Recipe {
  AUTHORS("authors"),
  ANALOGSWEEP_1("analogsweep-1");

  private final String id;

  Recipe(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /**
   * The derivative of the rectified part at exactly 0 this recipe gives {@code family}: the
   * authors' GELU family used the leak a, their SiLU and GeGLU families 1; this project used a.
   */
  public DerivativeAtZero reluDerivativeAtZero(ActivationFamily family) {
    return this == AUTHORS && family != ActivationFamily.RELU_GELU ? DerivativeAtZero.ONE
        : DerivativeAtZero.LEAK;
  }

  /**
   * Whether weight gradients pass straight through the chain's clamp: the authors' (AnalogVNN's
   * parametrization passes them unchanged); this project masked them where |w| > 1.
   */
  public boolean weightGradientPassesClamp() {
    return this == AUTHORS;
  }

  /**
   * Where Adam adds its epsilon under this recipe: after the bias correction under authors, as
   * torch.optim.Adam (the authors' optimizer); DJL's placement under analogsweep-1. Folders
   * created before authors took torch's keep DJL's ({@link FolderRecipe#pinned}).
   */
  public AdamEpsilon adamEpsilon() {
    return this == AUTHORS ? AdamEpsilon.TORCH : AdamEpsilon.DJL;
  }

  /**
   * The defaults a point of {@code model} and {@code family} takes under this recipe where it
   * leaves a field out: the model's training defaults ({@link ModelRules#trainingDefaults}), the
   * derivative at zero for the family and Adam's epsilon. Fields not named keep the catalogue's
   * default.
   */
  public Map<GridField, Object> defaults(ModelRules model, ActivationFamily family) {
    Map<GridField, Object> defaults = new EnumMap<>(GridField.class);
    defaults.putAll(model.trainingDefaults(this));
    defaults.put(GridField.RELU_DERIVATIVE_AT_ZERO, reluDerivativeAtZero(family));
    defaults.put(GridField.ADAM_EPSILON, adamEpsilon());
    return defaults;
  }

  public static Recipe parse(String field, String text) {
    return Names.byName(field, text, values(), "recipe");
  }

  @Override
  public String toString() {
    return id;
  }
}
